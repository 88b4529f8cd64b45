//! Building the application from configuration: database, directory,
//! gazetteer, hotlines and the conversation, plus the directory reloader.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::postgres::PgConnectOptions;
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::conversation::{Clock, Conversation};
use crate::directory::{Directory, Gazetteer, SharedDirectory};
use crate::distress::DistressPhrases;
use crate::domain::Hotlines;
use crate::store::{PrivateCluster, Store};

/// Where the database is.
#[derive(Debug, Clone)]
pub enum Database {
    /// `DATABASE_URL`.
    Url(String),
    /// A private cluster in this data directory.
    Private(PathBuf),
}

/// A connected store, and the private cluster behind it if there is one.
#[derive(Debug)]
pub struct Connected {
    pub store: Store,
    /// Stopped on shutdown when this process started it.
    pub cluster: Option<PrivateCluster>,
}

impl Connected {
    pub async fn connect(database: &Database) -> anyhow::Result<Self> {
        let (options, cluster) = match database {
            Database::Url(url) => {
                let options: PgConnectOptions = url.parse().context("DATABASE_URL is not a Postgres URL")?;
                (options, None)
            }
            Database::Private(dir) => {
                let cluster = PrivateCluster::start(dir).await?;
                (cluster.connect_options(), Some(cluster))
            }
        };
        let store = Store::connect(options).await.context("cannot connect to the database")?;
        Ok(Self { store, cluster })
    }

    /// Closes the pool and stops the private cluster if this process started it.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        self.store.pool().close().await;
        if let Some(cluster) = self.cluster {
            cluster.stop().await?;
        }
        Ok(())
    }
}

/// Loads the hotlines from an operator's file, or the built-in copy.
pub fn hotlines(file: Option<&PathBuf>) -> anyhow::Result<Hotlines> {
    match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            Hotlines::parse(&text).with_context(|| format!("invalid hotlines file {}", path.display()))
        }
        None => Ok(Hotlines::built_in()?),
    }
}

/// Loads the distress phrases from an operator's file, or the built-in copy.
///
/// # Errors
/// The file cannot be read, or is refused by [`DistressPhrases::parse`].
pub fn distress_phrases(file: Option<&PathBuf>) -> anyhow::Result<DistressPhrases> {
    match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            DistressPhrases::parse(&text).with_context(|| format!("invalid distress phrases file {}", path.display()))
        }
        None => Ok(DistressPhrases::built_in()),
    }
}

/// What the bot answers people in distress with: the crisis lines, and the
/// words that recognise distress in typed text.
#[derive(Debug)]
pub struct Safety {
    pub hotlines: Hotlines,
    pub distress: DistressPhrases,
}

impl Safety {
    /// Both from an operator's files where configured, the built-in copies otherwise.
    ///
    /// # Errors
    /// A configured file cannot be read or is invalid.
    pub fn load(hotlines_file: Option<&PathBuf>, distress_file: Option<&PathBuf>) -> anyhow::Result<Self> {
        Ok(Self { hotlines: hotlines(hotlines_file)?, distress: distress_phrases(distress_file)? })
    }
}

/// The conversation and the task that keeps its directory current.
#[derive(Debug)]
pub struct Running {
    pub conversation: Conversation,
    /// The directory the conversation answers from (the open data API reads it too).
    pub directory: SharedDirectory,
    reloader: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Builds the conversation over a store, and starts reloading the
    /// directory whenever an import changes it.
    pub async fn start(store: &Store, safety: Safety, clock: Clock) -> anyhow::Result<Self> {
        // Listening first, then loading: no change is missed in between, and
        // the directory is built once (a second build right away would hold
        // two copies of a large directory at the same moment).
        let changes = store.centre_changes().await?;
        let directory =
            SharedDirectory::new(Directory::new(store.centres().await?).with_closures(store.closures().await?));
        let gazetteer = Arc::new(Gazetteer::built_in()?);
        let reloader = spawn_listening_reloader(store.clone(), directory.clone(), Some(changes));
        let programmes = Arc::new(crate::domain::Programme::built_in()?);
        let conversation = Conversation::new(
            store.clone(),
            directory.clone(),
            gazetteer,
            Arc::new(safety.hotlines),
            programmes,
            clock,
        )
        .with_distress_phrases(Arc::new(safety.distress));
        Ok(Self { conversation, directory, reloader })
    }
}

impl Drop for Running {
    /// Stops the reloader, whose listening connection would otherwise keep
    /// the pool from closing, however the session ended.
    fn drop(&mut self) {
        self.reloader.abort();
    }
}

/// Keeps `directory` in step with the database: listens for the imports'
/// notifications and swaps in a fresh directory after each.
pub fn spawn_reloader(store: Store, directory: SharedDirectory) -> tokio::task::JoinHandle<()> {
    spawn_listening_reloader(store, directory, None)
}

/// The same, on a listener opened before `directory` was loaded, if given.
fn spawn_listening_reloader(
    store: Store,
    directory: SharedDirectory,
    mut listening: Option<crate::store::CentreChanges>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let mut changes = match listening.take() {
                Some(changes) => changes,
                None => match store.centre_changes().await {
                    Ok(changes) => {
                        // Reload once after (re)connecting: changes may have been missed.
                        reload(&store, &directory).await;
                        changes
                    }
                    Err(error) => {
                        tracing::warn!(%error, "cannot listen for directory changes; retrying");
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        continue;
                    }
                },
            };
            while changes.next().await.is_ok() {
                reload(&store, &directory).await;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

async fn reload(store: &Store, directory: &SharedDirectory) {
    match tokio::try_join!(store.centres(), store.closures()) {
        Ok((centres, closures)) => {
            let count = centres.len();
            directory.replace(Directory::new(centres).with_closures(closures));
            tracing::info!(centres = count, "directory reloaded");
        }
        Err(error) => tracing::error!(%error, "cannot reload the directory; keeping the current one"),
    }
}

/// Ctrl+C and SIGTERM, listened for from the moment this is installed: a
/// signal that arrives while the private cluster is still starting is kept
/// until the caller is ready to shut down cleanly, instead of killing the
/// process and leaving the cluster running.
#[derive(Debug)]
pub struct ShutdownSignal {
    interrupt: Signal,
    terminate: Signal,
}

impl ShutdownSignal {
    pub fn install() -> anyhow::Result<Self> {
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).context("cannot listen for SIGINT")?,
            terminate: signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?,
        })
    }

    /// Resolves when either signal has arrived (now or earlier).
    pub async fn recv(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}
