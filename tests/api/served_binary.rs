//! `resilience-bot serve` as a process, against a fake Bot API in this test
//! process: for what only a real process shows (signals, `kill -9`).

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_resilience-bot");
pub const WEBHOOK_SECRET: &str = "process-secret-0123456789";

/// How the process gets Telegram's updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Polling,
    Webhook,
}

pub struct Process {
    pub child: Child,
    pub addr: SocketAddr,
    /// What it wrote to stderr, read as it comes so that the pipe never fills.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

/// Starts `serve` on a free port with a fake Bot API; `clock_starts_at`
/// (RFC 3339) sets the bot's clock, which runs from there.
pub fn start(database_url: &str, bot_api: &str, mode: Mode, clock_starts_at: Option<&str>) -> Process {
    start_with_env(database_url, bot_api, mode, clock_starts_at, &[])
}

/// The same with more environment variables.
pub fn start_with_env(
    database_url: &str,
    bot_api: &str,
    mode: Mode,
    clock_starts_at: Option<&str>,
    env: &[(&str, &str)],
) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut command = Command::new(BIN);
    command.arg("serve");
    if let Some(at) = clock_starts_at {
        command.args(["--clock-starts-at", at]);
    }
    command
        .env("DATABASE_URL", database_url)
        .env("HTTP_ADDR", addr.to_string())
        // Tests that want the desk give it a free port of their own.
        .env("DESK_ADDR", "off")
        .env("TELEGRAM_BOT_TOKEN", "123:TEST")
        .env("TELEGRAM_API_URL", bot_api)
        .env("RUST_LOG", "warn")
        .env_remove("VIBER_AUTH_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command.envs(env.iter().copied());
    if mode == Mode::Webhook {
        command
            .env("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook")
            .env("TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET);
    }
    let mut child = command.spawn().unwrap();
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    if let Some(pipe) = child.stderr.take() {
        let stderr = stderr.clone();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut kept = stderr.lock().unwrap();
                kept.push_str(&line);
                kept.push('\n');
            }
        });
    }
    Process { child, addr, stderr }
}

impl Process {
    /// Waits until `/healthz` answers 200.
    pub async fn ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(response) = reqwest::get(format!("http://{}/healthz", self.addr)).await
                && response.status().is_success()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("serve did not become ready");
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit, at most `limit`; its status and stderr.
    pub async fn exited(mut self, limit: Duration) -> (std::process::ExitStatus, String) {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader thread sees the end of the pipe just after.
                tokio::time::sleep(Duration::from_millis(50)).await;
                let stderr = self.stderr.lock().unwrap().clone();
                return (status, stderr);
            }
            assert!(Instant::now() < deadline, "serve did not exit within {limit:?}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// `kill -9`: no chance to finish anything.
    pub fn kill_9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Process {
    /// A failing test must not leave a process behind holding its database.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
