//! Where every platform update enters, whatever its channel: the per-person
//! flood limit, then the conversation; and when the database is down, what
//! memory can answer is answered, and the rest is left for the platform to
//! deliver again, with the person told once to try again in a minute.

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Instant, SystemTime};

use super::flood::{FloodGuard, Verdict};
use crate::conversation::{Conversation, Incoming, Outgoing, User};
use crate::domain::Person;
use crate::metrics::UpdateOutcome;

/// Delivery ids applied or answered from memory here that are remembered,
/// so that the same update coming again (polling fetches a whole batch
/// again when one of it had to wait, maybe while the database is down) is
/// not answered twice.
const REMEMBERED: usize = 10_000;
/// People told about an outage that are remembered, so each hears it once.
const REMEMBERED_TOLD: usize = 100_000;

/// What the channel does with an update.
#[derive(Debug)]
pub struct Handled {
    /// Replies to queue, if any.
    pub replies: Option<Outgoing>,
    pub fate: Fate,
}

/// Whether an update is done with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Applied, a repeat, or dropped on purpose: acknowledge it.
    Done,
    /// The database is down: the platform must deliver it again.
    Deferred,
    /// It failed for another reason: deliver it again (a bug or bad data
    /// may make it fail every time; the channel decides when to give up).
    Failed,
}

/// One channel's intake; shared by its webhook and polling paths.
pub struct Intake {
    conversation: Conversation,
    flood: Mutex<FloodGuard<Person>>,
    remembered: Mutex<Remembered>,
    told_outage: Mutex<HashSet<Person>>,
}

impl std::fmt::Debug for Intake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Intake").finish_non_exhaustive()
    }
}

impl Intake {
    pub fn new(conversation: Conversation) -> Self {
        Self {
            conversation,
            flood: Mutex::new(FloodGuard::default()),
            remembered: Mutex::new(Remembered::default()),
            told_outage: Mutex::new(HashSet::new()),
        }
    }

    pub fn conversation(&self) -> &Conversation {
        &self.conversation
    }

    /// Applies one update, keyed by its delivery id, that arrived at
    /// `arrived` and was sent at `sent` if the platform says.
    pub async fn apply(
        &self,
        user: &User,
        incoming: Incoming,
        key: &str,
        arrived: Instant,
        sent: Option<SystemTime>,
    ) -> Handled {
        let metrics = self.conversation.metrics();
        let count = |outcome| metrics.update(user.channel, outcome, None);
        let done = |replies| Handled { replies, fate: Fate::Done };
        if self.remembered.lock().unwrap_or_else(PoisonError::into_inner).contains(key) {
            count(UpdateOutcome::Repeated);
            return done(None);
        }
        let person = user.person();
        let sent = sent.unwrap_or_else(SystemTime::now).duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
        let verdict = self.flood.lock().unwrap_or_else(PoisonError::into_inner).check(&person, sent);
        match verdict {
            Verdict::Allow => {}
            Verdict::DropAndTell => {
                tracing::warn!(channel = user.channel.as_str(), "a person is sending too fast; dropping updates");
                count(UpdateOutcome::RateLimited);
                return done(Some(self.conversation.flood_notice(user)));
            }
            Verdict::Drop => {
                count(UpdateOutcome::RateLimited);
                return done(None);
            }
        }
        match self.conversation.handle_delivery(user, incoming.clone(), Some(key)).await {
            Ok(Some(outgoing)) => {
                self.remember(key);
                self.outage_over();
                metrics.update(user.channel, UpdateOutcome::Applied, Some(arrived.elapsed()));
                done(Some(outgoing))
            }
            Ok(None) => {
                self.remember(key);
                count(UpdateOutcome::Repeated);
                done(None)
            }
            Err(error) if error.is_unavailable() => self.without_database(user, &incoming, key, &person, arrived),
            Err(error) => {
                tracing::error!(%error, channel = user.channel.as_str(), "cannot apply an update; it will come again");
                count(UpdateOutcome::Failed);
                Handled { replies: None, fate: Fate::Failed }
            }
        }
    }

    fn remember(&self, key: &str) {
        self.remembered.lock().unwrap_or_else(PoisonError::into_inner).insert(key);
    }

    fn without_database(
        &self,
        user: &User,
        incoming: &Incoming,
        key: &str,
        person: &Person,
        arrived: Instant,
    ) -> Handled {
        let metrics = self.conversation.metrics();
        if let Some(outgoing) = self.conversation.answer_from_memory(user, incoming) {
            self.remember(key);
            metrics.update(user.channel, UpdateOutcome::FromMemory, Some(arrived.elapsed()));
            return Handled { replies: Some(outgoing), fate: Fate::Done };
        }
        metrics.update(user.channel, UpdateOutcome::Deferred, None);
        let first_time = {
            let mut told = self.told_outage.lock().unwrap_or_else(PoisonError::into_inner);
            told.len() < REMEMBERED_TOLD && told.insert(person.to_owned())
        };
        Handled { replies: first_time.then(|| self.conversation.unavailable_notice(user)), fate: Fate::Deferred }
    }

    /// Counts a webhook call that was not an update of ours.
    pub fn refused(&self, channel: crate::domain::ChannelKind) {
        self.conversation.metrics().update(channel, UpdateOutcome::Refused, None);
    }

    /// The database works again: the next outage is told about afresh.
    fn outage_over(&self) {
        let mut told = self.told_outage.lock().unwrap_or_else(PoisonError::into_inner);
        if !told.is_empty() {
            told.clear();
        }
    }
}

/// A bounded set of recent keys: the oldest is forgotten first.
#[derive(Debug, Default)]
struct Remembered {
    order: VecDeque<String>,
    keys: HashSet<String>,
}

impl Remembered {
    fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    fn insert(&mut self, key: &str) {
        if !self.keys.insert(key.to_owned()) {
            return;
        }
        self.order.push_back(key.to_owned());
        if self.order.len() > REMEMBERED
            && let Some(oldest) = self.order.pop_front()
        {
            self.keys.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_keys_are_bounded_and_forget_the_oldest() {
        let mut remembered = Remembered::default();
        for i in 0..=REMEMBERED {
            remembered.insert(&i.to_string());
        }
        assert!(!remembered.contains("0"));
        assert!(remembered.contains("1"));
        assert!(remembered.contains(&REMEMBERED.to_string()));
        assert_eq!(remembered.keys.len(), REMEMBERED);
    }
}
