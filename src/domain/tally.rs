//! Anonymous weekly counters: how the bot is used, and where people search
//! from with no centre within [`FAR_METRES`]. A count names a week (its
//! Monday, Kyiv time) and, for far searches, a hromada; never a person, a
//! point or a moment finer than the week.

use chrono::NaiveDate;

/// A search whose nearest centre is farther than this (great-circle
/// kilometres) counts as unmet demand.
pub const FAR_KM: i64 = 25;
/// [`FAR_KM`] in metres, as distances are measured.
pub const FAR_METRES: f64 = 25_000.0;

/// What one count is of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tally {
    /// A new search answered with the nearest centres (a shared location or
    /// a typed place; not "show more").
    Search,
    /// A centre's card opened.
    CardOpened,
    /// A seat taken or a place on a waiting list.
    SignUp,
    /// A new subscription to a centre's messages.
    Subscription,
    /// A search whose nearest centre is farther than [`FAR_METRES`], counted
    /// in the hromada (KATOTTH code) of the settlement nearest to the point
    /// searched from.
    FarSearch { hromada: String },
}

/// One count to add: what, and in which week.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Count {
    /// The Monday of the ISO week (Kyiv time).
    pub week: NaiveDate,
    pub tally: Tally,
}

/// The usage of one week, as stored (nothing suppressed yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UsageWeek {
    pub week: NaiveDate,
    pub searches: i64,
    pub cards: i64,
    pub signups: i64,
    pub subscriptions: i64,
}

/// Far searches of one week from one hromada, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetDemand {
    pub week: NaiveDate,
    /// KATOTTH code of the hromada.
    pub hromada: String,
    pub searches: i64,
}
