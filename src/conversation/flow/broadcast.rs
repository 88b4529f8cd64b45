//! Coordinators' messages to a centre's subscribers: write one (or pick this
//! week's schedule), see it as subscribers will with the number of
//! recipients, send it now or at a time, follow its progress, and cancel one
//! that has not gone yet. Also what subscribers receive.

use chrono::NaiveDateTime;
use chrono_tz::Europe::Kyiv;

use super::desk::{self, broadcasts, cohorts_at, not_found, subscribers};
use super::effect::{Effect, Outcome};
use super::view::{centre_name, date_error, example_tomorrow, stale_button, with_date_time};
use super::{Context, Step, draft};
use crate::conversation::action::Action;
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::domain::{CentreId, Closure};
use crate::i18n::Text;
use crate::store::{BroadcastBody, CohortView};
use crate::wording::broadcast::{Under, buttons, clean_message, paragraphs};

pub use crate::wording::broadcast::MAX_MESSAGE_CHARS;

/// The centre's broadcasts, the desk and help.
fn back(centre: &str) -> Vec<Button> {
    let mut buttons = desk::back();
    if let Ok(id) = CentreId::parse(centre) {
        buttons.insert(0, Button { label: Text::new("broadcast-list"), action: Action::Broadcasts(id) });
    }
    buttons
}

/// Asks for the message (or the schedule) for a centre the person coordinates.
pub fn compose(ctx: &Context<'_>, centre: &CentreId) -> Step {
    let Some(subscribers) = subscribers(ctx, centre.as_str()) else { return not_found(ctx) };
    let reply = Reply::default()
        .line(
            Text::new("broadcast-ask")
                .plain("centre", centre_name(ctx, centre.as_str()))
                .count("subscribers", subscribers),
        )
        .button(Text::new("broadcast-schedule"), Action::BroadcastSchedule)
        .buttons(back(centre.as_str()));
    Step::new(State::Composing { centre: centre.to_string() }, ctx.language, reply)
}

/// The typed message, checked, then the preview.
pub fn written(ctx: &Context<'_>, centre: String, text: &str) -> Step {
    let Some(text) = clean_message(text) else {
        let reply = Reply::default()
            .line(Text::new("broadcast-bad-length").count("max", MAX_MESSAGE_CHARS as i64))
            .buttons(back(&centre));
        return Step::new(State::Composing { centre }, ctx.language, reply);
    };
    preview(ctx, centre, Some(text), None)
}

/// A pressed button while writing or previewing a broadcast.
pub fn choice(ctx: &Context<'_>, state: State, action: &Action) -> Step {
    match (state, action) {
        (State::Composing { centre }, Action::BroadcastSchedule) => preview(ctx, centre, None, None),
        (State::Announcing { centre, body, send_at, .. }, Action::BroadcastLater) => {
            let reply = Reply::default()
                .line(Text::new("broadcast-ask-time").plain("example", example_tomorrow(ctx, 9)))
                .buttons(back(&centre));
            Step::new(State::Announcing { centre, body, send_at, asking_time: true }, ctx.language, reply)
        }
        (State::Announcing { centre, body, send_at, asking_time: false }, Action::BroadcastSend) => {
            let body = body.map_or(BroadcastBody::Schedule, BroadcastBody::Message);
            Step::effect(State::Idle, ctx.language, Effect::Broadcast { centre, body, send_at })
        }
        (state, _) => Step::new(state, ctx.language, stale_button(ctx)),
    }
}

/// The typed time to send at.
pub fn time_answer(ctx: &Context<'_>, centre: String, body: Option<String>, text: &str) -> Step {
    match draft::read_first(text, ctx.now) {
        Ok(at) => preview(ctx, centre, body, Some(at)),
        Err(error) => {
            let reply = Reply::default()
                .line(date_error(error))
                .line(Text::new("broadcast-ask-time").plain("example", example_tomorrow(ctx, 9)))
                .buttons(back(&centre));
            Step::new(State::Announcing { centre, body, send_at: None, asking_time: true }, ctx.language, reply)
        }
    }
}

