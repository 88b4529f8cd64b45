//! Settings every command shares ([`Config`]), and running a piece of work
//! against the database they name ([`Config::with_store`]).

use std::path::PathBuf;

use clap::Args;

use crate::startup::{Connected, Database};
use crate::store::Store;
use crate::telemetry;

/// Settings shared by every command.
#[derive(Args)]
pub struct Config {
    /// Postgres URL. Unset: a private cluster is run in DATA_DIR/postgres.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the private Postgres cluster lives when DATABASE_URL is unset.
    #[arg(long, env = "DATA_DIR", global = true, default_value = "var")]
    pub data_dir: PathBuf,
    /// An operator's copy of data/hotlines.toml; the built-in copy otherwise.
    #[arg(long, env = "HOTLINES_FILE", global = true)]
    pub hotlines_file: Option<PathBuf>,
    /// An operator's copy of data/distress-phrases.toml; the built-in copy otherwise.
    #[arg(long, env = "DISTRESS_PHRASES_FILE", global = true)]
    pub distress_phrases_file: Option<PathBuf>,
    /// Log lines as text, or as one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", global = true, value_enum, default_value = "text")]
    pub log_format: telemetry::LogFormat,
}

impl Config {
    /// The crisis lines and distress phrases, from the operator's files where given.
    pub(super) fn safety(&self) -> anyhow::Result<crate::startup::Safety> {
        crate::startup::Safety::load(self.hotlines_file.as_ref(), self.distress_phrases_file.as_ref())
    }

    pub(super) fn database(&self) -> Database {
        match &self.database_url {
            Some(url) if !url.is_empty() => Database::Url(url.clone()),
            _ => Database::Private(self.data_dir.clone()),
        }
    }

    /// Connects, runs `work` with the store, then closes the pool and stops
    /// the private cluster if this process started it, whatever `work`
    /// returned. A failure to stop is reported before `work`'s own error.
    pub(super) async fn with_store<T>(&self, work: impl AsyncFnOnce(&Store) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let connected = Connected::connect(&self.database()).await?;
        let result = work(&connected.store).await;
        connected.shutdown().await?;
        result
    }
}
