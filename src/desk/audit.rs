//! The audit log: everything changed through the desk, for operators only.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::page::{self, Chrome};
use super::session::Signed;
use super::state::DeskState;
use crate::store::AuditEntry;

/// Rows the page shows.
const SHOWN: i64 = 500;

#[derive(Template)]
#[template(path = "desk/audit.html")]
struct AuditPage {
    chrome: Chrome,
    entries: Vec<AuditEntry>,
}

/// GET /audit (operators).
pub async fn log(State(state): State<DeskState>, signed: Signed) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    match state.store.audit_log(SHOWN).await {
        Ok(entries) => page::html(&AuditPage { chrome: signed.chrome, entries }),
        Err(error) => {
            tracing::error!(%error, "cannot read the audit log");
            page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error")
        }
    }
}
