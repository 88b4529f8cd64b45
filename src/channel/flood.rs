//! A per-person limit on incoming updates: a token bucket for each person,
//! in memory. Someone (or a stuck client) sending dozens of messages a second
//! gets one polite notice and the excess is dropped, before any of it costs
//! a database query, so everyone else is answered as usual.
//!
//! Time is when the person sent the message where the platform says so
//! (Telegram's message date), else when it arrived: a backlog fetched at
//! once after an outage or a restart was not sent at once, and is not a
//! flood.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Duration;

/// Updates a person may send at once.
pub const BURST: f64 = 10.0;
/// Updates a second a person may keep sending (taps through a flow are far
/// slower than this).
pub const PER_SECOND: f64 = 2.0;
/// People tracked before the idle ones (full buckets) are forgotten.
const SWEEP_ABOVE: usize = 50_000;

/// What to do with one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Drop it, and tell the person once for this flood.
    DropAndTell,
    /// Drop it silently: they were told.
    Drop,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    /// Since the Unix epoch.
    at: Duration,
    told: bool,
}

/// The buckets, by person (a `domain::Person` in the channels).
#[derive(Debug)]
pub struct FloodGuard<K = String> {
    buckets: HashMap<K, Bucket>,
}

impl<K> Default for FloodGuard<K> {
    fn default() -> Self {
        Self { buckets: HashMap::new() }
    }
}

impl<K: Hash + Eq> FloodGuard<K> {
    /// One update from `person`, sent at `now` (since the Unix epoch).
    pub fn check<Q: ToOwned<Owned = K> + ?Sized>(&mut self, person: &Q, now: Duration) -> Verdict {
        if self.buckets.len() > SWEEP_ABOVE {
            self.buckets.retain(|_, bucket| refilled(bucket, now) < BURST);
        }
        let bucket = self.buckets.entry(person.to_owned()).or_insert(Bucket { tokens: BURST, at: now, told: false });
        bucket.tokens = refilled(bucket, now);
        bucket.at = bucket.at.max(now);
        // Told once per flood: the notice comes again only after a pause
        // long enough to fill the bucket.
        if bucket.tokens >= BURST {
            bucket.told = false;
        }
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            return Verdict::Allow;
        }
        if bucket.told {
            Verdict::Drop
        } else {
            bucket.told = true;
            Verdict::DropAndTell
        }
    }

    /// People tracked (for tests of the sweep).
    pub fn len(&self) -> usize {
        self.buckets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }
}

fn refilled(bucket: &Bucket, now: Duration) -> f64 {
    let elapsed = now.saturating_sub(bucket.at);
    (bucket.tokens + elapsed.as_secs_f64() * PER_SECOND).min(BURST)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How long a flood must pause before the bucket is full again.
    fn pause_to_refill() -> Duration {
        Duration::from_secs_f64(BURST / PER_SECOND)
    }

    #[test]
    fn fifty_in_a_second_pass_the_burst_and_tell_once() {
        let mut guard = FloodGuard::default();
        let start = Duration::from_secs(1_800_000_000);
        let verdicts: Vec<Verdict> = (0..50).map(|i| guard.check("a", start + Duration::from_millis(i * 20))).collect();
        let allowed = verdicts.iter().filter(|v| **v == Verdict::Allow).count();
        // The burst, plus what refills in the second the 50 take.
        assert!((10..=12).contains(&allowed), "{allowed}");
        assert_eq!(verdicts.iter().filter(|v| **v == Verdict::DropAndTell).count(), 1);
        // Someone else is not affected.
        assert_eq!(guard.check("b", start + Duration::from_millis(999)), Verdict::Allow);
    }

    #[test]
    fn a_steady_flood_is_told_once_and_a_pause_resets_it() {
        let mut guard = FloodGuard::default();
        let start = Duration::from_secs(1_800_000_000);
        let mut told = 0;
        // Ten a second for a minute.
        for i in 0..600 {
            if guard.check("a", start + Duration::from_millis(i * 100)) == Verdict::DropAndTell {
                told += 1;
            }
        }
        assert_eq!(told, 1);
        let later = start + Duration::from_secs(60) + pause_to_refill();
        assert_eq!(guard.check("a", later), Verdict::Allow);
        for i in 1..=20 {
            guard.check("a", later + Duration::from_millis(i));
        }
        assert!(guard.buckets["a"].told, "a new flood after the pause is told again");
    }

    #[test]
    fn a_person_tapping_through_a_flow_is_never_limited() {
        let mut guard = FloodGuard::default();
        let start = Duration::from_secs(1_800_000_000);
        for i in 0..200 {
            assert_eq!(guard.check("a", start + Duration::from_millis(i * 600)), Verdict::Allow);
        }
    }

    #[test]
    fn a_backlog_fetched_at_once_is_judged_by_when_it_was_sent() {
        let mut guard = FloodGuard::default();
        let start = Duration::from_secs(1_800_000_000);
        // Fifteen messages sent a few seconds apart during an outage, then
        // fetched together: none is a flood.
        for i in 0..15 {
            assert_eq!(guard.check("a", start + Duration::from_secs(i * 4)), Verdict::Allow);
        }
        // A message dated earlier than the last one does not turn time back.
        assert_eq!(guard.check("a", start), Verdict::Allow);
    }

    #[test]
    fn idle_people_are_forgotten_when_many_are_tracked() {
        let mut guard = FloodGuard::default();
        let start = Duration::from_secs(1_800_000_000);
        for i in 0..=SWEEP_ABOVE {
            guard.check(&i.to_string(), start);
        }
        guard.check("late", start + pause_to_refill());
        assert_eq!(guard.len(), 1);
    }
}
