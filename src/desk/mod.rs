//! The operator desk: server-rendered pages for operators (every centre) and
//! coordinators (their centres), on a listener of its own (`DESK_ADDR`) so the
//! webhooks can face the internet while the desk stays behind a VPN or a
//! reverse proxy. No JavaScript: every page is a plain form or link.
//!
//! `session` signs people in and out and checks the role and CSRF token of
//! every request; `page` renders templates in the person's language;
//! `form_check` refuses a form whose text is not UTF-8 before any screen reads it;
//! `sign_in`, `centres`, `centre`, `reports`, `coordinators`, `poster`, `import`,
//! `audit`, `statistics` and `coverage` are the screens; `qr` draws QR codes,
//! `chart` the statistics' SVG, `area` names oblasts and hromadas, `htmx`
//! serves the vendored library the hours preview uses; `state` is
//! what they share. `groups`/`group` (a centre's groups and sign-ups) and
//! `messages` (to its subscribers) do what the bot's coordinator screens do,
//! through the same core and store functions, answering in the bot's words
//! (`bot_words`); `scope` finds the centre and group a request is about, or
//! refuses it.

pub mod alphabet;
mod area;
mod asked;
mod audit;
mod bot_words;
mod card;
mod centre;
mod centres;
mod chart;
mod coordinators;
mod coverage;
mod export;
mod form_check;
mod group;
mod groups;
mod hours;
mod htmx;
mod import;
mod kept;
mod messages;
mod page;
mod picker;
mod poster;
mod qr;
mod reports;
mod scope;
mod session;
mod sign_in;
mod state;
mod statistics;
mod when;

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
        // Reports inbox, coordinators and invitations, posters (issue 20, parts 1–3).
        .route("/reports", get(reports::inbox))
        .route("/reports/{id}/close", post(reports::close))
        .route("/centres/{id}/coordinators", get(coordinators::list))
        .route("/centres/{id}/coordinators/invite", post(coordinators::invite))
        .route("/centres/{id}/coordinators/revoke", post(coordinators::revoke))
        .route("/centres/{id}/poster", get(poster::show))
        .route("/sign-in/{token}", get(sign_in::confirm).post(sign_in::sign_in))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/language/{code}", get(sign_in::language))
        .route(htmx::PATH, get(htmx::script))
        // Groups and sign-ups, messages to subscribers (issue 20, parts 4–5).
        .route("/centres/{id}/groups", get(groups::list).post(groups::create))
        .route("/centres/{id}/groups/{cohort}/seats", post(group::seats))
        .route("/centres/{id}/groups/{cohort}/cancel", get(group::confirm_cancel).post(group::cancel))
        .route("/centres/{id}/groups/{cohort}/signups", get(group::signups))
        .route("/centres/{id}/groups/{cohort}/signups.csv", get(group::signups_csv))
        .route("/centres/{id}/messages", get(messages::list).post(messages::send))
        .route("/centres/{id}/messages/preview", post(messages::preview))
        .route("/centres/{id}/messages/{message}/cancel", post(messages::cancel))
        // Statistics and where centres are missing (issue 20, parts 6 and 7).
        .route("/statistics", get(statistics::page))
        .route("/coverage", get(coverage::page))
        .route("/coverage.csv", get(coverage::csv))
        // The open data downloads (issue 19).
        .route("/export/services.json", get(export::services_json))
        .route("/export/centres.geojson", get(export::centres_geojson))
        .fallback(page::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), form_check::refuse_broken_text))
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
