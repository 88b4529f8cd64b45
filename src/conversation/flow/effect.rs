//! Changes a step asks the database to make, and how they went. The pure flow
//! returns an [`Effect`]; the wrapper applies it while the person's row is
//! locked and words the [`Outcome`] with [`after`].

use super::draft::DraftError;
use chrono::{NaiveDate, NaiveDateTime};

use super::{Context, broadcast, checkin, closure, coordinate, groups, privacy, report, subscribe};
use crate::conversation::reply::Reply;
use crate::conversation::state::{Draft, State};
use crate::domain::wellbeing::Answers;
use crate::domain::{CentreId, Language, Phone};
use crate::store::{
    Absence, BroadcastBody, Cancellation, CapacityChange, Forgotten, GroupCancellation, Leaving, Redeemed, SignUp,
};

/// A change for the database.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    SignUp {
        cohort: String,
        first_name: Option<String>,
        phone: Option<Phone>,
    },
    Leave {
        signup: i64,
        how: Leaving,
    },
    CantCome {
        signup: i64,
        session: i32,
    },
    StopReminders {
        signup: i64,
    },
    SetCapacity {
        cohort: String,
        capacity: i32,
    },
    CancelCohort {
        cohort: String,
    },
    CreateCohort {
        draft: Draft,
    },
    Subscribe {
        centre: CentreId,
    },
    Unsubscribe {
        centre: CentreId,
    },
    UnsubscribeAll,
    /// A coordinator invitation code sent with `/start coord-…`.
    RedeemInvite {
        code: String,
    },
    /// A coordinator's message to a centre's subscribers, now or at a Kyiv time.
    Broadcast {
        centre: String,
        body: BroadcastBody,
        send_at: Option<NaiveDateTime>,
    },
    CancelBroadcast {
        broadcast: i64,
    },
    /// Closed until a Kyiv local time.
    CloseCentre {
        centre: String,
        reason: String,
        until: NaiveDateTime,
    },
    ReopenCentre {
        centre: String,
    },
    Report {
        centre: String,
        topic: String,
        details: Option<String>,
    },
    ResolveReport {
        report: i64,
        confirmed: bool,
    },
    /// A completed check-in, stored without the person (the Kyiv day only).
    SaveCheckin {
        answers: Answers,
        day: NaiveDate,
        language: Language,
        oblast: Option<String>,
    },
    RemindCheckin {
        due_on: NaiveDate,
    },
    CancelCheckinReminder,
    /// Delete everything about the person (applied with their row, which
    /// goes too: see `Conversation::handle_delivery`).
    Forget,
}

/// How an [`Effect`] went.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    SignedUp(SignUp),
    Left(Cancellation),
    Absence(Absence),
    /// False: not the person's sign-up.
    RemindersStopped(bool),
    Capacity(CapacityChange),
    GroupCancelled(GroupCancellation),
    /// The new group's id, or why it was not created.
    Created(Result<String, DraftError>),
    /// False: already subscribed.
    Subscribed(bool),
    /// False: was not subscribed.
    Unsubscribed(bool),
    /// How many subscriptions ended.
    UnsubscribedAll(u64),
    Redeemed(Redeemed),
    /// False: not the person's centre.
    Announced(bool),
    /// The database refused the change for good (what it referred to is gone).
    Refused,
    /// The time chosen for it passed while the preview was open.
    AnnouncedTooLate,
    /// False: not theirs, or it has gone already.
    BroadcastCancelled(bool),
    /// False: not the person's centre.
    ClosureSet(bool),
    /// False: it was not closed, or not theirs.
    Reopened(bool),
    /// How many coordinators are being told.
    Reported(usize),
    /// False: not theirs, or closed already.
    Resolved(bool),
    /// The check-in is over; it was stored unless the database failed
    /// (logged; the person gets their result either way).
    CheckinFinished,
    CheckinReminderSet,
    /// False: there was no reminder.
    CheckinReminderCancelled(bool),
    Forgotten(Forgotten),
}

/// The answer once the database has applied an effect, and a state that
/// replaces the step's when the person is asked again.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> (Reply, Option<State>) {
    match outcome {
        Outcome::Refused => {
            let reply = Reply::default().line(crate::i18n::Text::new("error-stale-button"));
            (reply.buttons(super::menu::menu_buttons(ctx)), Some(State::Idle))
        }
        Outcome::SignedUp(_) | Outcome::Left(_) | Outcome::Absence(_) | Outcome::RemindersStopped(_) => {
            (groups::after(ctx, effect, outcome), None)
        }
        Outcome::Capacity(_) | Outcome::GroupCancelled(_) | Outcome::Created(_) | Outcome::Redeemed(_) => {
            coordinate::after(ctx, effect, outcome)
        }
        Outcome::Subscribed(_) | Outcome::Unsubscribed(_) | Outcome::UnsubscribedAll(_) => {
            (subscribe::after(ctx, effect, outcome), None)
        }
        Outcome::Announced(_) | Outcome::AnnouncedTooLate | Outcome::BroadcastCancelled(_) => {
            (broadcast::after(ctx, effect, outcome), None)
        }
        Outcome::ClosureSet(_) | Outcome::Reopened(_) => (closure::after(ctx, effect, outcome), None),
        Outcome::Reported(_) | Outcome::Resolved(_) => (report::after(ctx, outcome), None),
        Outcome::CheckinFinished | Outcome::CheckinReminderSet | Outcome::CheckinReminderCancelled(_) => {
            (checkin::after(ctx, effect, outcome), None)
        }
        Outcome::Forgotten(forgotten) => (privacy::forgotten(ctx, forgotten), Some(State::Idle)),
    }
}
