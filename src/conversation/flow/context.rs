//! What every screen works with: the read-only [`Context`] of one step,
//! with the data loaded for it from the database (the groups [`Board`], a
//! coordinator's [`Desk`]), and the [`Step`] a screen returns.

use chrono::NaiveDateTime;

use super::effect::Effect;
use crate::conversation::reply::Reply;
use crate::conversation::state::State;
use crate::directory::{Directory, Gazetteer};
use crate::distress::DistressPhrases;
use crate::domain::checkin_stats::StatsRow;
use crate::domain::tally::{Count, Tally};
use crate::domain::{ChannelKind, Hotlines, Language, Programme};
use crate::store::{BroadcastSummary, CohortView, MySignup, SignupEntry};

/// Read-only data for one step.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub directory: &'a Directory,
    pub gazetteer: &'a Gazetteer,
    pub hotlines: &'a Hotlines,
    /// Words that say a person may be in acute distress.
    pub distress: &'a DistressPhrases,
    /// Local time in Europe/Kyiv, for "open now".
    pub now: NaiveDateTime,
    pub language: Language,
    /// The person wrote for the first time.
    pub is_new: bool,
    /// Groups and the person's sign-ups, loaded only when a step needs them
    /// (see [`super::Input::needs`]).
    pub groups: Option<&'a Board>,
    /// A coordinator's centres and groups, loaded only for their screens
    /// (see [`super::Input::needs`]).
    pub desk: Option<&'a Desk>,
    /// The channel the person writes on (Viber cannot receive files).
    pub channel: ChannelKind,
}

/// What the groups screens need from the database, loaded only for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Board {
    pub cohorts: Vec<CohortView>,
    pub mine: Vec<MySignup>,
}

/// What the coordinator screens need from the database, loaded only for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Desk {
    /// The centres the person coordinates; empty for everyone else.
    pub centres: Vec<String>,
    /// Their centres' groups that are neither cancelled nor over.
    pub cohorts: Vec<CohortView>,
    /// The sign-up list of the group asked about, when one was.
    pub signups: Option<Vec<SignupEntry>>,
    pub programmes: Vec<Programme>,
    /// Subscribers per centre, in the order of `centres`.
    pub subscribers: Vec<i64>,
    /// The broadcasts of the centre asked about, when one was.
    pub broadcasts: Option<Vec<BroadcastSummary>>,
    /// Check-in statistics of the complete weeks shown (`super::stats::WEEKS`), when asked for.
    pub stats: Option<Vec<StatsRow>>,
}

/// The result of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub state: State,
    pub language: Language,
    pub replies: Vec<Reply>,
    /// A change for the database (taking or leaving a seat, a coordinator's
    /// change); its outcome is worded by [`super::after`] and appended to the
    /// replies.
    pub effect: Option<Effect>,
    /// Anonymous weekly counts this step adds (a search, a card opened):
    /// handed to the anonymous writer, never written with the person.
    pub counts: Vec<Count>,
}

impl Step {
    pub(super) fn new(state: State, language: Language, reply: Reply) -> Self {
        Self { state, language, replies: vec![reply], effect: None, counts: Vec::new() }
    }

    /// The step, counting one `tally` in the week of `ctx.now`.
    pub(super) fn counting(mut self, ctx: &Context<'_>, tally: Tally) -> Self {
        self.counts.push(Count { week: crate::store::week_of(ctx.now.date()), tally });
        self
    }

    /// A step that asks the wrapper for a change; the reply is the wording
    /// of its outcome.
    pub(super) fn effect(state: State, language: Language, effect: Effect) -> Self {
        Self { state, language, replies: Vec::new(), effect: Some(effect), counts: Vec::new() }
    }
}
