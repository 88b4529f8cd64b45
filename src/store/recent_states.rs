//! The state this process last saved for each of its recent people, with
//! the version of the row it wrote: the person's next update starts from it
//! instead of reading the row again, so an update that only moves the state
//! is one statement instead of two.
//!
//! What is remembered is a guess, never trusted: the save writes only if the
//! row is still the version remembered (`xmin`), so a row written meanwhile
//! by anything else (another replica, an update holding the row's lock,
//! `/forget`, a channel marking the person unreachable) makes the save write
//! nothing, and the update is applied again from a fresh read. Nothing read
//! from here reaches a person unless that save succeeded.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use lru::LruCache;

use crate::domain::{Language, Person};

/// People remembered at most: the least recently saved are forgotten first.
/// A state is a few hundred bytes of JSON, so this is a few megabytes at
/// most; a surge's people each write within seconds of their last reply.
pub const RECENT_PEOPLE: NonZeroUsize = NonZeroUsize::new(10_000).expect("not zero");

/// How long a saved state is remembered: a person who comes back later is
/// read from the database, and their conversation does not sit in the
/// process's memory much longer than this after their last update here
/// (older states are dropped as others are saved, and by a sweep once a
/// minute when none are).
pub const REMEMBERED_FOR: Duration = Duration::from_secs(600);

/// How often states older than [`REMEMBERED_FOR`] are dropped while no one
/// writes.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// A person's state as this process saved it.
#[derive(Debug)]
struct Remembered {
    language: Language,
    state: serde_json::Value,
    /// The row's `xmin` after the save, as text.
    version: String,
    saved_at: Instant,
}

/// The recent people's saved states, least recently saved forgotten first.
#[derive(Debug)]
pub(super) struct RecentStates {
    people: Mutex<LruCache<Person, Remembered>>,
}

impl RecentStates {
    pub(super) fn new(capacity: NonZeroUsize) -> Self {
        Self { people: Mutex::new(LruCache::new(capacity)) }
    }

    /// Takes what was remembered of `person` (language, state and row
    /// version), if it is recent enough; it is remembered again only when
    /// the update that takes it is saved.
    pub(super) fn take(&self, person: &Person) -> Option<(Language, serde_json::Value, String)> {
        let remembered = self.lock().pop(person)?;
        if remembered.saved_at.elapsed() > REMEMBERED_FOR {
            return None;
        }
        Some((remembered.language, remembered.state, remembered.version))
    }

    /// Remembers the state just saved for `person` at row version `version`.
    pub(super) fn remember(&self, person: &Person, language: Language, state: serde_json::Value, version: String) {
        let remembered = Remembered { language, state, version, saved_at: Instant::now() };
        let mut people = self.lock();
        drop_expired(&mut people);
        people.put(person.clone(), remembered);
    }

    /// Forgets `person` (`/forget`).
    pub(super) fn forget(&self, person: &Person) {
        self.lock().pop(person);
    }

    /// Forgets everyone: after the database was unreachable, which may have
    /// been a failover to a standby that had not received the last
    /// transactions, so that the new primary hands out transaction ids
    /// (row versions) again.
    pub(super) fn clear(&self) {
        self.lock().clear();
    }

    /// Drops the states older than [`REMEMBERED_FOR`] every [`SWEEP_EVERY`],
    /// until the store they belong to is gone.
    pub(super) fn sweep(recent: &Arc<Self>) {
        let recent = Arc::downgrade(recent);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(SWEEP_EVERY);
            loop {
                every.tick().await;
                let Some(recent) = recent.upgrade() else { return };
                drop_expired(&mut recent.lock());
            }
        });
    }

    fn lock(&self) -> MutexGuard<'_, LruCache<Person, Remembered>> {
        // Every operation above leaves the map whole, so a panic elsewhere
        // while it was held cannot have left it half-changed.
        self.people.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Drops the states older than [`REMEMBERED_FOR`]. Only saving puts a
