//! A centre's coordinators and invitations. Everyone who reaches the centre
//! sees its coordinators (channel, a masked id, when they last used the
//! bot); operators also revoke them, see the invitations (pending, used and
//! by whom, masked) and make new ones: the same one-time codes as
//! `resilience-bot coordinator invite` (`Store::invite_coordinator`), shown
//! once as Telegram and Viber links, each with a QR code, and as the
//! `/start` text for the terminal.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};

use super::centres::failed;
use super::page::{self, Chrome};
use super::qr::{LinkCode, link_code};
use super::session::Signed;
use super::state::DeskState;
use crate::domain::bot_link::invite_payload;
use crate::domain::{Centre, CentreId};
use crate::store::{CentreCoordinator, InvitationEntry};

/// Invitations the page lists.
const INVITATIONS_SHOWN: i64 = 50;
/// Pixels a QR code is drawn at, at least.
const QR_SIZE: u32 = 240;

#[derive(Template)]
#[template(path = "desk/coordinators.html")]
struct CoordinatorsPage {
    chrome: Chrome,
    centre: Centre,
    coordinators: Vec<CentreCoordinator>,
    invitations: Vec<InvitationEntry>,
    /// A just-made invitation, shown this once.
    made: Option<Made>,
    now: DateTime<Utc>,
}

/// A new invitation: its links and codes, and the terminal's `/start` text.
struct Made {
    expires_at: DateTime<Utc>,
    telegram: Option<LinkCode>,
    viber: Option<LinkCode>,
    start: String,
}

/// The invite and revoke forms.
#[derive(serde::Deserialize)]
pub struct CoordinatorForm {
    #[serde(default)]
    csrf: String,
    /// The invitation's lifetime: `24h`, `72h` or `7d`.
    #[serde(default)]
    expires: String,
    /// The coordinator to revoke ([`crate::store::CentreCoordinator::key`]).
    #[serde(default)]
    key: String,
}

/// GET /centres/{id}/coordinators.
pub async fn list(State(state): State<DeskState>, signed: Signed, Path(id): Path<String>) -> Response {
    if !signed.session.role.reaches(&id) {
        return signed.forbidden();
    }
    render(&state, signed, &id, None).await
}

/// POST /centres/{id}/coordinators/invite (operators): a new one-time code.
pub async fn invite(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<CoordinatorForm>,
) -> Response {
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    if !signed.is_operator() {
        return signed.forbidden();
    }
    let lifetime = match form.expires.as_str() {
        "24h" => Duration::hours(24),
        "7d" => Duration::days(7),
        _ => Duration::hours(72),
    };
    let expires_at = Utc::now() + lifetime;
    let person = &signed.session.person;
    let code = match state.store.invite_coordinator_at_desk(&id, expires_at, person).await {
        Ok(Some(code)) => code,
        Ok(None) => return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found"),
        Err(error) => return failed(signed.chrome, &error),
    };
    let payload = invite_payload(&code);
    let made = Made {
        expires_at,
        telegram: state.links.telegram(&payload).and_then(|link| link_code(link, QR_SIZE)),
        viber: state.links.viber(&payload).and_then(|link| link_code(link, QR_SIZE)),
        start: format!("/start {payload}"),
    };
    render(&state, signed, &id, Some(made)).await
}

/// POST /centres/{id}/coordinators/revoke (operators).
pub async fn revoke(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<CoordinatorForm>,
) -> Response {
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    if !signed.is_operator() {
        return signed.forbidden();
    }
    match state.store.revoke_coordinator_at_desk(&signed.session.person, &id, &form.key).await {
        Ok(true) => Redirect::to(&format!("/centres/{id}/coordinators")).into_response(),
        Ok(false) => page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found"),
        Err(error) => failed(signed.chrome, &error),
    }
}

async fn render(state: &DeskState, signed: Signed, id: &str, made: Option<Made>) -> Response {
    let Ok(id) = CentreId::parse(id) else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    let operator = signed.is_operator();
    let loaded = async {
        // One row, not the whole table: 100,000 centres would take a second.
        let centre = state.store.centre(&id).await?;
        let coordinators = state.store.centre_coordinators(id.as_str()).await?;
        let invitations =
            if operator { state.store.invitations(id.as_str(), INVITATIONS_SHOWN).await? } else { Vec::new() };
        Ok::<_, crate::store::StoreError>((centre, coordinators, invitations))
    };
    let (centre, coordinators, invitations) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return failed(signed.chrome, &error),
    };
    let Some(centre) = centre else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    page::html(&CoordinatorsPage { chrome: signed.chrome, centre, coordinators, invitations, made, now: Utc::now() })
}
