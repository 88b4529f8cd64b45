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
    entries: Vec<Shown>,
}

/// One row as the page shows it.
struct Shown {
    entry: AuditEntry,
    /// What the action was done to, when the action's name does not say it
    /// (signing in and out are done to the desk).
    subject: Option<String>,
    /// The field an edit of a centre changed, named in words by the page.
    field: Option<String>,
}

impl From<AuditEntry> for Shown {
    fn from(entry: AuditEntry) -> Self {
        let (subject, field) = match entry.action.as_str() {
            "sign-in" | "sign-out" => (None, None),
            // Stored as "<centre> <field>" (`store::centre_edit`).
            "edit-centre" => match entry.subject.rsplit_once(' ') {
                Some((centre, field)) => (Some(centre.to_owned()), Some(field.to_owned())),
                None => (Some(entry.subject.clone()), None),
            },
            _ => (Some(entry.subject.clone()), None),
        };
        Self { entry, subject, field }
    }
}

/// GET /audit (operators).
pub async fn log(State(state): State<DeskState>, signed: Signed) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    match state.store.audit_log(SHOWN).await {
        Ok(entries) => {
            let entries = entries.into_iter().map(Shown::from).collect();
            page::html(&AuditPage { chrome: signed.chrome, entries })
        }
        Err(error) => {
            tracing::error!(%error, "cannot read the audit log");
            page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error")
        }
    }
}