/// person first, so the least recently used end holds the oldest saves.
fn drop_expired(people: &mut LruCache<Person, Remembered>) {
    while people.peek_lru().is_some_and(|(_, oldest)| oldest.saved_at.elapsed() > REMEMBERED_FOR) {
        people.pop_lru();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ChannelKind;

    fn person(id: &str) -> Person {
        Person { channel: ChannelKind::Telegram, external_id: id.to_owned() }
    }

    fn states(capacity: usize) -> RecentStates {
        RecentStates::new(NonZeroUsize::new(capacity).expect("capacity"))
    }

    #[test]
    fn a_remembered_state_is_taken_once() {
        let recent = states(4);
        recent.remember(&person("1"), Language::En, serde_json::json!({"screen": "menu"}), "77".into());
        let (language, state, version) = recent.take(&person("1")).expect("remembered");
        assert_eq!((language, state, version.as_str()), (Language::En, serde_json::json!({"screen": "menu"}), "77"));
        assert!(recent.take(&person("1")).is_none(), "taken twice");
    }

    #[test]
    fn the_same_id_on_another_channel_is_another_person() {
        let recent = states(4);
        recent.remember(&person("1"), Language::Uk, serde_json::json!({}), "5".into());
        let viber = Person { channel: ChannelKind::Viber, external_id: "1".into() };
        assert!(recent.take(&viber).is_none());
    }

    #[test]
    fn the_least_recently_saved_is_forgotten_first() {
        let recent = states(2);
        for id in ["1", "2", "3"] {
            recent.remember(&person(id), Language::Uk, serde_json::json!({}), id.into());
        }
        assert!(recent.take(&person("1")).is_none(), "over capacity");
        assert!(recent.take(&person("2")).is_some());
        assert!(recent.take(&person("3")).is_some());
    }

    #[test]
    fn forgetting_a_person_drops_their_state() {
        let recent = states(4);
        recent.remember(&person("1"), Language::Uk, serde_json::json!({}), "9".into());
        recent.forget(&person("1"));
        assert!(recent.take(&person("1")).is_none());
    }

    #[test]
    fn old_states_are_dropped_when_another_is_saved_and_clear_drops_all() {
        let recent = states(4);
        for id in ["1", "2"] {
            recent.remember(&person(id), Language::Uk, serde_json::json!({}), id.into());
        }
        let long_ago = Instant::now().checked_sub(REMEMBERED_FOR + Duration::from_secs(1)).expect("uptime");
        recent.lock().peek_mut(&person("1")).expect("remembered").saved_at = long_ago;
        recent.remember(&person("3"), Language::Uk, serde_json::json!({}), "3".into());
        assert_eq!(recent.lock().len(), 2, "the old one is gone from memory, not only unused");
        assert!(recent.lock().peek(&person("1")).is_none());
        recent.clear();
        assert!(recent.take(&person("2")).is_none() && recent.take(&person("3")).is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn the_sweep_drops_old_states_while_no_one_writes() {
        let recent = Arc::new(states(4));
        recent.remember(&person("1"), Language::Uk, serde_json::json!({}), "1".into());
        let long_ago = Instant::now().checked_sub(REMEMBERED_FOR + Duration::from_secs(1)).expect("uptime");
        recent.lock().peek_mut(&person("1")).expect("remembered").saved_at = long_ago;
        RecentStates::sweep(&recent);
        tokio::time::sleep(SWEEP_EVERY + Duration::from_secs(1)).await;
        assert_eq!(recent.lock().len(), 0);
    }

    #[test]
    fn an_old_state_is_not_used() {
        let recent = states(4);
        recent.remember(&person("1"), Language::Uk, serde_json::json!({}), "9".into());
        let long_ago = Instant::now().checked_sub(REMEMBERED_FOR + Duration::from_secs(1)).expect("uptime");
        recent.lock().get_mut(&person("1")).expect("remembered").saved_at = long_ago;
        assert!(recent.take(&person("1")).is_none());
    }
}
