//! What a button does ([`Action`]): the flow's input vocabulary, and what
//! each action needs loaded from the database before the flow runs
//! ([`Action::needs`]). How an action travels as button data is `codec`.

mod codec;
mod edit;

pub use edit::{MAX_REV, Pick};

use crate::domain::wellbeing::Answers;
use crate::domain::{CentreField, CentreId, Language};

/// What a button does. Encoded into at most 64 bytes of ASCII (Telegram's
/// callback limit) and parsed back from untrusted input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Menu,
    Find,
    HelpNow,
    Language,
    About,
    SetLanguage(Language),
    /// The next page of nearest centres.
    More,
    /// Back to the current page of results.
    List,
    Centre(CentreId),
    /// A centre's map pin, one tap from its card (sent on its own, so that
    /// the list and the card are one message each).
    Pin(CentreId),
    /// Narrow an ambiguous place name to one oblast (by KATOTTH code).
    Oblast(String),
    /// A place from the gazetteer (by KATOTTH code).
    Place(String),
    /// The other places with a name, after answering for the place that
    /// clearly dominates them: its KATOTTH code, and the name's skeleton
    /// (`directory::normalize::skeleton`, ASCII) as it matched.
    OtherPlaces {
        place: String,
        matched: String,
    },
    /// Groups at the centres nearest to the last search.
    Groups,
    /// Groups at one centre.
    CentreGroups(CentreId),
    /// One cohort's details.
    Cohort(String),
    /// Sign up for a cohort.
    Join(String),
    /// Skip an optional answer, naming the step and its instance, so that a
    /// second tap (or an old button) is stale instead of skipping the next
    /// step too.
    Skip(Skipped),
    /// The person's sign-ups.
    Mine,
    /// End one of the person's sign-ups.
    Leave(i64),
    /// Give back a seat one was just promoted to.
    Decline(i64),
    /// "I can't come this time" to one session of a sign-up.
    CantCome {
        signup: i64,
        session: i32,
    },
    /// No more reminders of later sessions for a sign-up.
    StopReminders(i64),
    /// Get a centre's updates.
    Subscribe(CentreId),
    /// Stop a centre's updates.
    Unsubscribe(CentreId),
    /// Coordinators: the groups of their centres.
    Coordinate,
    /// Coordinators: one group.
    CoordCohort(String),
    /// Coordinators: a page (from 0) of a group's sign-up list.
    CoordList {
        cohort: String,
        page: u16,
    },
    /// Coordinators: the sign-up list as a CSV file (Telegram).
    CoordCsv(String),
    /// Coordinators: ask for a group's new capacity.
    CoordCapacity(String),
    /// Coordinators: ask to confirm cancelling a group.
    CoordCancel(String),
    /// Coordinators: cancel a group, confirmed.
    CoordCancelConfirmed(String),
    /// Coordinators: start a new group at a centre.
    CoordNew(CentreId),
    /// New group: the programme.
    DraftProgramme(String),
    /// New group: the language it is held in.
    DraftLanguage(Language),
    /// New group: in person (false) or online (true).
    DraftOnline(bool),
    /// New group: create it as previewed.
    DraftCreate,
    /// Coordinators: write to a centre's subscribers.
    BroadcastNew(CentreId),
    /// Broadcast: this week's schedule instead of a written message.
    BroadcastSchedule,
    /// Broadcast: ask when to send it.
    BroadcastLater,
    /// Broadcast: send (or schedule) it as previewed.
    BroadcastSend,
    /// Coordinators: a centre's recent and scheduled broadcasts.
    Broadcasts(CentreId),
    /// Coordinators: cancel a scheduled broadcast.
    BroadcastCancel(i64),
    /// Coordinators: mark a centre closed for a while.
    CloseCentre(CentreId),
    /// Coordinators: end a centre's closure.
    ReopenCentre(CentreId),
    /// "This is wrong" on a centre's card.
    Report(CentreId),
    /// What is wrong (one of `store::TOPICS`).
    ReportTopic(String),
    /// Coordinators: a report was dealt with.
    ReportHandled(i64),
    /// Coordinators: the card is right as it is.
    ReportConfirmed(i64),
    /// Coordinators: no more reports from whoever sent this one (to their
    /// centre). The report's id is all the button carries: it names nobody,
    /// and one about another centre is refused.
    ReportMute(i64),
    /// The wellbeing check-in's consent screen.
    Checkin,
    /// Start a new check-in.
    CheckinBegin,
    /// Check-in answers so far (0–5 each); the next item follows.
    CheckinAnswer {
        token: String,
        answers: Vec<u8>,
    },
    /// All five answers, and the oblast if the person shares it: store it.
    CheckinDone {
        token: String,
        answers: Answers,
        oblast: Option<String>,
    },
    /// Stop the check-in; nothing is stored.
    CheckinStop,
    /// "Remind me in two weeks".
    CheckinRemind,
    CheckinRemindCancel,
    /// Coordinators: anonymous check-in statistics.
    CoordStats,
    /// "Forget me": asks to confirm.
    Forget,
    /// "Forget me", confirmed.
    ForgetConfirmed,
    /// Coordinators: what to change on a centre's card.
    EditCentre(CentreId),
    /// Coordinators: ask for a new value of one field of a centre's card.
    EditField {
        centre: CentreId,
        field: CentreField,
    },
    /// Save the value previewed at step `rev` of an edit.
    EditSave {
        centre: CentreId,
        field: CentreField,
        rev: u32,
    },
    /// Drop the value previewed at step `rev` of an edit.
    EditCancel {
        centre: CentreId,
        field: CentreField,
        rev: u32,
    },
    /// A tap in the opening hours picker at step `rev` of an edit.
    EditHours {
        centre: CentreId,
        rev: u32,
        pick: Pick,
    },
}

