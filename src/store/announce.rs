//! Asking for a broadcast, from the bot's coordinator screens or the desk:
//! now, or at a Kyiv local time checked again when it is asked for.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::broadcast::BroadcastBody;
use super::coordinator::Via;
use super::{Store, StoreError};
use crate::domain::Person;

/// What asking for a broadcast did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Announced {
    /// Queued under this id.
    Queued(i64),
    /// The Kyiv time chosen has passed (or does not exist): nothing queued.
    TooLate,
    /// Not the person's centre: nothing queued.
    NotAllowed,
}

impl Store {
    /// A broadcast now (`send_at` `None`) or at a Kyiv local time, checked
    /// again here: a preview may have waited past the time. The bot's
    /// coordinator screens and the desk both ask through this.
    pub async fn announce(
        &self,
        person: &Person,
        centre: &str,
        body: &BroadcastBody,
        send_at: Option<NaiveDateTime>,
        now: DateTime<Utc>,
        via: Via,
    ) -> Result<Announced, StoreError> {
        let at = match send_at {
            None => now,
            Some(local) => match crate::cohort::schedule::kyiv(local) {
                Some(at) if at > now => at,
                _ => return Ok(Announced::TooLate),
            },
        };
        Ok(match self.create_broadcast_via(person, centre, body, at, via).await? {
            Some(id) => Announced::Queued(id),
            None => Announced::NotAllowed,
        })
    }
}