/// The message as a subscriber will see it (in the coordinator's language),
/// how many will get it and when, and the buttons to send or schedule it.
fn preview(ctx: &Context<'_>, centre: String, body: Option<String>, send_at: Option<NaiveDateTime>) -> Step {
    let subscribers = subscribers(ctx, &centre).unwrap_or(0);
    let cohorts: Vec<CohortView> = cohorts_at(ctx, &centre).cloned().collect();
    let shown = body.clone().map_or(BroadcastBody::Schedule, BroadcastBody::Message);
    let mut reply = Reply::default().line(Text::new("broadcast-preview-title"));
    for paragraph in message(ctx, &centre, &shown, &cohorts, None).paragraphs {
        reply = reply.paragraph(paragraph);
    }
    let when = match send_at {
        Some(at) => with_date_time(Text::new("broadcast-preview-at"), at).count("subscribers", subscribers),
        None => Text::new("broadcast-preview-now").count("subscribers", subscribers),
    };
    let send_label = if send_at.is_some() { "broadcast-confirm-schedule" } else { "broadcast-send-now" };
    let reply = reply
        .line(when)
        .button(Text::new(send_label), Action::BroadcastSend)
        .button(Text::new("broadcast-later"), Action::BroadcastLater)
        .buttons(back(&centre));
    Step::new(State::Announcing { centre, body, send_at, asking_time: false }, ctx.language, reply)
}

/// What a subscriber receives: the coordinator's words under the centre's
/// name, or the sessions of the centre's groups in the coming week.
pub fn message(
    ctx: &Context<'_>,
    centre: &str,
    body: &BroadcastBody,
    cohorts: &[CohortView],
    closure: Option<&Closure>,
) -> Reply {
    let name = centre_name(ctx, centre);
    let mut reply = Reply::default();
    for paragraph in paragraphs(&name, body, cohorts, closure, ctx.now, ctx.language) {
        reply = reply.paragraph(paragraph);
    }
    let id = CentreId::parse(centre).ok();
    for under in buttons(body) {
        let action = match (under, &id) {
            (Under::CentreGroups, Some(id)) => Action::CentreGroups(id.clone()),
            (Under::Unsubscribe, Some(id)) => Action::Unsubscribe(id.clone()),
            (Under::HelpNow, _) => Action::HelpNow,
            (Under::Menu, _) => Action::Menu,
            // Not a centre's id: no centre's buttons.
            _ => continue,
        };
        reply = reply.button(under.label(), action);
    }
    reply
}

/// A centre's recent and scheduled broadcasts with their progress.
pub fn list(ctx: &Context<'_>, centre: &CentreId) -> Step {
    let (true, Some(broadcasts)) = (desk::owns_centre(ctx, centre.as_str()), broadcasts(ctx)) else {
        return not_found(ctx);
    };
    let mut lines = vec![Text::new("broadcast-list-title").plain("centre", centre_name(ctx, centre.as_str()))];
    let mut reply = Reply::default();
    if broadcasts.is_empty() {
        lines.push(Text::new("broadcast-list-none"));
    }
    for b in broadcasts {
        let local = b.send_at.with_timezone(&Kyiv).naive_local();
        let what = Text::new(if b.schedule { "broadcast-kind-schedule" } else { "broadcast-kind-message" });
        let item = Text::new("broadcast-list-item").count("number", b.id).message("what", what);
        lines.push(
            with_date_time(item, local)
                .plain("status", b.status.as_str())
                .count("sent", b.sent)
                .count("blocked", b.blocked)
                .count("failed", b.failed)
                .count("pending", b.pending),
        );
        if b.status == "scheduled" {
            reply = reply.button(Text::new("broadcast-cancel").count("number", b.id), Action::BroadcastCancel(b.id));
        }
    }
    let reply = reply
        .paragraph(lines)
        .button(Text::new("broadcast-new"), Action::BroadcastNew(centre.clone()))
        .buttons(desk::back());
    Step::new(State::Idle, ctx.language, reply)
}

/// The answer once a broadcast was queued or cancelled.
pub fn after(_ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    let centre = match effect {
        Effect::Broadcast { centre, .. } => centre.as_str(),
        _ => "",
    };
    let reply = match (effect, outcome) {
        (Effect::Broadcast { send_at: None, .. }, Outcome::Announced(true)) => {
            Reply::default().line(Text::new("broadcast-sending"))
        }
        (Effect::Broadcast { send_at: Some(at), .. }, Outcome::Announced(true)) => {
            Reply::default().line(with_date_time(Text::new("broadcast-scheduled"), *at))
        }
        (_, Outcome::AnnouncedTooLate) => Reply::default().line(Text::new("broadcast-too-late")),
        (_, Outcome::BroadcastCancelled(true)) => Reply::default().line(Text::new("broadcast-cancelled")),
        (_, Outcome::BroadcastCancelled(false)) => Reply::default().line(Text::new("broadcast-not-cancelled")),
        _ => Reply::default().line(Text::new("coord-not-found")),
    };
    reply.buttons(back(centre))
}
