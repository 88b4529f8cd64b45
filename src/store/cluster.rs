//! A private Postgres cluster for when `DATABASE_URL` is unset: created with the
//! system's own Postgres binaries inside the data directory, listening on a Unix
//! socket only, reused across runs, and stopped on exit if this process started it.
//!
//! Postgres refuses to run as root, so when started as root the cluster runs as
//! the `postgres` system user (or `nobody`), which must be able to reach the
//! data directory.

use std::os::unix::fs::{PermissionsExt, chown};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use tokio::process::Command;

/// The database the bot uses inside its private cluster.
pub const DATABASE: &str = "resilience";
const SUPERUSER: &str = "postgres";

/// Why the private cluster could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "no PostgreSQL server binaries (initdb, pg_ctl) were found in PG_BINDIR, /usr/lib/postgresql/*/bin or PATH. \
         Install them (on Debian: apt-get install postgresql) or set DATABASE_URL to an existing database"
    )]
    NoBinaries,
    #[error(
        "the cluster runs as user {user}, who cannot reach {path}: choose a data directory that user can enter \
         (set DATA_DIR), or set DATABASE_URL"
    )]
    Unreachable { user: String, path: PathBuf },
    #[error("the data directory path {0} is too long for a Unix socket; choose a shorter DATA_DIR")]
    PathTooLong(PathBuf),
    #[error("{what} failed ({status}); see {log}")]
    Command { what: &'static str, status: String, log: PathBuf },
    #[error("cannot prepare {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("running as root, but neither a `postgres` nor a `nobody` account exists to run Postgres as")]
    NoAccount,
    #[error("cannot create the database: {0}")]
    Database(#[from] sqlx::Error),
}

/// A running private cluster.
#[derive(Debug)]
pub struct PrivateCluster {
    root: PathBuf,
    bin: PathBuf,
    run_as: Option<Account>,
    /// Only the process that started the server stops it: another process (a
    /// `chat` next to a `serve`) may still be using a cluster it found running.
    started_here: bool,
}

#[derive(Debug, Clone)]
struct Account {
    name: String,
    uid: u32,
    gid: u32,
}

impl PrivateCluster {
    /// Starts (or reuses) the cluster under `data_dir/postgres` and makes sure
    /// the bot's database exists.
    pub async fn start(data_dir: &Path) -> Result<Self, ClusterError> {
        let bin = find_binaries().ok_or(ClusterError::NoBinaries)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| ClusterError::Io { path, source }
        };
        std::fs::create_dir_all(data_dir).map_err(io(data_dir))?;
        let data_dir = data_dir.canonicalize().map_err(io(data_dir))?;
        let root = data_dir.join("postgres");
        let run_as = if effective_uid() == Some(0) { Some(unprivileged_account()?) } else { None };
        let mut cluster = Self { root, bin, run_as, started_here: false };
        // The socket path must fit in sun_path (108 bytes with the file name).
        if cluster.socket_dir().join(".s.PGSQL.5432").as_os_str().len() >= 104 {
            return Err(ClusterError::PathTooLong(data_dir));
        }
        cluster.prepare_directories()?;
        cluster.started_here = cluster.start_server().await?;
        cluster.create_database().await?;
        Ok(cluster)
    }

    /// Options to connect to the bot's database over the socket.
    pub fn connect_options(&self) -> PgConnectOptions {
        PgConnectOptions::new().socket(self.socket_dir()).username(SUPERUSER).database(DATABASE)
    }

    /// A `DATABASE_URL` for the bot's database, for scripts and tests.
    pub fn url(&self) -> String {
        format!("postgres://{SUPERUSER}@localhost/{DATABASE}?host={}", self.socket_dir().display())
    }

    /// Whether this process started the server (and so will stop it).
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Leaves the server running for others (`resilience-bot db start`).
    pub fn detach(mut self) {
        self.started_here = false;
    }

    /// Stops the server if this process started it.
    pub async fn stop(self) -> Result<(), ClusterError> {
        if self.started_here { self.stop_server().await } else { Ok(()) }
    }

    /// Stops the server whoever started it (`resilience-bot db stop`).
    pub async fn stop_server(&self) -> Result<(), ClusterError> {
        if !self.is_running().await {
            return Ok(());
        }
        let data = self.data_dir();
        self.run("pg_ctl stop", "pg_ctl", &["stop", "-D", path_str(&data), "-m", "fast", "-w", "-t", "60"]).await
    }

    fn data_dir(&self) -> PathBuf {
        self.root.join("data")
    }

    fn socket_dir(&self) -> PathBuf {
        self.root.join("run")
    }

    fn log_file(&self) -> PathBuf {
        self.root.join("postgres.log")
    }

    fn prepare_directories(&self) -> Result<(), ClusterError> {
        for dir in [&self.root, &self.socket_dir()] {
            std::fs::create_dir_all(dir).map_err(|source| ClusterError::Io { path: dir.clone(), source })?;
            let set_private = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
            set_private.map_err(|source| ClusterError::Io { path: dir.clone(), source })?;
            if let Some(account) = &self.run_as {
                chown(dir, Some(account.uid), Some(account.gid))
                    .map_err(|source| ClusterError::Io { path: dir.clone(), source })?;
            }
        }
        if let Some(account) = &self.run_as {
            check_reachable(&self.root, account)?;
        }
        Ok(())
    }

    /// Initialises the cluster if needed and starts it unless it runs already.
    /// Returns whether this process started it.
    async fn start_server(&self) -> Result<bool, ClusterError> {
        let data = self.data_dir();
        if !data.join("PG_VERSION").exists() {
            let args = ["-D", path_str(&data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale"];
            self.run("initdb", "initdb", &args).await?;
        }
        if self.is_running().await {
            return Ok(false);
        }
        let socket = self.socket_dir();
        let options = format!("-c listen_addresses='' -k '{}'", socket.display());
        let log = self.log_file();
        let args = ["start", "-D", path_str(&data), "-l", path_str(&log), "-w", "-t", "60", "-o", &options];
        match self.run("pg_ctl start", "pg_ctl", &args).await {
            Ok(()) => {
                tracing::info!(cluster = %self.root.display(), "started the private Postgres cluster");
                Ok(true)
            }
            // Another process may have started it between our check and our start.
            Err(_) if self.is_running().await => Ok(false),
            Err(error) => Err(error),
        }
    }

    async fn is_running(&self) -> bool {
        let data = self.data_dir();
        self.command("pg_ctl")
            .args(["status", "-D", path_str(&data)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .await
            .is_ok_and(|status| status.success())
    }

    async fn create_database(&self) -> Result<(), ClusterError> {
        let options = PgConnectOptions::new().socket(self.socket_dir()).username(SUPERUSER).database("postgres");
        let mut connection = PgConnection::connect_with(&options).await?;
        let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
            .bind(DATABASE)
            .fetch_optional(&mut connection)
            .await?;
        if exists.is_none() {
            // CREATE DATABASE takes no parameters; the name is the constant DATABASE.
            sqlx::query("CREATE DATABASE resilience").execute(&mut connection).await?;
        }
        connection.close().await?;
        Ok(())
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(self.bin.join(program));
        command.current_dir(&self.root).kill_on_drop(false);
        if let Some(account) = &self.run_as {
            command.uid(account.uid).gid(account.gid).env("HOME", &self.root).env("USER", &account.name);
        }
        command
    }

    async fn run(&self, what: &'static str, program: &str, args: &[&str]) -> Result<(), ClusterError> {
        let log = self.root.join(format!("{}.out", program));
        let output = self.command(program).args(args).stdin(Stdio::null()).output().await;
        let output = output.map_err(|source| ClusterError::Io { path: self.bin.join(program), source })?;
        let mut text = output.stdout;
        text.extend_from_slice(&output.stderr);
        // Best effort: the log only helps diagnose a failure reported below.
        let _ = std::fs::write(&log, &text);
        if output.status.success() {
            Ok(())
        } else {
            Err(ClusterError::Command { what, status: output.status.to_string(), log })
        }
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

/// The newest of `PG_BINDIR`, Debian's `/usr/lib/postgresql/<version>/bin`, or PATH.
fn find_binaries() -> Option<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os("PG_BINDIR").map(PathBuf::from) {
        return has_tools(&dir).then_some(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_tools(dir))
        .collect();
    versions.sort();
    if let Some((_, dir)) = versions.pop() {
        return Some(dir);
    }
    std::env::split_paths(&std::env::var_os("PATH")?).find(|dir| has_tools(dir))
}

fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// `postgres` when Debian's package created it, otherwise `nobody`.
fn unprivileged_account() -> Result<Account, ClusterError> {
    let passwd = std::fs::read_to_string("/etc/passwd")
        .map_err(|source| ClusterError::Io { path: "/etc/passwd".into(), source })?;
    let find = |wanted: &str| {
        passwd.lines().find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            let (name, uid, gid) = (fields.first()?, fields.get(2)?, fields.get(3)?);
            if *name != wanted {
                return None;
            }
            Some(Account { name: wanted.into(), uid: uid.parse().ok()?, gid: gid.parse().ok()? })
        })
    };
    find("postgres").or_else(|| find("nobody")).ok_or(ClusterError::NoAccount)
}

/// Every directory above the cluster must let the account pass (`x` for others,
/// or owned by it), or Postgres fails with an obscure permission error.
fn check_reachable(root: &Path, account: &Account) -> Result<(), ClusterError> {
    use std::os::unix::fs::MetadataExt;
    for dir in root.ancestors().skip(1) {
        let Ok(meta) = std::fs::metadata(dir) else { continue };
        let passable = meta.mode() & 0o001 != 0 || (meta.uid() == account.uid && meta.mode() & 0o100 != 0);
        if !passable {
            return Err(ClusterError::Unreachable { user: account.name.clone(), path: dir.to_owned() });
        }
    }
    Ok(())
}
