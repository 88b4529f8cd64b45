//! The API's errors: a status and `{"error": "…"}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The media type of every HSDS body.
pub const JSON: &str = "application/json";

/// A request the API refuses, or could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("no {0} with id {1:?}")]
    NotFound(&'static str, String),
    #[error("the open data could not be prepared")]
    Internal,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(..) => StatusCode::NOT_FOUND,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, error_body(&self.to_string())).into_response()
    }
}

/// `{"error": "…"}` as a JSON response body.
pub fn error_body(message: &str) -> ([(header::HeaderName, HeaderValue); 2], String) {
    let body = serde_json::json!({ "error": message }).to_string();
    ([(header::CONTENT_TYPE, HeaderValue::from_static(JSON)), cors()], body)
}

pub fn cors() -> (header::HeaderName, HeaderValue) {
    (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"))
}
