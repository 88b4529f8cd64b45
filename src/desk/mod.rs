//! The operator desk: server-rendered pages for operators (every centre) and
//! coordinators (their centres), on a listener of its own (`DESK_ADDR`) so the
//! webhooks can face the internet while the desk stays behind a VPN or a
//! reverse proxy. No JavaScript: every page is a plain form or link.
//!
//! `session` signs people in and out and checks the role and CSRF token of
//! every request; `page` renders templates in the person's language;
//! `sign_in`, `centres` and `audit` are the screens; `state` is what they share.

mod audit;
mod card;
mod centre;
mod centres;
mod export;
mod hours;
mod import;
mod page;
mod picker;
mod session;
mod sign_in;
mod state;

use std::net::SocketAddr;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;

pub use session::SESSION_COOKIE;
pub use state::{DeskConfig, DeskState, MAX_FAILURES, cookie_is_secure};

/// Every route of the desk.
pub fn router(state: DeskState) -> Router {
    Router::new()
        .route("/", get(centres::overview))
        .route("/centres", get(centres::list))
        .route("/centres/{id}", get(centre::show))
        .route("/centres/{id}/edit", post(centre::edit))
        .route("/centres/{id}/preview", post(centre::preview))
        .route("/audit", get(audit::log))
        .route("/export/centres.csv", get(export::centres_csv))
        .route("/import", get(import::form).post(import::check))
        .route("/import/{key}/apply", post(import::apply))
        .route("/sign-in/{token}", get(sign_in::confirm).post(sign_in::sign_in))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/language/{code}", get(sign_in::language))
        // i19r: the open data downloads.
        .route("/export/services.json", get(export::services_json))
        .route("/export/centres.geojson", get(export::centres_geojson))
        .fallback(page::not_found)
        .layer(axum::middleware::map_response(page::security_headers))
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
