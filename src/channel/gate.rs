//! What a webhook request passes before it is applied: its body is read
//! within a time and a size, and only then does it take one of the permits
//! that bound the work in flight. A client trickling a body slowly therefore
//! holds no permit, and a surge of slow bodies cannot starve real updates.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bounds shared by every webhook of one server; cheap to clone.
#[derive(Clone, Debug)]
pub struct Gate {
    permits: Arc<Semaphore>,
    /// The largest body accepted.
    max_body_bytes: usize,
    /// How long the whole body may take to arrive.
    body_timeout: Duration,
}

/// A request let through: its body, and the permit held while it is applied.
#[derive(Debug)]
pub struct Admitted {
    pub body: Bytes,
    _permit: OwnedSemaphorePermit,
}

impl Gate {
    pub fn new(in_flight: usize, max_body_bytes: usize, body_timeout: Duration) -> Self {
        Self { permits: Arc::new(Semaphore::new(in_flight)), max_body_bytes, body_timeout }
    }

    /// Reads the body, then takes a permit. The refusal is the status to
    /// answer: 408 for a body too slow, 413 for one too large, 400 for one
    /// cut off, 503 when too much is in flight (the platforms deliver again).
    pub async fn admit(&self, body: Body) -> Result<Admitted, StatusCode> {
        let limited = Limited::new(body, self.max_body_bytes);
        let body = match tokio::time::timeout(self.body_timeout, limited.collect()).await {
            Err(_) => {
                tracing::warn!("refusing a webhook call whose body came too slowly");
                return Err(StatusCode::REQUEST_TIMEOUT);
            }
            Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => {
                return Err(StatusCode::PAYLOAD_TOO_LARGE);
            }
            Ok(Err(_)) => return Err(StatusCode::BAD_REQUEST),
            Ok(Ok(collected)) => collected.to_bytes(),
        };
        match self.permits.clone().try_acquire_owned() {
            Ok(permit) => Ok(Admitted { body, _permit: permit }),
            Err(_) => {
                tracing::warn!("too many requests in flight; answering 503");
                Err(StatusCode::SERVICE_UNAVAILABLE)
            }
        }
    }
}
