//! Postgres: the only module that runs SQL. Migrations in `migrations/` are
//! applied at start-up.

mod broadcast;
mod centre;
mod checkin;
mod closure;
mod cluster;
mod cohort;
mod cohort_view;
mod coordination;
mod forget;
mod invite;
mod listen;
mod notice;
mod report;
mod subscription;
mod user;

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

pub use broadcast::{BroadcastBody, BroadcastReport, BroadcastSummary, Delivery, DeliveryOutcome};
pub use centre::{CENTRE_CHANGED, ImportSummary};
pub use checkin::CheckinRecord;
pub use cluster::{ClusterError, DATABASE, PrivateCluster};
pub use cohort::{Cancellation, CapacityChange, CohortImport, Leaving, Person, Promotion, SignUp};
pub use cohort_view::{CohortView, MySignup};
pub use coordination::{Absence, GroupCancellation, SignupEntry};
pub use forget::Forgotten;
pub use invite::{CoordinatorEntry, Redeemed, hash_code};
pub use listen::CentreChanges;
pub use notice::{Notice, NoticeOutcome, PendingNotice};
pub use report::{Resolution, TOPICS};
pub use user::{UserRecord, UserUpdate};

/// A failure talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The change contradicts what is stored; nothing was changed.
    #[error("nothing was changed:\n{0}")]
    Conflict(String),
}

/// Connections per process (see `Conversation::in_progress` for how many
/// updates use them at once).
pub const POOL_SIZE: u32 = 24;

/// A handle to the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: PgPool,
}

impl Store {
    /// Connects and applies pending migrations. Every connection waits at
    /// most 10 s for a lock: an update stuck behind a stuck replica fails and
    /// is delivered again rather than hanging.
    pub async fn connect(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.options([("lock_timeout", "10s")]))
            .await?;
        Self::from_pool(pool).await
    }

    /// Wraps an existing pool (tests get one per database) and migrates it.
    pub async fn from_pool(pool: PgPool) -> Result<Self, StoreError> {
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}