/// The optional answer a "Skip" button belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// The first name, when signing up for this cohort.
    Name(String),
    /// The phone, when signing up for this cohort.
    Phone(String),
    /// A report's details, for this centre.
    ReportDetails(CentreId),
}

/// The longest callback data Telegram accepts.
pub const MAX_ACTION_BYTES: usize = 64;

/// What a step needs from the database besides the person's row, loaded
/// before the pure flow runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Needs {
    #[default]
    Nothing,
    /// The groups board: open groups and the person's sign-ups.
    Groups,
    /// A coordinator's desk: their centres and groups, and what else with it.
    Desk(DeskNeeds),
}

/// What a coordinator's step needs loaded besides their centres and groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskNeeds {
    /// The group whose sign-up list is shown.
    pub signups_of: Option<String>,
    /// The centre whose broadcasts are listed.
    pub broadcasts_of: Option<String>,
    /// Anonymous check-in statistics.
    pub stats: bool,
}

impl Action {
    /// What this action's screen needs loaded. Every action says so here: a
    /// new one does not compile until it does.
    pub fn needs(&self) -> Needs {
        let desk = || Needs::Desk(DeskNeeds::default());
        match self {
            Action::Groups
            | Action::CentreGroups(_)
            | Action::Cohort(_)
            | Action::Join(_)
            | Action::Mine
            | Action::Skip(_) => Needs::Groups,
            Action::CoordList { cohort, .. } | Action::CoordCsv(cohort) => {
                Needs::Desk(DeskNeeds { signups_of: Some(cohort.clone()), ..DeskNeeds::default() })
            }
            Action::CoordStats => Needs::Desk(DeskNeeds { stats: true, ..DeskNeeds::default() }),
            Action::Broadcasts(centre) => {
                Needs::Desk(DeskNeeds { broadcasts_of: Some(centre.to_string()), ..DeskNeeds::default() })
            }
            Action::BroadcastNew(_)
            | Action::BroadcastSchedule
            | Action::BroadcastLater
            | Action::BroadcastSend
            | Action::CloseCentre(_)
            | Action::ReopenCentre(_)
            | Action::Coordinate
            | Action::CoordCohort(_)
            | Action::CoordCapacity(_)
            | Action::CoordCancel(_)
            | Action::CoordCancelConfirmed(_)
            | Action::CoordNew(_)
            | Action::DraftProgramme(_)
            | Action::DraftLanguage(_)
            | Action::DraftOnline(_)
            | Action::DraftCreate
            | Action::EditCentre(_)
            | Action::EditField { .. }
            | Action::EditSave { .. }
            | Action::EditCancel { .. }
            | Action::EditHours { .. } => desk(),
            Action::Menu
            | Action::Find
            | Action::HelpNow
            | Action::Language
            | Action::About
            | Action::SetLanguage(_)
            | Action::More
            | Action::List
            | Action::Centre(_)
            | Action::Pin(_)
            | Action::Oblast(_)
            | Action::Place(_)
            | Action::OtherPlaces { .. }
            | Action::Leave(_)
            | Action::Decline(_)
            | Action::CantCome { .. }
            | Action::StopReminders(_)
            | Action::Subscribe(_)
            | Action::Unsubscribe(_)
            | Action::BroadcastCancel(_)
            | Action::Report(_)
            | Action::ReportTopic(_)
            | Action::ReportHandled(_)
            | Action::ReportConfirmed(_)
            | Action::ReportMute(_)
            | Action::Checkin
            | Action::CheckinBegin
            | Action::CheckinAnswer { .. }
            | Action::CheckinDone { .. }
            | Action::CheckinStop
            | Action::CheckinRemind
            | Action::CheckinRemindCancel
            | Action::Forget
            | Action::ForgetConfirmed => Needs::Nothing,
        }
    }
}
