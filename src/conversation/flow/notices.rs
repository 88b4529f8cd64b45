//! Messages the bot sends on its own, worded in the recipient's language:
//! a seat freed up, a group was cancelled, a session is tomorrow, and (to a
//! coordinator) a participant cannot come.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Kyiv;

use super::desk::back_button;
use super::view::{
    centre_name, help_now_button, menu_button, mine_button, programme_title, session_line, sessions, start_date,
    topic_id, with_date_time,
};
use super::{Context, card};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::domain::CentreId;
use crate::i18n::Text;
use crate::store::{CohortView, Notice};

/// The message for a notice about `cohort`. `first_name` is the participant's
/// for a note to a coordinator.
pub fn render(ctx: &Context<'_>, notice: &Notice, cohort: &CohortView, first_name: Option<&str>) -> Reply {
    let programme = programme_title(cohort, ctx.language).to_owned();
    let centre = centre_name(ctx, &cohort.centre);
    match notice {
        Notice::Promoted { signup, .. } => Reply::default()
            .line(Text::new("notice-promoted").plain("programme", programme).plain("centre", centre))
            .paragraph(sessions(cohort))
            .line(Text::new("notice-promoted-decline"))
            .button(Text::new("notice-decline"), Action::Decline(*signup))
            .buttons([mine_button(), help_now_button(), menu_button()]),
        Notice::CohortCancelled { .. } => {
            let mut reply = Reply::default().line(
                Text::new("notice-cancelled")
                    .plain("programme", programme)
                    .plain("centre", centre)
                    .with("date", start_date(cohort)),
            );
            if let Ok(id) = CentreId::parse(&cohort.centre) {
                reply = reply.button(Text::new("card-groups"), Action::CentreGroups(id));
            }
            reply.buttons([help_now_button(), menu_button()])
        }
        Notice::Reminder { signup, session, .. } => {
            let Some((at, minutes)) = session_at(cohort, *session) else { return Reply::default() };
            // Normally the evening before; after an outage, the morning of the day.
            let today = at.with_timezone(&Kyiv).date_naive() == ctx.now.date();
            let mut lines = vec![
                Text::new("notice-reminder")
                    .plain("when", if today { "today" } else { "tomorrow" })
                    .message("session", session_line(*session as usize, at, minutes))
                    .count("count", cohort.sessions.len() as i64)
                    .plain("programme", programme),
            ];
            lines.push(where_line(ctx, cohort, centre));
            let mut reply = Reply::default()
                .paragraph(lines)
                .button(Text::new("notice-cant-come"), Action::CantCome { signup: *signup, session: *session });
            reply = reply.button(Text::new("notice-leave"), Action::Leave(*signup));
            if (*session as usize) < cohort.sessions.len() {
                reply = reply.button(Text::new("notice-quiet"), Action::StopReminders(*signup));
            }
            reply.buttons([help_now_button(), menu_button()])
        }
        Notice::BroadcastReport { .. }
        | Notice::CentreReport { .. }
        | Notice::CentreEdited { .. }
        | Notice::CheckinReminder
        | Notice::InviteUsed { .. }
        | Notice::WeeklyStats { .. } => to_coordinator(ctx, notice, None).unwrap_or_default(),
        Notice::CantCome { session, .. } => {
            let Some((at, _)) = session_at(cohort, *session) else { return Reply::default() };
            let who = match first_name {
                Some(name) => Text::new("coord-list-name").typed("name", name),
                None => Text::new("notice-absent-someone"),
            };
            let local = at.with_timezone(&Kyiv).naive_local();
            let absent = Text::new("notice-absent").message("who", who).count("number", i64::from(*session));
            Reply::default()
                .line(with_date_time(absent, local).plain("programme", programme))
                .button(Text::new("coord-back-to-group"), Action::CoordCohort(cohort.id.clone()))
                .buttons([help_now_button(), menu_button()])
        }
    }
}

/// Notices to a coordinator that are not about a group: how their broadcast
/// went, and "this is wrong" reports about their centre's card.
pub fn to_coordinator(ctx: &Context<'_>, notice: &Notice, details: Option<&str>) -> Option<Reply> {
    let reply = match notice {
        Notice::BroadcastReport { centre, sent, blocked, failed, .. } => Reply::default().line(
            Text::new("broadcast-report")
                .plain("centre", centre_name(ctx, centre))
                .count("sent", *sent)
                .count("blocked", *blocked)
                .count("failed", *failed),
        ),
        Notice::CentreReport { report, centre, topic } => {
            let mut reply = Reply::default().line(
                Text::new("report-to-coordinator")
                    .plain("centre", centre_name(ctx, centre))
                    .message("topic", Text::new(topic_id(topic))),
            );
            if let Some(details) = details {
                reply = reply.line(Text::new("report-details").typed("details", details));
            }
            reply
                .button(Text::new("report-handled"), Action::ReportHandled(*report))
                .button(Text::new("report-confirmed"), Action::ReportConfirmed(*report))
                .button(Text::new("report-mute"), Action::ReportMute(*report))
        }
        Notice::CentreEdited { centre, field } => {
            let reply = Reply::default().line(
                Text::new("centre-edited")
                    .plain("centre", centre_name(ctx, centre))
                    .message("field", Text::new("centre-field").plain("field", field.as_str())),
            );
            // The card to check, and the way to correct it.
            match CentreId::parse(centre) {
                Ok(id) => reply
                    .button(Text::new("edit-open-card"), Action::Centre(id.clone()))
                    .button(Text::new("edit-button"), Action::EditCentre(id)),
                Err(_) => reply,
            }
        }
        _ => return None,
    };
    Some(reply.buttons([back_button(), help_now_button(), menu_button()]))
}

/// To an operator: someone became a coordinator of `centre` with an
/// invitation (who, the desk's coordinators page says, masked).
pub fn invite_used(ctx: &Context<'_>, centre: &str) -> Reply {
    Reply::default()
        .line(Text::new("invite-used-operator").plain("centre", centre_name(ctx, centre)))
        .buttons([help_now_button(), menu_button()])
}

/// Where the group meets: the centre and its address, or "online".
fn where_line(ctx: &Context<'_>, cohort: &CohortView, centre: String) -> Text {
    if cohort.format == "online" {
        return Text::new("notice-where-online").plain("centre", centre);
    }
    let address = CentreId::parse(&cohort.centre)
        .ok()
        .and_then(|id| ctx.directory.get(&id).and_then(|(c, _)| card::address(c, ctx.language).map(str::to_owned)));
    match address {
        Some(address) => Text::new("notice-where").plain("centre", centre).plain("address", address),
        None => Text::new("group-where").plain("centre", centre),
    }
}

/// A session's start and length, by its number (from 1).
pub fn session_at(cohort: &CohortView, session: i32) -> Option<(DateTime<Utc>, i32)> {
    usize::try_from(session).ok()?.checked_sub(1).and_then(|i| cohort.sessions.get(i)).copied()
}

/// Whether a reminder is still worth sending: not once the session is less
/// than an hour away.
pub fn reminder_is_timely(cohort: &CohortView, session: i32, now: DateTime<Utc>) -> bool {
    session_at(cohort, session).is_some_and(|(at, _)| at - Duration::hours(1) > now)
}
