//! Prometheus metrics, served on `GET /metrics` in the text exposition
//! format. Counters and the latency histogram are recorded where things
//! happen; queue depths and the database pool are read when scraped.
//!
//! Labels are fixed vocabularies (channel, outcome, kind): never an id, a
//! name or a text, which would both leak and grow without bound.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::domain::ChannelKind;

/// What became of one update from a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOutcome {
    /// Applied and answered.
    Applied,
    /// A delivery seen before: dropped.
    Repeated,
    /// The database was down; answered from memory (nearest centres).
    FromMemory,
    /// The database was down; left for the platform to deliver again.
    Deferred,
    /// Could not be applied for another reason; delivered again.
    Failed,
    /// Dropped: the person sent too many too fast.
    RateLimited,
    /// Not an update we accept (bad signature, secret or body).
    Refused,
}

impl UpdateOutcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Repeated => "repeated",
            Self::FromMemory => "from_memory",
            Self::Deferred => "deferred",
            Self::Failed => "failed",
            Self::RateLimited => "rate_limited",
            Self::Refused => "refused",
        }
    }
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct UpdateLabels {
    channel: &'static str,
    outcome: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ChannelLabels {
    channel: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DeliveryLabels {
    kind: &'static str,
    channel: &'static str,
    outcome: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: &'static str,
}

/// A notice or broadcast message handed to a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryKind {
    Notice,
    Broadcast,
}

/// How a handed-over notice or broadcast message ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Sent,
    Unreachable,
    Later,
}

/// The database pool as scraped.
#[derive(Debug, Clone, Copy)]
pub struct Connections {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// The process's metrics; one per running application.
pub struct Metrics {
    registry: Registry,
    updates: Family<UpdateLabels, Counter>,
    reply_seconds: Family<ChannelLabels, Histogram, fn() -> Histogram>,
    queued_messages: Family<ChannelLabels, Gauge>,
    deliveries: Family<DeliveryLabels, Counter>,
    paid_messages: Family<ChannelLabels, Counter>,
    db_connections: Family<StateLabels, Gauge>,
    db_max_connections: Gauge,
    db_up: Gauge,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

/// 1 ms to about 16 s, doubling: an update takes milliseconds, and a stall
/// behind a lock or an outage shows up in the top buckets.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("resilience");
        let updates = Family::<UpdateLabels, Counter>::default();
        registry.register("updates", "Platform updates by channel and what became of them", updates.clone());
        let reply_seconds = Family::<ChannelLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        registry.register(
            "reply_seconds",
            "Time from an update's arrival until its replies are ready to send",
            reply_seconds.clone(),
        );
        let queued_messages = Family::<ChannelLabels, Gauge>::default();
        registry.register("outbox_messages", "Replies waiting in the outbox", queued_messages.clone());
        let deliveries = Family::<DeliveryLabels, Counter>::default();
        registry.register(
            "deliveries",
            "Notices and broadcast messages handed to a channel, by outcome",
            deliveries.clone(),
        );
        let paid_messages = Family::<ChannelLabels, Counter>::default();
        registry.register(
            "paid_messages",
            "Replies sent as paid messages beyond the platform's free rate (TELEGRAM_PAID_RATE)",
            paid_messages.clone(),
        );
        let db_connections = Family::<StateLabels, Gauge>::default();
        registry.register("db_connections", "Database pool connections by state", db_connections.clone());
        let db_max_connections = Gauge::default();
        registry.register("db_max_connections", "The database pool's size", db_max_connections.clone());
        let db_up = Gauge::default();
        registry.register("db_up", "1 while the database answers, 0 during an outage", db_up.clone());
        Self {
            registry,
            updates,
            reply_seconds,
            queued_messages,
            deliveries,
            paid_messages,
            db_connections,
            db_max_connections,
            db_up,
        }
    }

    /// Counts one update; `elapsed` (arrival to replies queued) only for
    /// updates that were answered.
    pub fn update(&self, channel: ChannelKind, outcome: UpdateOutcome, elapsed: Option<Duration>) {
        let channel = channel.as_str();
        self.updates.get_or_create(&UpdateLabels { channel, outcome: outcome.as_str() }).inc();
        if let Some(elapsed) = elapsed {
            self.reply_seconds.get_or_create(&ChannelLabels { channel }).observe(elapsed.as_secs_f64());
        }
    }

    pub fn delivery(&self, kind: DeliveryKind, channel: ChannelKind, outcome: DeliveryOutcome) {
        let kind = match kind {
            DeliveryKind::Notice => "notice",
            DeliveryKind::Broadcast => "broadcast",
        };
        let outcome = match outcome {
            DeliveryOutcome::Sent => "sent",
            DeliveryOutcome::Unreachable => "unreachable",
            DeliveryOutcome::Later => "later",
        };
        self.deliveries.get_or_create(&DeliveryLabels { kind, channel: channel.as_str(), outcome }).inc();
    }

    /// Counts one paid message sent.
    pub fn paid_message(&self, channel: ChannelKind) {
        self.paid_messages.get_or_create(&ChannelLabels { channel: channel.as_str() }).inc();
    }

    /// Sets what is read at scrape time: queue depths and the pool.
    pub fn observe_state(&self, queued: &[(ChannelKind, usize)], pool: Connections, db_up: bool) {
        for (channel, messages) in queued {
            let value = i64::try_from(*messages).unwrap_or(i64::MAX);
            self.queued_messages.get_or_create(&ChannelLabels { channel: channel.as_str() }).set(value);
        }
        let idle = i64::from(pool.idle.min(pool.open));
        self.db_connections.get_or_create(&StateLabels { state: "idle" }).set(idle);
        self.db_connections.get_or_create(&StateLabels { state: "busy" }).set(i64::from(pool.open) - idle);
        self.db_max_connections.set(i64::from(pool.max));
        self.db_up.set(i64::from(db_up));
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_render_with_fixed_labels() {
        let metrics = Metrics::new();
        metrics.update(ChannelKind::Telegram, UpdateOutcome::Applied, Some(Duration::from_millis(3)));
        metrics.update(ChannelKind::Telegram, UpdateOutcome::Applied, Some(Duration::from_millis(3)));
        metrics.update(ChannelKind::Viber, UpdateOutcome::RateLimited, None);
        metrics.delivery(DeliveryKind::Broadcast, ChannelKind::Viber, DeliveryOutcome::Sent);
        let text = metrics.render();
        assert!(text.contains(r#"resilience_updates_total{channel="telegram",outcome="applied"} 2"#), "{text}");
        assert!(text.contains(r#"resilience_updates_total{channel="viber",outcome="rate_limited"} 1"#), "{text}");
        assert!(text.contains(r#"resilience_reply_seconds_count{channel="telegram"} 2"#), "{text}");
        assert!(text.contains(r#"resilience_reply_seconds_bucket{le="0.004",channel="telegram"} 2"#), "{text}");
        assert!(
            text.contains(r#"resilience_deliveries_total{kind="broadcast",channel="viber",outcome="sent"} 1"#),
            "{text}"
        );
    }
}
