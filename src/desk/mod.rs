//! The operator desk: server-rendered pages for operators (every centre) and
//! coordinators (their centres), on a listener of its own (`DESK_ADDR`) so the
//! webhooks can face the internet while the desk stays behind a VPN or a
//! reverse proxy. No JavaScript: every page is a plain form or link.
//!
//! `session` signs people in and out and checks the role and CSRF token of
//! every request; `page` renders templates in the person's language;
//! `sign_in`, `centres` and `audit` are the screens.

mod audit;
mod centres;
mod page;
mod session;
mod sign_in;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;

use crate::i18n::Catalog;
use crate::store::Store;

pub use session::{SESSION_COOKIE, cookie_is_secure};

/// Where the desk is reached.
#[derive(Debug, Clone)]
pub struct DeskConfig {
    /// The public base address sign-in links point to (`DESK_URL`); plain
    /// http only on loopback, where the cookie may go without `Secure`.
    pub url: reqwest::Url,
}

/// What every desk handler reads.
#[derive(Clone)]
pub struct DeskState {
    store: Store,
    catalog: Arc<Catalog>,
    /// Whether cookies carry `Secure` (see [`cookie_is_secure`]).
    secure: bool,
    /// Failed sign-in attempts per address, to slow guessing down.
    failures: Arc<Mutex<HashMap<IpAddr, sign_in::Failures>>>,
}

impl DeskState {
    /// The desk's state; `catalog` is the desk's own ([`Catalog::load_desk`]).
    pub fn new(store: Store, catalog: Arc<Catalog>, config: &DeskConfig) -> Self {
        Self { store, catalog, secure: cookie_is_secure(&config.url), failures: Arc::default() }
    }
}

/// Every route of the desk.
pub fn router(state: DeskState) -> Router {
    Router::new()
        .route("/", get(centres::overview))
        .route("/centres", get(centres::list))
        .route("/centres/{id}", get(centres::centre))
        .route("/audit", get(audit::log))
        .route("/sign-in/{token}", get(sign_in::confirm).post(sign_in::sign_in))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/language/{code}", get(sign_in::language))
        .fallback(page::not_found)
        .with_state(state)
}

/// Serves the desk until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: DeskState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
