//! Postgres: the only module that runs SQL. Migrations in `migrations/` are
//! applied at start-up.

mod announce;
mod bind;
mod broadcast;
mod centre;
mod centre_edit;
mod checkin;
mod closure;
mod cluster;
mod cohort;
mod cohort_view;
mod coordination;
mod coordinator;
mod coordinator_desk;
mod desk;
mod error;
mod forget;
mod geocoder;
mod invite;
mod listen;
mod notice;
mod recent_states;
mod report;
mod report_inbox;
mod save_batch;
mod save_queue;
mod state_save;
mod subscription;
mod tally;
pub mod testing;
mod user;
mod user_unlocked;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool};

pub use announce::Announced;
pub use broadcast::{BroadcastBody, BroadcastReport, BroadcastSummary, Delivery, DeliveryOutcome};
pub use centre::{CENTRE_CHANGED, ImportSummary};
pub use centre_edit::{EditOutcome, HistoryEntry};
pub use checkin::{CheckinRecord, week_of};
pub use cluster::{ClusterError, DATABASE, PrivateCluster};
pub use cohort::{Cancellation, CapacityChange, CohortImport, Leaving, Promotion, SignUp};
pub use cohort_view::{CohortView, MySignup};
pub use coordination::{Absence, GroupCancellation, SignupEntry};
pub use coordinator::Via;
pub use coordinator_desk::{CentreCoordinator, InvitationEntry, mask};
pub use desk::{
    AuditEntry, DeskRole, DeskSession, LINK_LIFETIME, LinkRefused, NewSession, SESSION_IDLE, SESSION_MAX, new_secret,
};
pub use error::StoreError;
pub use forget::Forgotten;
pub use invite::{CoordinatorEntry, Redeemed, hash_code, new_invite_code};
pub use listen::CentreChanges;
pub use notice::{Notice, NoticeOutcome, PendingNotice};
pub use recent_states::{RECENT_PEOPLE, REMEMBERED_FOR};
pub use report::{Filed, REPORTS_PER_DAY, Resolution, TOPICS};
pub use report_inbox::{DeskResolution, InboxFilter, InboxReport};
pub use state_save::SAVE_TIME;
pub use user::{UserRecord, UserUpdate};
pub use user_unlocked::{Saved, UserRead};

/// Connections per process (see `Conversation::in_progress` for how many
/// updates use them at once).
pub const POOL_SIZE: u32 = 24;

/// A connection idle this long is asked whether it still answers before it
/// is handed out. sqlx asks every time by default (`test_before_acquire`),
/// a round trip per statement; under load connections are never idle this
/// long. One that broke in the last second (a backend terminated, a
/// failover) fails the statement of the update that gets it, which then
/// takes the outage path as in any outage (`Store::available`); sqlx closes
/// it when it is returned, so it fails once.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(1);

/// How long a health probe waits for the database.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
/// How often, at most, updates probe a database known to be down.
const PROBE_INTERVAL: Duration = Duration::from_secs(1);

/// A handle to the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: PgPool,
    health: Arc<Health>,
    /// The states this process saved last for its recent people.
    recent: Arc<recent_states::RecentStates>,
    /// Their next saves, written together.
    saves: save_queue::SaveQueue,
}

/// Whether the database answered lately. While it is down, updates do not
/// each wait out the pool's connect timeout: one probe a second finds out
/// when it is back, and the pool opens fresh connections by itself.
#[derive(Debug)]
struct Health {
    down: AtomicBool,
    last_probe: Mutex<Instant>,
}

impl Store {
    /// Connects and applies pending migrations. Every connection waits at
    /// most 10 s for a lock: an update stuck behind a stuck replica fails and
    /// is delivered again rather than hanging.
    pub async fn connect(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .acquire_timeout(Duration::from_secs(5))
            .test_before_acquire(false)
            .before_acquire(|connection, meta| {
                Box::pin(async move {
                    if meta.idle_for >= IDLE_BEFORE_PING {
                        connection.ping().await?;
                    }
                    Ok(true)
                })
            })
            // NOTICEs ("relation … already exists, skipping" on every start's
            // migration check) are not for anyone reading the logs.
            .connect_with(options.options([("lock_timeout", "10s"), ("client_min_messages", "warning")]))
            .await?;
        Self::from_pool(pool).await
    }

    /// Wraps an existing pool (tests get one per database) and migrates it.
    pub async fn from_pool(pool: PgPool) -> Result<Self, StoreError> {
        sqlx::migrate!("./migrations").run(&pool).await?;
        let health = Arc::new(Health { down: AtomicBool::new(false), last_probe: Mutex::new(Instant::now()) });
        let recent = Arc::new(recent_states::RecentStates::new(recent_states::RECENT_PEOPLE));
        recent_states::RecentStates::sweep(&recent);
        let saves = save_queue::SaveQueue::start(&pool, IDLE_BEFORE_PING);
        Ok(Self { pool, health, recent, saves })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Whether the database answers now; also what [`Store::available`]
    /// goes by from then on.
    pub async fn ping(&self) -> bool {
        let answered = tokio::time::timeout(PROBE_TIMEOUT, sqlx::query("SELECT 1").execute(&self.pool)).await;
        let up = matches!(answered, Ok(Ok(_)));
        self.set_up(up);
        up
    }

    /// Whether the database answers within `limit` (for `/healthz`). An
    /// answer ends an outage; a slow or failed probe marks nothing, so one
    /// slow probe cannot send the whole bot to answering from memory.
    pub async fn probe(&self, limit: Duration) -> bool {
        let answered = tokio::time::timeout(limit, sqlx::query("SELECT 1").execute(&self.pool)).await;
        let up = matches!(answered, Ok(Ok(_)));
        if up {
            self.set_up(true);
        }
        up
    }

    /// Whether to try the database: yes unless a recent failure said it is
    /// down; then one caller a second probes it, and the rest are told no.
    pub async fn available(&self) -> bool {
        if !self.health.down.load(Ordering::Acquire) {
            return true;
        }
        {
            let mut last = self.health.last_probe.lock().unwrap_or_else(PoisonError::into_inner);
            if last.elapsed() < PROBE_INTERVAL {
                return false;
            }
            *last = Instant::now();
        }
        self.ping().await
    }

    /// Whether no failure says the database is down (no probe).
    pub fn seems_up(&self) -> bool {
        !self.health.down.load(Ordering::Acquire)
    }

    /// Records that the database could not be reached, and forgets the
    /// states remembered for recent people (see `RecentStates::clear`).
    pub fn mark_down(&self) {
        self.recent.clear();
        *self.health.last_probe.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.set_up(false);
    }

    fn set_up(&self, up: bool) {
        let was_down = self.health.down.swap(!up, Ordering::AcqRel);
        match (was_down, up) {
            (true, true) => tracing::info!("the database answers again"),
            (false, false) => tracing::error!("the database does not answer; serving what memory can"),
            _ => {}
        }
    }
}
