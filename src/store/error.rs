//! What can go wrong talking to the database.

/// A failure talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// A constraint of the schema refused the change (what it referred to
    /// is gone, a value is out of range): it would fail the same way again.
    #[error("database error: {source}")]
    Refused { constraint: String, source: sqlx::Error },
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The change contradicts what is stored; nothing was changed.
    #[error("nothing was changed:\n{0}")]
    Conflict(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        let constraint = error.as_database_error().and_then(|e| e.constraint()).map(str::to_owned);
        match constraint {
            Some(constraint) => Self::Refused { constraint, source: error },
            None => Self::Database(error),
        }
    }
}

impl StoreError {
    /// Whether the database could not be reached or went away (connection
    /// refused or reset, no connection in time, the server shutting down or
    /// starting up), as opposed to refusing a statement.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Database(sqlx::Error::Database(error)) => error.code().is_some_and(|code| {
                // Class 08: connection exceptions; 57P01–57P03: shutting
                // down, crashed, not accepting connections yet.
                code.starts_with("08") || matches!(code.as_ref(), "57P01" | "57P02" | "57P03")
            }),
            Self::Database(
                sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed,
            ) => true,
            _ => false,
        }
    }
}
