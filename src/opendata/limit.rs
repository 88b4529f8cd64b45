//! A rate limit per client address on the open data API (GCRA, a token
//! bucket by another name, from the `governor` crate): a harvester paging
//! through the directory is served at a steady pace, and cannot crowd out
//! the webhooks the bot lives on.
//!
//! The address is the TCP peer's. Behind a reverse proxy every client
//! shares the proxy's address: limit there instead (README, "Open data").

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use super::config::RateLimit;

/// Addresses remembered before those with a full bucket are forgotten.
const FORGET_ABOVE: usize = 10_000;
/// How often (in requests) the number of remembered addresses is checked.
const CHECK_EVERY: u64 = 1024;

/// The buckets, by client address.
pub struct ClientLimit {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
    requests: AtomicU64,
}

impl ClientLimit {
    pub fn new(rate: RateLimit) -> Self {
        let quota = Quota::per_second(rate.per_second).allow_burst(rate.burst);
        Self {
            limiter: DefaultKeyedRateLimiter::keyed(quota),
            clock: DefaultClock::default(),
            requests: AtomicU64::new(0),
        }
    }

    /// `Ok` to serve a request from `client`, or how many whole seconds it should wait.
    pub fn check(&self, client: IpAddr) -> Result<(), u64> {
        if self.requests.fetch_add(1, Ordering::Relaxed).is_multiple_of(CHECK_EVERY)
            && self.limiter.len() > FORGET_ABOVE
        {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// Answers 429 with `Retry-After` to a client over its rate.
pub async fn limit(State(limit): State<Arc<ClientLimit>>, request: Request, next: Next) -> Response {
    // Served without the peer's address (a test's router), all share one bucket.
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
    match limit.check(client) {
        Ok(()) => next.run(request).await,
        Err(seconds) => {
            let retry_after = HeaderValue::from(seconds.max(1));
            let body = super::error::error_body("too many requests from this address; see Retry-After");
            (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, retry_after)], body).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU32;

    use super::*;

    #[test]
    fn a_client_over_its_burst_waits_while_another_is_served() {
        let limit =
            ClientLimit::new(RateLimit { per_second: NonZeroU32::MIN, burst: NonZeroU32::MIN.saturating_add(2) });
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().expect("ip"), "192.0.2.2".parse().expect("ip"));
        for _ in 0..3 {
            assert_eq!(limit.check(a), Ok(()));
        }
        assert_eq!(limit.check(a), Err(1), "the fourth request in a burst of three waits a second");
        assert_eq!(limit.check(b), Ok(()));
    }
}
