//! `/healthz`: whether the database answers, asked by one probe at a time.
//! However many monitors and load balancers ask at once, they share one
//! bounded probe, so a slow database is not flooded with probes; and a slow
//! probe only makes `/healthz` say 503: it does not mark the database down
//! for the bot, which decides that from its own queries (see
//! `Store::available`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Mutex;

use crate::store::Store;

/// How long one probe may take before `/healthz` says the database is down.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

/// The last probe's answer, behind the lock that makes probes single-flight.
#[derive(Clone, Default)]
pub struct HealthCheck {
    /// How many probes have finished, and the last one's answer.
    last: Arc<Mutex<(u64, bool)>>,
    /// The same count, readable without the lock.
    finished: Arc<AtomicU64>,
}

impl HealthCheck {
    /// Whether the database answered: callers who arrive while a probe is
    /// in flight queue behind it and take its answer; a caller who arrives
    /// when none is in flight probes anew (so an answer is never older than
    /// the caller's question).
    pub async fn database_up(&self, store: &Store) -> bool {
        let seen = self.finished.load(Ordering::Acquire);
        let mut last = self.last.lock().await;
        if last.0 > seen {
            return last.1;
        }
        let up = store.probe(PROBE_TIMEOUT).await;
        *last = (last.0 + 1, up);
        self.finished.store(last.0, Ordering::Release);
        up
    }
}
