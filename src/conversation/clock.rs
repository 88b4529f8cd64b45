//! Where the current time comes from ([`Clock`]): the system's, or one a
//! test pins or shifts.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Europe::Kyiv;

/// Where the current time comes from; tests pin it.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
    /// The system clock moved by a fixed amount: time runs, from another
    /// day (a process under test that must see reminders fall due and
    /// leases run out).
    Shifted(chrono::TimeDelta),
}

impl Clock {
    /// The current local time in Kyiv, where every centre is.
    pub fn kyiv_now(self) -> NaiveDateTime {
        self.utc_now().with_timezone(&Kyiv).naive_local()
    }

    pub fn utc_now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
            Clock::Shifted(by) => Utc::now() + by,
        }
    }
}
