//! `/healthz`: whether the database answers, asked at most by one probe at a
//! time. However many monitors and load balancers ask at once, they share
//! one bounded probe (and its answer for a moment after), so a slow database
//! is not flooded with probes, and a slow probe only makes `/healthz` say
//! 503: it does not mark the database down for the bot, which decides that
//! from its own queries (see `Store::available`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use crate::store::Store;

/// How long one probe may take before `/healthz` says the database is down.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

/// How long an answer is shared with the callers that come after it.
const FRESH_FOR: Duration = Duration::from_millis(250);

/// The last answer, behind the lock that makes probes single-flight.
#[derive(Clone, Default)]
pub struct HealthCheck {
    last: Arc<Mutex<Option<(Instant, bool)>>>,
}

impl HealthCheck {
    /// Whether the database answered: the probe in flight's answer if there
    /// is one (callers queue behind it), a fresh one's, or a new probe's.
    pub async fn database_up(&self, store: &Store) -> bool {
        let mut last = self.last.lock().await;
        if let Some((at, up)) = *last
            && at.elapsed() < FRESH_FOR
        {
            return up;
        }
        let up = store.probe(PROBE_TIMEOUT).await;
        *last = Some((Instant::now(), up));
        up
    }
}
