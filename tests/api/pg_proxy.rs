//! A TCP proxy in front of the test's Postgres that a test can cut and
//! restore: a database outage as the bot sees one (every open connection
//! dropped, new ones closed at once), without stopping the Postgres that
//! the other tests share.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream, UnixStream};
use tokio::task::AbortHandle;

/// Where the real server listens.
#[derive(Clone)]
enum Upstream {
    Tcp(String),
    Unix(std::path::PathBuf),
}

pub struct PgProxy {
    up: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<AbortHandle>>>,
    accepting: AbortHandle,
    options: PgConnectOptions,
}

impl PgProxy {
    /// A proxy to the test database behind `pool`.
    pub async fn start(pool: &PgPool) -> Self {
        let direct: PgConnectOptions = crate::helpers::database_url(pool).parse().unwrap();
        let upstream = match direct.get_socket() {
            Some(dir) => Upstream::Unix(dir.join(format!(".s.PGSQL.{}", direct.get_port()))),
            None if direct.get_host().starts_with('/') => {
                Upstream::Unix(std::path::Path::new(direct.get_host()).join(format!(".s.PGSQL.{}", direct.get_port())))
            }
            None => Upstream::Tcp(format!("{}:{}", direct.get_host(), direct.get_port())),
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let accepting = {
            let (up, connections) = (up.clone(), connections.clone());
            tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    if !up.load(Ordering::SeqCst) {
                        drop(client);
                        continue;
                    }
                    let task = tokio::spawn(forward(client, upstream.clone()));
                    connections.lock().unwrap().push(task.abort_handle());
                }
            })
            .abort_handle()
        };
        // Trust authentication, as scripts/test's cluster and CI's server use.
        let options = PgConnectOptions::new()
            .host("127.0.0.1")
            .port(port)
            .username(direct.get_username())
            .database(direct.get_database().unwrap());
        Self { up, connections, accepting, options }
    }

    /// Options to connect through the proxy.
    pub fn options(&self) -> PgConnectOptions {
        self.options.clone()
    }

    /// A pool through the proxy, failing fast when it is cut.
    pub async fn pool(&self, max_connections: u32) -> PgPool {
        PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(std::time::Duration::from_secs(2))
            .connect_with(self.options.clone())
            .await
            .unwrap()
    }

    /// The outage: every connection dropped, new ones refused.
    pub fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for connection in self.connections.lock().unwrap().drain(..) {
            connection.abort();
        }
    }

    /// The database is back.
    pub fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

impl Drop for PgProxy {
    fn drop(&mut self) {
        self.accepting.abort();
        self.cut();
    }
}

async fn forward(client: TcpStream, upstream: Upstream) {
    match upstream {
        Upstream::Tcp(address) => {
            if let Ok(server) = TcpStream::connect(address).await {
                pipe(client, server).await;
            }
        }
        Upstream::Unix(path) => {
            if let Ok(server) = UnixStream::connect(path).await {
                pipe(client, server).await;
            }
        }
    }
}

async fn pipe(mut client: TcpStream, mut server: impl AsyncRead + AsyncWrite + Unpin) {
    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
}
