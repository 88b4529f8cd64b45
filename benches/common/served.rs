//! `resilience-bot serve` as a process for the end-to-end benchmarks
//! (`benches/load.rs`, `benches/surge.rs`): a fresh database on
//! DATABASE_URL's server, the centres imported through the CLI, the server
//! started against fake Bot and Viber APIs on loopback, and webhook updates
//! as Telegram and Viber send them.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use resilience_bot::channel::viber::signature::sign;
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, ConnectOptions as _};

const BIN: &str = env!("CARGO_BIN_EXE_resilience-bot");

/// The bot the benchmark runs: this build's, or the one `BENCH_BOT` names
/// (an earlier build kept aside, to measure before and after a change on
/// the same machine in one sitting).
fn bot() -> String {
    std::env::var("BENCH_BOT").unwrap_or_else(|_| BIN.to_owned())
}
pub const SECRET: &str = "load-benchmark-secret";
pub const VIBER_TOKEN: &str = "load-viber-token";

/// DATABASE_URL's server, and whether this is `cargo bench` (`--bench`)
/// rather than the smoke round of `cargo test`.
pub fn database_and_mode() -> (PgConnectOptions, bool) {
    let url = std::env::var("DATABASE_URL").expect("set DATABASE_URL (scripts/bench starts a cluster)");
    let admin = url.parse().expect("DATABASE_URL is a Postgres URL");
    (admin, std::env::args().any(|a| a == "--bench"))
}

/// Serves a fake platform API on a free loopback port; returns its address.
pub async fn serve_fake(app: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for the fake API");
    let addr = listener.local_addr().expect("its address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// A fresh database on DATABASE_URL's server, with its URL.
pub async fn fresh_database(admin: &PgConnectOptions, name: &str) -> String {
    let pool = PgPoolOptions::new().max_connections(1).connect_with(admin.clone()).await.expect("DATABASE_URL answers");
    sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
        .execute(&pool)
        .await
        .expect("drop");
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&pool).await.expect("create");
    pool.close().await;
    admin.clone().database(name).to_url_lossy().to_string()
}

/// Imports `csv` with `import centres` (which also migrates the database).
pub fn import(database_url: &str, csv: &str) {
    let file = std::env::temp_dir().join(format!("rb-bench-{}-{}.csv", std::process::id(), csv.len()));
    std::fs::write(&file, csv).expect("a temporary CSV");
    let status = Command::new(bot())
        .args(["import", "centres"])
        .arg(&file)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .status()
        .expect("the import runs");
    let _ = std::fs::remove_file(&file);
    assert!(status.success(), "the import failed");
}

/// A running `serve`, stopped (SIGTERM) when dropped.
pub struct Served {
    child: Child,
    pub addr: SocketAddr,
    pub ready_after: Duration,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Starts `serve` on a free port with the fake APIs at `api` and `env`
    /// added to its environment; returns once `/healthz` answers 200.
    pub async fn start(database_url: &str, api: SocketAddr, env: &[(&str, String)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("an address");
        let started = Instant::now();
        let mut command = Command::new(bot());
        command
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("HTTP_ADDR", addr.to_string())
            .env("DESK_ADDR", "off")
            .env("TELEGRAM_BOT_TOKEN", "123:LOAD")
            .env("TELEGRAM_API_URL", format!("http://{api}"))
            .env("TELEGRAM_WEBHOOK_URL", format!("http://{addr}/telegram/webhook"))
            .env("TELEGRAM_WEBHOOK_SECRET", SECRET)
            .env("VIBER_AUTH_TOKEN", VIBER_TOKEN)
            .env("VIBER_API_URL", format!("http://{api}/pa/"))
            .env("VIBER_WEBHOOK_URL", format!("http://{addr}/viber/webhook"))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("serve starts");
        let client = reqwest::Client::new();
        loop {
            // A refused configuration ends the process at once: say so, rather than wait.
            if let Ok(Some(status)) = child.try_wait() {
                panic!("serve exited before it was ready ({status}); its error is above");
            }
            if let Ok(response) = client.get(format!("http://{addr}/healthz")).send().await
                && response.status().is_success()
            {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "serve was not ready within a minute");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        Self { child, addr, ready_after: started.elapsed() }
    }

    /// The most memory the process has held (VmHWM), in MiB.
    pub fn peak_rss_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kib: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(f64::NAN);
        kib / 1024.0
    }
}

/// One webhook call: where it goes and what it carries.
pub struct Update {
    pub path: &'static str,
    pub body: String,
}

/// What a simulated person does in one update.
pub enum Move {
    Text(&'static str),
    /// A pressed inline button, with its callback data.
    Button(String),
    Location(f64, f64),
}

/// The Telegram webhook update `id` from private chat `chat`.
pub fn telegram_update(id: u64, chat: i64, action: Move) -> Update {
    let from = json!({ "id": chat, "is_bot": false, "first_name": "Load", "language_code": "uk" });
    let private = json!({ "id": chat, "type": "private", "first_name": "Load" });
    let body = match action {
        Move::Text(text) => json!({ "update_id": id, "message": {
            "message_id": id, "date": 1_700_000_000, "chat": private, "from": from, "text": text } }),
        Move::Button(data) => json!({ "update_id": id, "callback_query": {
            "id": format!("cb{id}"), "chat_instance": "ci", "data": data, "from": from,
            "message": { "message_id": 1, "date": 1_700_000_000, "chat": private } } }),
        Move::Location(lat, lon) => json!({ "update_id": id, "message": { "message_id": id,
            "date": 1_700_000_000, "chat": private, "from": from,
            "location": { "latitude": lat, "longitude": lon } } }),
    };
    Update { path: "/telegram/webhook", body: body.to_string() }
}

/// Posts one update as Telegram or Viber would; true once `serve` answered 2xx.
pub async fn send_update(client: &reqwest::Client, addr: SocketAddr, update: &Update) -> bool {
    let request = client.post(format!("http://{addr}{}", update.path)).header("content-type", "application/json");
    let request = if update.path.starts_with("/viber") {
        request.header("X-Viber-Content-Signature", sign(VIBER_TOKEN, update.body.as_bytes()))
    } else {
        request.header("X-Telegram-Bot-Api-Secret-Token", SECRET)
    };
    request.body(update.body.clone()).send().await.is_ok_and(|r| r.status().is_success())
}
