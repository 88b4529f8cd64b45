//! Changes a step asks the database to make, and how they went: data only.
//! The pure flow returns an [`Effect`]; the wrapper applies it while the
//! person's row is locked, and [`super::after`] words the [`Outcome`].

use chrono::{NaiveDate, NaiveDateTime};

use super::draft::DraftError;
use crate::conversation::state::Draft;
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
    /// A one-time sign-in link to the operator desk (`/desk`).
    DeskLink,
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
    DeskLink(DeskLink),
}

/// What `/desk` got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskLink {
    /// The sign-in address (a secret: sent, never logged).
    Link(String),
    /// Neither an operator nor a coordinator.
    NotAllowed,
    /// This bot runs without a desk.
    Off,
}
