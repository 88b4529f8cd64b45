//! The optional geocoder for centres imported without coordinates: a
//! Nominatim-compatible `/search` API (`GEOCODER_URL`), asked at most once a
//! second with a `User-Agent` naming the bot, as Nominatim's usage policy
//! asks. Answers are cached in Postgres by the import, so a re-import asks
//! nothing again.

use std::time::Duration;

use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::domain::Coordinates;

/// Nominatim's usage policy: at most one request a second.
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);
/// How long one request may take before the row keeps its settlement point.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Why the geocoder gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeocoderError {
    #[error("the geocoder did not answer: {0}")]
    Unreachable(String),
    #[error("the geocoder took longer than {0:?}")]
    Timeout(Duration),
    #[error("the geocoder's answer is not a Nominatim search result: {0}")]
    BadAnswer(String),
}

impl GeocoderError {
    /// Whether asking again now is pointless (it is down or too slow), as
    /// opposed to one odd answer.
    pub fn is_outage(&self) -> bool {
        matches!(self, GeocoderError::Unreachable(_) | GeocoderError::Timeout(_))
    }
}

/// A geocoder client; one request at a time, spaced by the interval.
#[derive(Debug)]
pub struct Geocoder {
    http: reqwest::Client,
    search: reqwest::Url,
    interval: Duration,
    timeout: Duration,
    /// When the last request was sent, to space the next one.
    last: Mutex<Option<Instant>>,
}

#[derive(Deserialize)]
struct Found {
    lat: String,
    lon: String,
}

impl Geocoder {
    /// A client of the geocoder at `base` (its `/search` is asked).
    pub fn new(base: &reqwest::Url) -> Result<Self, GeocoderError> {
        Self::with_limits(base, MIN_INTERVAL, TIMEOUT)
    }

    /// With another spacing and timeout (tests use a shorter timeout).
    pub fn with_limits(base: &reqwest::Url, interval: Duration, timeout: Duration) -> Result<Self, GeocoderError> {
        let http = reqwest::Client::builder()
            .user_agent(concat!(
                "resilience-bot/",
                env!("CARGO_PKG_VERSION"),
                " (Resilience Centres directory import; one request a second)"
            ))
            .connect_timeout(timeout)
            .timeout(timeout)
            .build()
            .map_err(|e| GeocoderError::Unreachable(e.to_string()))?;
        let mut search = base.clone();
        search
            .path_segments_mut()
            .map_err(|()| GeocoderError::Unreachable(format!("{base} is not a base URL")))?
            .pop_if_empty()
            .push("search");
        Ok(Self { http, search, interval, timeout, last: Mutex::new(None) })
    }

    /// The point of the best match for a free-form address in Ukraine, or
    /// `None` when the geocoder found nothing.
    pub async fn search(&self, query: &str) -> Result<Option<Coordinates>, GeocoderError> {
        let mut last = self.last.lock().await;
        if let Some(at) = *last {
            tokio::time::sleep_until(at + self.interval).await;
        }
        *last = Some(Instant::now());
        let request = self.http.get(self.search.clone()).query(&[
            ("q", query),
            ("format", "jsonv2"),
            ("limit", "1"),
            ("countrycodes", "ua"),
        ]);
        let response = request.send().await.map_err(|e| self.failure(&e))?;
        if !response.status().is_success() {
            return Err(GeocoderError::Unreachable(format!("HTTP {}", response.status())));
        }
        let body = response.bytes().await.map_err(|e| self.failure(&e))?;
        let found: Vec<Found> = serde_json::from_slice(&body).map_err(|e| GeocoderError::BadAnswer(e.to_string()))?;
        let Some(first) = found.first() else { return Ok(None) };
        let number = |raw: &str| raw.trim().parse::<f64>().map_err(|_| GeocoderError::BadAnswer(format!("{raw:?}")));
        Coordinates::parse(number(&first.lat)?, number(&first.lon)?)
            .map(Some)
            .map_err(|e| GeocoderError::BadAnswer(e.to_string()))
    }

    fn failure(&self, error: &reqwest::Error) -> GeocoderError {
        if error.is_timeout() {
            GeocoderError::Timeout(self.timeout)
        } else {
            GeocoderError::Unreachable(error.to_string())
        }
    }
}
