//! `POST /viber/webhook`. The signature covers the body, so the body is read
//! first, within the [`Gate`]'s time and size and before a permit is taken;
//! it is checked on the raw body before anything is parsed: a missing or
//! wrong one gets 403. A body that is not a
//! callback gets 400; one that could not be applied gets 500 so Viber retries.

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use super::Viber;
use super::callback::Callback;
use super::signature;
use crate::channel::ApplyError;
use crate::channel::gate::Gate;

const SIGNATURE_HEADER: &str = "x-viber-content-signature";

/// The route, to be merged into the shared HTTP server.
pub fn router(viber: Viber, gate: Gate) -> Router {
    Router::new().route("/viber/webhook", post(receive)).with_state((viber, gate))
}

async fn receive(State((viber, gate)): State<(Viber, Gate)>, headers: HeaderMap, body: Body) -> Response {
    let arrived = std::time::Instant::now();
    let admitted = match gate.admit(body).await {
        Ok(admitted) => admitted,
        Err(status) => return status.into_response(),
    };
    let body = &admitted.body;
    let given = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !signature::verify(&viber.token, body, given) {
        tracing::warn!("refusing a Viber callback with a missing or wrong signature");
        viber.refused();
        return StatusCode::FORBIDDEN.into_response();
    }
    let callback = match Callback::parse(body) {
        Ok(callback) => callback,
        Err(error) => {
            // The category only: serde's message can quote the person's text.
            tracing::warn!(category = ?error.0.classify(), "refusing a Viber callback that cannot be read");
            viber.refused();
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    match viber.apply(callback, arrived).await {
        Ok(Some(answer)) => Json(answer).into_response(),
        Ok(None) => StatusCode::OK.into_response(),
        // Viber delivers it again; the reason is logged where it arose.
        Err(ApplyError::Deferred | ApplyError::Failed) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot apply a Viber callback; Viber will deliver it again");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
