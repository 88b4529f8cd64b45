//! "This is wrong" on a centre's card: what is wrong (address, phone,
//! hours, closed, other), optionally how, then the centre's coordinators are
//! told. They are never shown who reported; a person over the limits
//! (`store::report`) is told kindly why nothing went.

use super::effect::{Effect, Outcome};
use super::view::{centre_name, help_now_button, menu_button, stale_button, topic_id};
use super::{Context, Step};
use crate::conversation::action::{Action, Skipped};
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::domain::CentreId;
use crate::i18n::Text;
use crate::store::{Filed, REPORTS_PER_DAY, TOPICS};

/// The longest explanation kept (the database allows the same).
pub const MAX_DETAILS_CHARS: usize = 500;

/// Asks what is wrong.
pub fn start(ctx: &Context<'_>, centre: &CentreId) -> Step {
    if ctx.directory.get(centre).is_none() {
        return Step::new(State::Idle, ctx.language, stale_button(ctx));
    }
    let mut reply =
        Reply::default().line(Text::new("report-ask-topic").plain("centre", centre_name(ctx, centre.as_str())));
    for topic in TOPICS {
        reply = reply.button(Text::new(topic_id(topic)), Action::ReportTopic(topic.to_owned()));
    }
    let reply = reply.buttons([help_now_button(), menu_button()]);
    Step::new(State::Reporting { centre: centre.to_string(), topic: None }, ctx.language, reply)
}

/// The chosen topic; then the optional details.
pub fn topic(ctx: &Context<'_>, state: State, topic: &str) -> Step {
    let State::Reporting { centre, topic: None } = state else {
        return Step::new(state, ctx.language, stale_button(ctx));
    };
    let Some(skip) = send_without_button(&centre) else {
        return Step::new(State::Idle, ctx.language, stale_button(ctx));
    };
    let reply =
        Reply::default().line(Text::new("report-ask-details")).buttons([skip, help_now_button(), menu_button()]);
    Step::new(State::Reporting { centre, topic: Some(topic.to_owned()) }, ctx.language, reply)
}

/// The typed details (or none, with "Send without"), then the report goes.
pub fn details(ctx: &Context<'_>, centre: String, topic: Option<String>, details: Option<&str>) -> Step {
    let Some(topic) = topic else {
        // A topic is chosen with a button: ask again.
        let Ok(id) = CentreId::parse(&centre) else {
            return Step::new(State::Idle, ctx.language, stale_button(ctx));
        };
        return start(ctx, &id);
    };
    if let Some(text) = details
        && (text.is_empty() || text.chars().count() > MAX_DETAILS_CHARS)
    {
        let Some(skip) = send_without_button(&centre) else {
            return Step::new(State::Idle, ctx.language, stale_button(ctx));
        };
        let reply = Reply::default()
            .line(Text::new("report-bad-details").count("max", MAX_DETAILS_CHARS as i64))
            .buttons([skip, help_now_button(), menu_button()]);
        return Step::new(State::Reporting { centre, topic: Some(topic) }, ctx.language, reply);
    }
    let effect = Effect::Report { centre, topic, details: details.map(str::to_owned) };
    Step::effect(State::Idle, ctx.language, effect)
}

/// "Send without details", for this centre's report only.
fn send_without_button(centre: &str) -> Option<Button> {
    let centre = CentreId::parse(centre).ok()?;
    Some(Button { label: Text::new("report-send-without"), action: Action::Skip(Skipped::ReportDetails(centre)) })
}

pub fn after(_ctx: &Context<'_>, outcome: &Outcome) -> Reply {
    let reply = match outcome {
        Outcome::Reported(Filed::Told(0)) => Reply::default().line(Text::new("report-thanks-no-coordinator")),
        Outcome::Reported(Filed::Told(_)) => Reply::default().line(Text::new("report-thanks")),
        Outcome::Reported(Filed::AlreadyOpen) => Reply::default().line(Text::new("report-already-open")),
        Outcome::Reported(Filed::OverQuota) => {
            Reply::default().line(Text::new("report-over-quota").count("count", i64::from(REPORTS_PER_DAY)))
        }
        // Muted people are not told so (that would invite a new account),
        // and nothing said here is untrue.
        Outcome::Reported(Filed::Muted) => Reply::default().line(Text::new("report-thanks-muted")),
        Outcome::Resolved(true) => Reply::default().line(Text::new("report-resolved")),
        Outcome::ReporterMuted(true) => Reply::default().line(Text::new("report-muted")),
        Outcome::ReporterMuted(false) => Reply::default().line(Text::new("report-mute-gone")),
        _ => Reply::default().line(Text::new("report-not-open")),
    };
    reply.buttons([help_now_button(), menu_button()])
}
