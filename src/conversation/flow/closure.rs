//! A coordinator marks their centre closed for a while (a reason, then until
//! when), or open again. Cards and nearest answers show the closure; the
//! centre's subscribers are told by a broadcast.

use chrono::{Duration, NaiveDateTime};

use super::effect::{Effect, Outcome};
use super::groups::centre_name;
use super::{Context, Step, card, coordinate, draft, help_now_button};
use crate::conversation::reply::{Action, Button, Reply};
use crate::conversation::state::State;
use crate::domain::CentreId;
use crate::i18n::Text;

/// The longest reason (the database allows the same).
pub const MAX_REASON_CHARS: usize = 300;

fn back() -> Vec<Button> {
    vec![Button { label: Text::new("coord-back"), action: Action::Coordinate }, help_now_button()]
}

/// Asks why the centre is closing.
pub fn start(ctx: &Context<'_>, centre: &CentreId) -> Step {
    if coordinate::subscribers(ctx, centre.as_str()).is_none() {
        return coordinate::not_found(ctx);
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
        Ok(until) => {
            let effect = Effect::CloseCentre { centre, reason, until };
            Step { state: State::Idle, language: ctx.language, replies: Vec::new(), effect: Some(effect) }
        }
        Err(error) => ask_until(ctx, centre, reason, Some(coordinate::draft_error_text(error))),
    }
}

fn ask_until(ctx: &Context<'_>, centre: String, reason: String, error: Option<Text>) -> Step {
    let example = (ctx.now.date() + Duration::days(1)).format("%d.%m.%Y 09:00").to_string();
    let mut reply = Reply::default();
    if let Some(error) = error {
        reply = reply.line(error);
    }
    let reply = reply.line(Text::new("closure-ask-until").plain("example", example)).buttons(back());
    Step::new(State::Closing { centre, reason: Some(reason) }, ctx.language, reply)
}

/// "Open again" for a centre the person coordinates.
pub fn reopen(ctx: &Context<'_>, state: State, centre: &CentreId) -> Step {
    if coordinate::subscribers(ctx, centre.as_str()).is_none() {
        return coordinate::not_found(ctx);
    }
    let effect = Effect::ReopenCentre { centre: centre.to_string() };
    Step { state, language: ctx.language, replies: Vec::new(), effect: Some(effect) }
}

/// The desk's button for a centre: close it, or open it again.
pub fn desk_button(ctx: &Context<'_>, centre: &CentreId) -> Button {
    match card::closure(ctx, centre) {
        Some(_) => Button { label: Text::new("closure-reopen"), action: Action::ReopenCentre(centre.clone()) },
        None => Button { label: Text::new("closure-close"), action: Action::CloseCentre(centre.clone()) },
    }
}

pub fn after(_ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    let reply = match (effect, outcome) {
        (Effect::CloseCentre { until, .. }, Outcome::ClosureSet(true)) => {
            Reply::default().line(until_text("closure-done", *until))
        }
        (_, Outcome::Reopened(true)) => Reply::default().line(Text::new("closure-reopened")),
        (_, Outcome::Reopened(false)) => Reply::default().line(Text::new("closure-not-closed")),
        _ => Reply::default().line(Text::new("coord-not-found")),
    };
    reply.buttons(back())
}

fn until_text(id: &'static str, until: NaiveDateTime) -> Text {
    use chrono::Timelike;
    Text::new(id)
        .with("date", crate::i18n::Arg::Date(until.date()))
        .with("time", crate::i18n::Arg::AtTime { hour: until.hour(), minute: until.minute() })
}
