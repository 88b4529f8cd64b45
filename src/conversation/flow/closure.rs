//! A coordinator marks their centre closed for a while (a reason, then until
//! when), or open again. Cards and nearest answers show the closure; the
//! centre's subscribers are told by a broadcast.

use super::desk::{back, not_found, owns_centre};
use super::effect::{Effect, Outcome};
use super::view::{centre_name, date_error, example_tomorrow, with_date_time};
use super::{Context, Step, draft};
use crate::conversation::reply::Reply;
use crate::conversation::state::State;
use crate::domain::CentreId;
use crate::i18n::Text;

/// The longest reason (the database allows the same).
pub const MAX_REASON_CHARS: usize = 300;

/// Asks why the centre is closing.
pub fn start(ctx: &Context<'_>, centre: &CentreId) -> Step {
    if !owns_centre(ctx, centre.as_str()) {
        return not_found(ctx);
    }
    let reply = Reply::default()
        .line(Text::new("closure-ask-reason").plain("centre", centre_name(ctx, centre.as_str())))
        .buttons(back());
    Step::new(State::Closing { centre: centre.to_string(), reason: None }, ctx.language, reply)
}

/// The typed reason, then the typed end.
pub fn answer(ctx: &Context<'_>, centre: String, reason: Option<String>, text: &str) -> Step {
    let Some(reason) = reason else {
        if text.is_empty() || text.chars().count() > MAX_REASON_CHARS {
            let reply = Reply::default()
                .line(Text::new("closure-bad-reason").count("max", MAX_REASON_CHARS as i64))
                .buttons(back());
            return Step::new(State::Closing { centre, reason: None }, ctx.language, reply);
        }
        return ask_until(ctx, centre, text.to_owned(), None);
    };
    match draft::read_first(text, ctx.now) {
        Ok(until) => Step::effect(State::Idle, ctx.language, Effect::CloseCentre { centre, reason, until }),
        Err(error) => ask_until(ctx, centre, reason, Some(date_error(error))),
    }
}

fn ask_until(ctx: &Context<'_>, centre: String, reason: String, error: Option<Text>) -> Step {
    let example = example_tomorrow(ctx, 9);
    let mut reply = Reply::default();
    if let Some(error) = error {
        reply = reply.line(error);
    }
    let reply = reply.line(Text::new("closure-ask-until").plain("example", example)).buttons(back());
    Step::new(State::Closing { centre, reason: Some(reason) }, ctx.language, reply)
}

/// "Open again" for a centre the person coordinates.
pub fn reopen(ctx: &Context<'_>, state: State, centre: &CentreId) -> Step {
    if !owns_centre(ctx, centre.as_str()) {
        return not_found(ctx);
    }
    Step::effect(state, ctx.language, Effect::ReopenCentre { centre: centre.to_string() })
}

/// The answer once a closure was set or ended.
pub fn after(_ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    let reply = match (effect, outcome) {
        (Effect::CloseCentre { until, .. }, Outcome::ClosureSet(true)) => {
            Reply::default().line(with_date_time(Text::new("closure-done"), *until))
        }
        (_, Outcome::Reopened(true)) => Reply::default().line(Text::new("closure-reopened")),
        (_, Outcome::Reopened(false)) => Reply::default().line(Text::new("closure-not-closed")),
        _ => Reply::default().line(Text::new("coord-not-found")),
    };
    reply.buttons(back())
}
