//! Webhook mode: Telegram posts updates to `POST /telegram/webhook` with the
//! secret we registered. A request without it is refused before its body is
//! read at all; the body is then read within the [`Gate`]'s bounds; an
//! update that could not be applied gets a 500 so that Telegram delivers it
//! again.

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use subtle::ConstantTimeEq;
use teloxide::payloads::SetWebhookSetters;
use teloxide::prelude::Requester;
use teloxide::types::Update;

use super::Telegram;
use crate::channel::ApplyError;
use crate::channel::gate::Gate;

const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

#[derive(Clone)]
struct WebhookState {
    telegram: Telegram,
    secret: String,
    gate: Gate,
}

/// The route, to be merged into the shared HTTP server.
pub fn router(telegram: Telegram, secret: String, gate: Gate) -> Router {
    Router::new().route("/telegram/webhook", post(receive)).with_state(WebhookState { telegram, secret, gate })
}

/// Tells Telegram where to post updates, with our secret.
pub async fn register(telegram: &Telegram, url: reqwest::Url, secret: &str) -> Result<(), teloxide::RequestError> {
    telegram.bot.set_webhook(url).secret_token(secret.to_owned()).allowed_updates(super::ALLOWED_UPDATES).await?;
    Ok(())
}

async fn receive(State(state): State<WebhookState>, headers: HeaderMap, body: Body) -> StatusCode {
    let arrived = std::time::Instant::now();
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if !bool::from(given.ct_eq(state.secret.as_bytes())) {
        tracing::warn!("refusing a Telegram webhook call without the right secret");
        state.telegram.refused();
        return StatusCode::UNAUTHORIZED;
    }
    let admitted = match state.gate.admit(body).await {
        Ok(admitted) => admitted,
        Err(status) => return status,
    };
    let Ok(update) = serde_json::from_slice::<Update>(&admitted.body) else {
        tracing::warn!("refusing a Telegram webhook call whose body is not an update");
        state.telegram.refused();
        return StatusCode::BAD_REQUEST;
    };
    match state.telegram.apply(&update, arrived).await {
        Ok(()) => StatusCode::OK,
        // Telegram delivers it again later; the reason is logged where it arose.
        Err(ApplyError::Deferred | ApplyError::Failed) => StatusCode::SERVICE_UNAVAILABLE,
        Err(error) => {
            tracing::error!(%error, "cannot apply a webhook update; Telegram will deliver it again");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
