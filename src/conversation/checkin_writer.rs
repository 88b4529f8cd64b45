//! The check-in writer: one process-wide worker that holds finished
//! check-ins in memory and writes them in shuffled batches at a random
//! moment, apart from anyone's transaction.
//!
//! Written at once, a check-in would sit next to its person in the database:
//! its transaction id follows theirs, its place on disk follows the order in
//! which people finished, and the moment it was written is the moment their
//! row changed. Held and shuffled, a batch shares one transaction id and its
//! rows lie in random order, so a reader can tell at most which batch a
//! check-in came in (see the README's privacy table). A crash loses the
//! check-ins held (an hour's at most); that is accepted, linking them is not.
//!
//! The anonymous weekly counters (`domain::tally`: searches, cards, sign-ups,
//! subscriptions, far searches by hromada) go the same way for the same
//! reason: held as sums, added in one transaction at the batch's moment.

use std::collections::BTreeMap;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use crate::domain::tally::Count;
use crate::store::{CheckinRecord, Store};

/// The longest a finished check-in is held before it is written.
pub const MAX_DELAY: Duration = Duration::from_secs(3600);

/// Held check-ins past this many are written at once, whatever the moment:
/// a flood must not grow the memory without bound.
const MAX_HELD: usize = 10_000;

enum Command {
    Record(CheckinRecord),
    Count(Count),
    /// Write what is held now, then answer.
    Flush(oneshot::Sender<()>),
}

/// A handle to the writer; clones share it. The worker stops when every
/// handle is gone, writing what it holds first.
#[derive(Debug, Clone)]
pub struct CheckinWriter {
    commands: mpsc::UnboundedSender<Command>,
}

impl CheckinWriter {
    /// Starts the worker (on the current Tokio runtime).
    pub fn start(store: Store, max_delay: Duration) -> Self {
        let (commands, received) = mpsc::unbounded_channel();
        tokio::spawn(run(store, received, max_delay));
        Self { commands }
    }

    /// Hands over a finished check-in; it is written within `max_delay`, or
    /// at the next [`flush`](Self::flush).
    pub fn record(&self, record: CheckinRecord) {
        if self.commands.send(Command::Record(record)).is_err() {
            tracing::warn!("the check-in writer has stopped; a check-in is lost");
        }
    }

    /// Hands over one anonymous count; it is added within `max_delay`, or at
    /// the next [`flush`](Self::flush), with the others held.
    pub fn count(&self, count: Count) {
        if self.commands.send(Command::Count(count)).is_err() {
            tracing::warn!("the check-in writer has stopped; a count is lost");
        }
    }

    /// Writes every check-in and count held, now: at shutdown, and in tests.
    pub async fn flush(&self) {
        let (done, written) = oneshot::channel();
        if self.commands.send(Command::Flush(done)).is_ok() {
            let _ = written.await;
        }
    }
}

/// What the worker holds: check-ins, and counts summed by week and kind.
#[derive(Default)]
struct Held {
    checkins: Vec<CheckinRecord>,
    counts: BTreeMap<Count, i64>,
}

impl Held {
    fn is_empty(&self) -> bool {
        self.checkins.is_empty() && self.counts.is_empty()
    }
}

async fn run(store: Store, mut commands: mpsc::UnboundedReceiver<Command>, max_delay: Duration) {
    let mut held = Held::default();
    // When the batch held is written: drawn when its first check-in comes.
    let mut due: Option<tokio::time::Instant> = None;
    loop {
        let command = match due {
            Some(at) => tokio::select! {
                command = commands.recv() => command,
                () = tokio::time::sleep_until(at) => {
                    due = write(&store, &mut held, max_delay).await;
                    continue;
                }
            },
            None => commands.recv().await,
        };
        match command {
            Some(Command::Record(record)) => {
                if held.is_empty() {
                    due = Some(tokio::time::Instant::now() + random_delay(max_delay));
                }
                held.checkins.push(record);
                if held.checkins.len() >= MAX_HELD {
                    due = write(&store, &mut held, max_delay).await;
                }
            }
            Some(Command::Count(count)) => {
                if held.is_empty() {
                    due = Some(tokio::time::Instant::now() + random_delay(max_delay));
                }
                // Sums only: the order of the counts is not kept.
                *held.counts.entry(count).or_default() += 1;
                if held.counts.len() >= MAX_HELD {
                    due = write(&store, &mut held, max_delay).await;
                }
            }
            Some(Command::Flush(done)) => {
                due = write(&store, &mut held, max_delay).await;
                let _ = done.send(());
            }
            None => {
                write(&store, &mut held, max_delay).await;
                return;
            }
        }
    }
}

/// Writes the check-ins held in random order, then adds the counts. What
/// the database refused is kept for another try at a new random moment (it
/// is lost at shutdown); the answer is when that try is due, if any.
async fn write(store: &Store, held: &mut Held, max_delay: Duration) -> Option<tokio::time::Instant> {
    if !held.checkins.is_empty() {
        shuffle(&mut held.checkins);
        match store.record_checkins(&held.checkins).await {
            Ok(()) => {
                tracing::debug!(count = held.checkins.len(), "check-ins written");
                held.checkins.clear();
            }
            Err(error) => {
                tracing::warn!(%error, count = held.checkins.len(), "cannot write check-ins; trying again later");
            }
        }
    }
    if !held.counts.is_empty() {
        match store.add_counts(&held.counts).await {
            Ok(()) => held.counts.clear(),
            Err(error) => tracing::warn!(%error, "cannot add the anonymous counts; trying again later"),
        }
    }
    (!held.is_empty()).then(|| tokio::time::Instant::now() + random_delay(max_delay))
}

/// A delay drawn uniformly up to `max` (millisecond steps).
fn random_delay(max: Duration) -> Duration {
    let millis = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(random_below(millis.saturating_add(1)))
}

/// Fisher–Yates with the operating system's randomness.
fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = usize::try_from(random_below(i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

/// A random number below `bound` (> 0). The modulo bias is at most
/// `bound / 2^64`, nothing for the sizes here.
fn random_below(bound: u64) -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::getrandom(&mut bytes).is_err() {
        // Never seen on Linux; the standard library's randomly keyed
        // hasher is then still unpredictable to a database reader.
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(u64::from_le_bytes(bytes));
        return hasher.finish() % bound.max(1);
    }
    u64::from_le_bytes(bytes) % bound.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shuffle_keeps_every_item_and_changes_the_order() {
        let original: Vec<u32> = (0..50).collect();
        let mut moved = 0;
        for _ in 0..20 {
            let mut items = original.clone();
            shuffle(&mut items);
            let mut sorted = items.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, original, "nothing lost or doubled");
            moved += usize::from(items != original);
        }
        // Fifty items left in order by chance: 1 in 50!, never.
        assert_eq!(moved, 20);
    }

    #[test]
    fn delays_stay_within_the_bound_and_spread_over_it() {
        let max = Duration::from_secs(3600);
        let delays: Vec<Duration> = (0..200).map(|_| random_delay(max)).collect();
        assert!(delays.iter().all(|d| *d <= max));
        assert!(delays.iter().any(|d| *d < max / 4) && delays.iter().any(|d| *d > max * 3 / 4));
    }
}
