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

#[cfg(test)]
mod tests {
    use http_body_util::channel::Channel;

    use super::*;

    fn trickled() -> (http_body_util::channel::Sender<Bytes, std::convert::Infallible>, Body) {
        let (sender, body) = Channel::<Bytes, std::convert::Infallible>::new(1);
        (sender, Body::new(body))
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_trickled_slowly_is_cut_and_holds_no_permit_meanwhile() {
        let gate = Gate::new(1, 1024, Duration::from_secs(10));
        let (mut sender, slow) = trickled();
        let slow = tokio::spawn({
            let gate = gate.clone();
            async move { gate.admit(slow).await.map(|_| ()) }
        });
        sender.send_data(Bytes::from_static(b"{")).await.expect("sent");
        tokio::time::sleep(Duration::from_secs(5)).await;
        // The only permit is free while the slow body is still coming.
        let quick = gate.admit(Body::from("{}")).await.expect("admitted");
        assert_eq!(quick.body, Bytes::from_static(b"{}"));
        drop(quick);
        tokio::time::sleep(Duration::from_secs(6)).await;
        assert_eq!(slow.await.expect("joined"), Err(StatusCode::REQUEST_TIMEOUT));
        drop(sender);
    }

    #[tokio::test]
    async fn a_body_too_large_is_refused_and_a_full_gate_answers_503() {
        let gate = Gate::new(1, 4, Duration::from_secs(10));
        assert_eq!(gate.admit(Body::from("12345")).await.map(|_| ()), Err(StatusCode::PAYLOAD_TOO_LARGE));
        let held = gate.admit(Body::from("1234")).await.expect("admitted");
        assert_eq!(gate.admit(Body::from("1")).await.map(|_| ()), Err(StatusCode::SERVICE_UNAVAILABLE));
        drop(held);
        assert!(gate.admit(Body::from("1")).await.is_ok());
    }
}
