//! Changes a step asks the database to make, and how they went: data only.
//! The pure flow returns an [`Effect`]; the wrapper applies it while the
//! person's row is locked, and [`super::after`] words the [`Outcome`].

use chrono::{NaiveDate, NaiveDateTime};

use super::draft::DraftError;
use crate::conversation::state::Draft;
use crate::domain::wellbeing::Answers;
use crate::domain::{CentreEdit, CentreId, Language, Phone};
use crate::store::{
    Absence, BroadcastBody, Cancellation, CapacityChange, EditOutcome, Filed, Forgotten, GroupCancellation, Leaving,
    Redeemed, SignUp,
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
    /// A coordinator mutes whoever sent a report, for their centre.
    MuteReporter {
        report: i64,
    },
    /// A completed check-in, stored without the person (its ISO week only).
    SaveCheckin {
        answers: Answers,
        day: NaiveDate,
        language: Language,
        oblast: Option<String>,
    },
    /// A reminder from `today`; the day is drawn when it is stored.
    RemindCheckin {
        today: NaiveDate,
    },
    CancelCheckinReminder,
    /// A one-time sign-in link to the operator desk (`/desk`).
    DeskLink,
    /// A coordinator's change to one field of their centre's card.
    EditCentre {
        centre: CentreId,
        edit: CentreEdit,
    },
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
    /// Whether the report went (and to how many) or which limit stopped it.
    Reported(Filed),
    /// False: not theirs, or the report or its reporter is gone.
    ReporterMuted(bool),
    /// False: not theirs, or closed already.
    Resolved(bool),
    /// The check-in is over. Counted: handed to the check-in writer, which
    /// stores it later with others; not counted: one of the person's was
    /// counted this week already, and this one is not stored.
    CheckinFinished {
        counted: bool,
    },
    /// The day the reminder was set for (drawn 13 to 16 days on).
    CheckinReminderSet(NaiveDate),
    /// False: there was no reminder.
    CheckinReminderCancelled(bool),
    Forgotten(Forgotten),
    /// Boxed: it holds the whole centre as saved.
    CentreEdited(Box<EditOutcome>),
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
