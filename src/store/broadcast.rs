//! Broadcasts: a coordinator's message to a centre's subscribers, sent by a
//! durable queue (see migration 0007). The recipients are fixed when the
//! broadcast starts; each delivery is claimed by one worker with
//! `FOR UPDATE SKIP LOCKED` and a lease, and marked once the platform took it.

use chrono::{DateTime, Utc};

use super::bind::BindPerson;
use super::coordinator::{Via, may_manage};
use super::desk::audit_values;
use super::notice::{Notice, queue_notice};
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Language, Person};

/// How long a claimed delivery is left to its worker. The worker stops
/// starting sends well before (see `conversation::broadcasting`), so a slow
/// round never outlives its claims.
pub const LEASE_SECONDS: f64 = 120.0;
/// Claims after which a delivery that never went out counts as failed.
const MAX_ATTEMPTS: i32 = 3;

/// What a broadcast says: the coordinator's words, or the week's schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BroadcastBody {
    Message(String),
    Schedule,
    /// The centre's closure, worded from the directory in each reader's language.
    Closure,
}

/// One of a centre's broadcasts, with its delivery counts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BroadcastSummary {
    pub id: i64,
    pub schedule: bool,
    pub send_at: DateTime<Utc>,
    pub status: String,
    pub sent: i64,
    pub blocked: i64,
    pub failed: i64,
    pub pending: i64,
}

/// A claimed delivery, to send and then [`Store::finish_delivery`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub broadcast: i64,
    pub centre: String,
    pub body: BroadcastBody,
    pub to: Person,
    pub language: Language,
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    broadcast_id: i64,
    centre_id: String,
    kind: String,
    body: Option<String>,
    channel: String,
    external_id: String,
    language: String,
}

/// How a delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Sent,
    Blocked,
    /// Failed for now; retried a few times, then counted as failed.
    Retry,
}

/// A finished broadcast, reported to its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BroadcastReport {
    pub broadcast: i64,
    pub centre: String,
    pub sent: i64,
    pub blocked: i64,
    pub failed: i64,
}

impl Store {
    /// Queues a broadcast from a coordinator of the centre, to go at `send_at`.
    /// `None` when the person does not coordinate it. Returns its id.
    pub async fn create_broadcast_as(
        &self,
        person: &Person,
        centre: &str,
        body: &BroadcastBody,
        send_at: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        self.create_broadcast_via(person, centre, body, send_at, Via::Bot).await
    }

