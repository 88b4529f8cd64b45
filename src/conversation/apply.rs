//! Applying the change a step asks for ([`flow::effect::Effect`]) in the
//! database, as the person, and reporting how it went
//! ([`flow::effect::Outcome`]).

use chrono::{DateTime, Utc};

use super::{Conversation, ConversationError, flow};
use crate::domain::Person;
use crate::store::{Announced, Via};

impl Conversation {
    pub(super) async fn apply_effect(
        &self,
        effect: &flow::effect::Effect,
        person: &Person,
        now: DateTime<Utc>,
    ) -> Result<flow::effect::Outcome, ConversationError> {
        use flow::effect::{Effect, Outcome};
        Ok(match effect {
            Effect::SignUp { cohort, first_name, phone } => {
                let outcome = self.store.sign_up(cohort, person, first_name.as_deref(), phone.as_ref(), now).await?;
                Outcome::SignedUp(outcome)
            }
            Effect::Leave { signup, how } => Outcome::Left(self.store.leave(*signup, person, *how).await?),
            Effect::CantCome { signup, session } => {
                Outcome::Absence(self.store.cant_come(person, *signup, *session).await?)
            }
            Effect::StopReminders { signup } => {
                Outcome::RemindersStopped(self.store.stop_reminders(person, *signup).await?)
            }
            Effect::SetCapacity { cohort, capacity } => {
                Outcome::Capacity(self.store.set_capacity_as(person, cohort, *capacity).await?.0)
            }
            Effect::CancelCohort { cohort } => {
                Outcome::GroupCancelled(self.store.cancel_cohort_as(person, cohort).await?)
            }
            Effect::CreateCohort { draft } => Outcome::Created(
                self.store.create_cohort_from_draft(person, draft, &self.programmes, now, Via::Bot).await?,
            ),
            Effect::Subscribe { centre } => Outcome::Subscribed(self.store.subscribe(centre.as_str(), person).await?),
            Effect::Unsubscribe { centre } => {
                Outcome::Unsubscribed(self.store.unsubscribe(centre.as_str(), person).await?)
            }
            Effect::UnsubscribeAll => Outcome::UnsubscribedAll(self.store.unsubscribe_all(person).await?),
            Effect::RedeemInvite { code } => Outcome::Redeemed(self.store.redeem_invite(code, person, now).await?),
            Effect::Broadcast { centre, body, send_at } => {
                match self.store.announce(person, centre, body, *send_at, now, Via::Bot).await? {
                    Announced::Queued(_) => Outcome::Announced(true),
                    Announced::NotAllowed => Outcome::Announced(false),
                    Announced::TooLate => Outcome::AnnouncedTooLate,
                }
            }
            Effect::CancelBroadcast { broadcast } => {
                Outcome::BroadcastCancelled(self.store.cancel_broadcast_as(person, *broadcast).await?)
            }
            Effect::CloseCentre { centre, reason, until } => {
                let Some(until) = crate::cohort::schedule::kyiv(*until) else { return Ok(Outcome::ClosureSet(false)) };
                Outcome::ClosureSet(self.store.close_centre_as(person, centre, reason, until, now).await?)
            }
            Effect::ReopenCentre { centre } => Outcome::Reopened(self.store.reopen_centre_as(person, centre).await?),
            Effect::Report { centre, topic, details } => {
                let today = self.clock.kyiv_now().date();
                Outcome::Reported(self.store.report_centre(person, centre, topic, details.as_deref(), today).await?)
            }
            Effect::MuteReporter { report } => {
                Outcome::ReporterMuted(self.store.mute_reporter_as(person, *report).await?)
            }
            Effect::ResolveReport { report, confirmed } => {
                let resolution = if *confirmed {
                    crate::store::Resolution::Confirmed { today: self.clock.kyiv_now().date() }
                } else {
                    crate::store::Resolution::Handled
                };
                Outcome::Resolved(self.store.resolve_report_as(person, *report, resolution).await?)
            }
            // Handed to the check-in writer by `apply_delivery`, never
            // stored here, in the person's update.
            Effect::SaveCheckin { .. } => Outcome::Refused,
            Effect::RemindCheckin { today } => {
                // 13 to 16 days on, drawn: the day does not date the check-in.
                let due_on = *today + chrono::Duration::days(13 + random_days(4));
                self.store.set_checkin_reminder(person, due_on).await?;
                Outcome::CheckinReminderSet(due_on)
            }
            Effect::CancelCheckinReminder => {
                Outcome::CheckinReminderCancelled(self.store.cancel_checkin_reminder(person).await?)
            }
            Effect::EditCentre { centre, edit } => {
                let today = self.clock.kyiv_now().date();
                Outcome::CentreEdited(Box::new(self.store.edit_centre_as(person, centre, edit, today).await?))
            }
            Effect::DeskLink => {
                use flow::effect::DeskLink;
                Outcome::DeskLink(match (&self.desk_url, self.store.create_desk_link(person, now).await?) {
                    (_, None) => DeskLink::NotAllowed,
                    (None, Some(_)) => DeskLink::Off,
                    (Some(base), Some(token)) => DeskLink::Link(crate::domain::desk_sign_in_url(base, &token)),
                })
            }
            // Applied with the person's row before any other effect (see
            // `handle_delivery`), so never here.
            Effect::Forget => Outcome::Refused,
        })
    }
}

/// A random number of days below `count`.
fn random_days(count: u8) -> i64 {
    let mut byte = [0u8; 1];
    // Without the system's randomness, the middle of the range.
    if getrandom::getrandom(&mut byte).is_err() {
        return i64::from(count / 2);
    }
    i64::from(byte[0] % count)
}