    /// [`Store::create_broadcast_as`] through the bot or the desk (see
    /// [`Via`]); the desk's is audited (`send-message`, its id and time).
    pub async fn create_broadcast_via(
        &self,
        person: &Person,
        centre: &str,
        body: &BroadcastBody,
        send_at: DateTime<Utc>,
        via: Via,
    ) -> Result<Option<i64>, StoreError> {
        let (kind, text) = match body {
            BroadcastBody::Message(text) => ("message", Some(text.as_str())),
            BroadcastBody::Schedule => ("schedule", None),
            BroadcastBody::Closure => ("closure", None),
        };
        let mut tx = self.pool.begin().await?;
        if !may_manage(&mut tx, person, centre, via).await? {
            return Ok(None);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO broadcast (centre_id, author_channel, author_id, kind, body, send_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(centre)
        .bind_person(person)
        .bind(kind)
        .bind(text)
        .bind(send_at)
        .fetch_one(&mut *tx)
        .await?;
        if via == Via::Desk {
            // The message's words are not copied into the log: they go with
            // the broadcast 30 days after it finished.
            let what = format!("{kind} {id} {}", send_at.format("%Y-%m-%dT%H:%MZ"));
            audit_values(&mut tx, person, "send-message", centre, None, Some(&what)).await?;
        }
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Cancels a broadcast that has not started, for a coordinator of its centre.
    pub async fn cancel_broadcast_as(&self, person: &Person, broadcast: i64) -> Result<bool, StoreError> {
        self.cancel_broadcast_via(person, broadcast, Via::Bot).await
    }

    /// [`Store::cancel_broadcast_as`] through the bot or the desk (see
    /// [`Via`]); the desk's is audited (`cancel-message`).
    pub async fn cancel_broadcast_via(&self, person: &Person, broadcast: i64, via: Via) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let centre: Option<String> = sqlx::query_scalar("SELECT centre_id FROM broadcast WHERE id = $1 FOR UPDATE")
            .bind(broadcast)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(centre) = centre else { return Ok(false) };
        if !may_manage(&mut tx, person, &centre, via).await? {
            return Ok(false);
        }
        let cancelled = sqlx::query(
            "UPDATE broadcast SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status = 'scheduled'",
        )
        .bind(broadcast)
        .execute(&mut *tx)
        .await?;
        let done = cancelled.rows_affected() == 1;
        if done && via == Via::Desk {
            audit_values(&mut tx, person, "cancel-message", &centre, None, Some(&broadcast.to_string())).await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    /// The centre a broadcast was written to; `None` for an unknown id.
    pub async fn broadcast_centre(&self, broadcast: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT centre_id FROM broadcast WHERE id = $1")
            .bind(broadcast)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// A centre's latest broadcasts with their progress, newest first.
    pub async fn broadcasts(&self, centre: &str) -> Result<Vec<BroadcastSummary>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT b.id, b.kind = 'schedule' AS schedule, b.send_at, b.status, \
                    count(*) FILTER (WHERE d.status = 'sent') AS sent, \
                    count(*) FILTER (WHERE d.status = 'blocked') AS blocked, \
                    count(*) FILTER (WHERE d.status = 'failed') AS failed, \
                    count(*) FILTER (WHERE d.status = 'pending') AS pending \
             FROM broadcast b LEFT JOIN broadcast_delivery d ON d.broadcast_id = b.id \
             WHERE b.centre_id = $1 GROUP BY b.id ORDER BY b.send_at DESC, b.id DESC LIMIT 10",
        )
        .bind(centre)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Starts the broadcasts due at `now`: fixes each one's recipients (the
    /// centre's subscribers the bot can write to on these channels, the ones
    /// this process serves; every replica serves the same) in the same
    /// transaction that marks it sending. Returns how many started.
    pub async fn start_due_broadcasts(
        &self,
        now: DateTime<Utc>,
        channels: &[ChannelKind],
    ) -> Result<usize, StoreError> {
        let channels: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
        let mut tx = self.pool.begin().await?;
        let due: Vec<i64> = sqlx::query_scalar(
            "UPDATE broadcast SET status = 'sending' WHERE id IN (SELECT id FROM broadcast \
             WHERE status = 'scheduled' AND send_at <= $1 ORDER BY send_at FOR UPDATE SKIP LOCKED) RETURNING id",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        for broadcast in &due {
            sqlx::query(
                "INSERT INTO broadcast_delivery (broadcast_id, channel, external_id) \
                 SELECT b.id, s.channel, s.external_id FROM broadcast b \
                 JOIN subscription s ON s.centre_id = b.centre_id \
                 JOIN chat_user u ON u.channel = s.channel AND u.external_id = s.external_id AND u.active \
                 WHERE b.id = $1 AND s.channel = ANY($2)",
            )
            .bind(broadcast)
            .bind(&channels)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(due.len())
    }

    /// Claims up to `limit` pending deliveries for these channels.
    pub async fn claim_deliveries(&self, channels: &[ChannelKind], limit: i64) -> Result<Vec<Delivery>, StoreError> {
        let channels: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
        let rows: Vec<DeliveryRow> = sqlx::query_as(
            "WITH claimed AS ( \
                UPDATE broadcast_delivery SET claimed_until = now() + make_interval(secs => $3), \
                       attempts = attempts + 1 \
                WHERE (broadcast_id, channel, external_id) IN ( \
                    SELECT d.broadcast_id, d.channel, d.external_id FROM broadcast_delivery d \
                    JOIN broadcast b ON b.id = d.broadcast_id AND b.status = 'sending' \
                    WHERE d.status = 'pending' AND d.channel = ANY($1) \
                      AND (d.claimed_until IS NULL OR d.claimed_until < now()) \
                    ORDER BY d.broadcast_id LIMIT $2 FOR UPDATE OF d SKIP LOCKED) \
                RETURNING broadcast_id, channel, external_id) \
             SELECT c.broadcast_id, b.centre_id, b.kind, b.body, c.channel, c.external_id, u.language \
             FROM claimed c JOIN broadcast b ON b.id = c.broadcast_id \
             JOIN chat_user u ON u.channel = c.channel AND u.external_id = c.external_id",
        )
        .bind(&channels)
        .bind(limit)
        .bind(LEASE_SECONDS)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(
                |DeliveryRow {
                     broadcast_id: broadcast,
                     centre_id: centre,
                     kind,
                     body,
                     channel,
                     external_id,
                     language,
                 }| {
                    let body = match (kind.as_str(), body) {
                        ("message", Some(text)) => BroadcastBody::Message(text),
                        ("closure", _) => BroadcastBody::Closure,
                        _ => BroadcastBody::Schedule,
                    };
                    Some(Delivery {
                        broadcast,
                        centre,
                        body,
                        to: Person { channel: ChannelKind::parse(&channel)?, external_id },
                        language: Language::parse(&language).unwrap_or_default(),
                    })
                },
            )
            .collect())
    }

    /// Forgets broadcasts (their text and who got them) 30 days after they
    /// finished or were cancelled.
    pub async fn prune_broadcasts(&self) -> Result<u64, StoreError> {
        let pruned = sqlx::query("DELETE FROM broadcast WHERE finished_at < now() - interval '30 days'")
            .execute(&self.pool)
            .await?;
        Ok(pruned.rows_affected())
    }

    /// Gives claimed deliveries back unsent (the round ran out of time).
    pub async fn unclaim_deliveries(&self, deliveries: &[Delivery]) -> Result<(), StoreError> {
        for delivery in deliveries {
            sqlx::query(
                "UPDATE broadcast_delivery SET claimed_until = NULL, attempts = greatest(attempts - 1, 0) \
                 WHERE broadcast_id = $1 AND channel = $2 AND external_id = $3 AND status = 'pending'",
            )
            .bind(delivery.broadcast)
            .bind_person(&delivery.to)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Marks a claimed delivery.
    pub async fn finish_delivery(&self, delivery: &Delivery, outcome: DeliveryOutcome) -> Result<(), StoreError> {
        let sql = match outcome {
            // Only a pending row is finished: a late answer never undoes a mark.
            DeliveryOutcome::Sent => {
                "UPDATE broadcast_delivery SET status = 'sent', done_at = now(), claimed_until = NULL \
                 WHERE broadcast_id = $1 AND channel = $2 AND external_id = $3 AND status = 'pending'"
            }
            DeliveryOutcome::Blocked => {
                "UPDATE broadcast_delivery SET status = 'blocked', done_at = now(), claimed_until = NULL \
                 WHERE broadcast_id = $1 AND channel = $2 AND external_id = $3 AND status = 'pending'"
            }
            DeliveryOutcome::Retry => {
                "UPDATE broadcast_delivery SET \
                   status = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END, \
                   done_at = CASE WHEN attempts >= $4 THEN now() END, \
                   claimed_until = CASE WHEN attempts >= $4 THEN NULL ELSE now() + interval '30 seconds' END \
                 WHERE broadcast_id = $1 AND channel = $2 AND external_id = $3 AND status = 'pending'"
            }
        };
        sqlx::query(sql)
            .bind(delivery.broadcast)
            .bind_person(&delivery.to)
            .bind(MAX_ATTEMPTS)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the broadcasts with nothing left to send and queues each one's
    /// report to its author, in the same transaction (so it is sent once).
    pub async fn finish_broadcasts(&self) -> Result<Vec<BroadcastReport>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done: Vec<(i64, String, String, String)> = sqlx::query_as(
            "UPDATE broadcast b SET status = 'done', finished_at = now() WHERE id IN ( \
                SELECT id FROM broadcast WHERE status = 'sending' AND NOT EXISTS ( \
                    SELECT 1 FROM broadcast_delivery d WHERE d.broadcast_id = broadcast.id AND d.status = 'pending') \
                FOR UPDATE SKIP LOCKED) \
             RETURNING b.id, b.centre_id, b.author_channel, b.author_id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut reports = Vec::new();
        for (broadcast, centre, channel, author) in done {
            let (sent, blocked, failed): (i64, i64, i64) = sqlx::query_as(
                "SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'blocked'), \
                        count(*) FILTER (WHERE status = 'failed') FROM broadcast_delivery WHERE broadcast_id = $1",
            )
            .bind(broadcast)
            .fetch_one(&mut *tx)
            .await?;
            if let Some(channel) = ChannelKind::parse(&channel) {
                let notice = Notice::BroadcastReport { broadcast, centre: centre.clone(), sent, blocked, failed };
                queue_notice(&mut tx, &Person { channel, external_id: author }, &notice, None).await?;
            }
            reports.push(BroadcastReport { broadcast, centre, sent, blocked, failed });
        }
        tx.commit().await?;
        Ok(reports)
    }
}
