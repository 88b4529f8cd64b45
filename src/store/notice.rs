//! Messages the bot sends on its own (see migration 0006): queued in the
//! transaction that causes them, claimed by one worker at a time with
//! `FOR UPDATE SKIP LOCKED` and a lease, and marked when they went out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Person};

/// How long a claimed notice is left to its worker before another may send it.
const LEASE_SECONDS: f64 = 120.0;
/// Claims after which a notice that never went out is given up.
pub const MAX_ATTEMPTS: i32 = 5;

/// What a notice is about; stored as JSON, rendered in the recipient's
/// language when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A seat freed up and this waiting sign-up took it.
    Promoted { signup: i64, cohort: String },
    /// The centre cancelled a group the person was in or waiting for.
    CohortCancelled { cohort: String },
    /// A session of the person's group is tomorrow.
    Reminder { signup: i64, cohort: String, session: i32 },
    /// To a coordinator: a participant cannot come to a session.
    CantCome { signup: i64, cohort: String, session: i32 },
    /// To a coordinator: someone says the centre's card is wrong (their
    /// words stay in the report, read when this is sent).
    CentreReport { report: i64, centre: String, topic: String },
    /// To a coordinator: another coordinator of their centre changed one of
    /// its fields (named as in `CentreField::as_str`).
    CentreEdited { centre: String, field: String },
    /// To a coordinator: how their broadcast went.
    BroadcastReport { broadcast: i64, centre: String, sent: i64, blocked: i64, failed: i64 },
    /// The wellbeing check-in the person asked to be reminded of.
    CheckinReminder,
    /// To an operator: someone became a coordinator of `centre` with an
    /// invitation.
    InviteUsed { centre: String },
    /// To a coordinator on Telegram: the check-in statistics up to the week
    /// that began on `week`, with the chart.
    WeeklyStats { week: chrono::NaiveDate },
}

impl Notice {
    fn kind(&self) -> &'static str {
        match self {
            Notice::Promoted { .. } => "promoted",
            Notice::CohortCancelled { .. } => "cohort_cancelled",
            Notice::Reminder { .. } => "reminder",
            Notice::CantCome { .. } => "cant_come",
            Notice::BroadcastReport { .. } => "broadcast_report",
            Notice::CentreReport { .. } => "centre_report",
            Notice::CentreEdited { .. } => "centre_edited",
            Notice::CheckinReminder => "checkin_reminder",
            Notice::WeeklyStats { .. } => "weekly_stats",
            Notice::InviteUsed { .. } => "invite_used",
        }
    }
}

/// A claimed notice, to send and then [`Store::finish_notice`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingNotice {
    pub id: i64,
    pub to: Person,
    pub notice: Notice,
}

/// How sending a notice ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeOutcome {
    Sent,
    /// The person blocked the bot or unsubscribed.
    Unreachable,
    /// Too late to matter (the session began).
    Expired,
    /// The group, sign-up or person no longer exists.
    Gone,
    /// The platform refused it for good.
    Failed,
}

impl NoticeOutcome {
    fn as_str(self) -> &'static str {
        match self {
            NoticeOutcome::Sent => "sent",
            NoticeOutcome::Unreachable => "unreachable",
            NoticeOutcome::Expired => "expired",
            NoticeOutcome::Gone => "gone",
            NoticeOutcome::Failed => "failed",
        }
    }
}

/// Queues a notice inside the caller's transaction. A keyed notice that
/// exists already is not queued twice.
pub(super) async fn queue_notice(
    conn: &mut PgConnection,
    to: &Person,
    notice: &Notice,
    dedupe_key: Option<String>,
) -> Result<(), StoreError> {
    let payload = serde_json::to_value(notice).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO notice (channel, external_id, kind, payload, dedupe_key) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind_person(to)
    .bind(notice.kind())
    .bind(payload)
    .bind(dedupe_key)
    .execute(conn)
    .await?;
    Ok(())
}

/// Queues a notice to each coordinator of a centre the bot can write to
/// (they wrote to it and did not block it), but `except`; returns how many.
pub(super) async fn tell_coordinators(
    conn: &mut PgConnection,
    centre: &str,
    notice: &Notice,
    except: Option<&Person>,
) -> Result<usize, StoreError> {
    let coordinators: Vec<(String, String)> = sqlx::query_as(
        "SELECT k.channel, k.external_id FROM coordinator k JOIN chat_user u \
         ON u.channel = k.channel AND u.external_id = k.external_id AND u.active WHERE k.centre_id = $1 \
         ORDER BY k.channel, k.external_id",
    )
    .bind(centre)
    .fetch_all(&mut *conn)
    .await?;
    let mut told = 0;
    for (channel, external_id) in coordinators {
        let Some(channel) = ChannelKind::parse(&channel) else { continue };
        let to = Person { channel, external_id };
        if except != Some(&to) {
            queue_notice(conn, &to, notice, None).await?;
            told += 1;
        }
    }
    Ok(told)
}

impl Store {
    /// Queues tomorrow's session reminders that are due at `now` (see the
    /// README for the rules). Every replica may run this at once: each
    /// reminder has a key and is queued once. Returns how many were queued.
    pub async fn schedule_reminders(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let queued = sqlx::query(
            "INSERT INTO notice (channel, external_id, kind, payload, dedupe_key) \
             SELECT s.channel, s.external_id, 'reminder', \
                    jsonb_build_object('kind', 'reminder', 'signup', s.id, 'cohort', c.id, 'session', cs.number), \
                    'reminder:' || s.id || ':' || cs.number \
             FROM cohort_session cs \
             JOIN cohort c ON c.id = cs.cohort_id AND NOT c.cancelled \
             JOIN signup s ON s.cohort_id = c.id AND s.status = 'confirmed' AND (cs.number = 1 OR s.reminders) \
             CROSS JOIN LATERAL (SELECT (((cs.starts_at AT TIME ZONE 'Europe/Kyiv')::date - 1) + time '18:00') \
                                 AT TIME ZONE 'Europe/Kyiv' AS due) d \
             WHERE cs.starts_at > $1 + interval '1 hour' AND cs.starts_at < $1 + interval '3 days' \
               AND d.due <= $1 AND s.confirmed_at < d.due \
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(queued.rows_affected())
    }

    /// Claims up to `limit` unsent notices for these channels (or for one
    /// person), oldest first, skipping rows another worker holds. Leases are
    /// reckoned from `now` (the conversation's clock, which tests pin).
    pub async fn claim_notices(
        &self,
        channels: &[ChannelKind],
        only: Option<&Person>,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<PendingNotice>, StoreError> {
        let channels: Vec<&str> = channels.iter().map(|c| c.as_str()).collect();
        let rows: Vec<(i64, String, String, serde_json::Value)> = sqlx::query_as(
            "UPDATE notice SET claimed_until = $5 + make_interval(secs => $4), attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM notice WHERE sent_at IS NULL AND channel = ANY($1) \
                          AND ($2::text IS NULL OR external_id = $2) \
                          AND (claimed_until IS NULL OR claimed_until <= $5) \
                          ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
             RETURNING id, channel, external_id, payload",
        )
        .bind(&channels)
        .bind(only.map(|p| p.external_id.as_str()))
        .bind(limit)
        .bind(LEASE_SECONDS)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for (id, channel, external_id, payload) in rows {
            let channel = ChannelKind::parse(&channel);
            match (channel, serde_json::from_value::<Notice>(payload)) {
                (Some(channel), Ok(notice)) => {
                    claimed.push(PendingNotice { id, to: Person { channel, external_id }, notice });
                }
                _ => {
                    tracing::error!(notice = id, "an unreadable notice is given up");
                    self.finish_notice(id, NoticeOutcome::Failed).await?;
                }
            }
        }
        claimed.sort_by_key(|n| n.id);
        Ok(claimed)
    }

    /// Marks a claimed notice done.
    pub async fn finish_notice(&self, id: i64, outcome: NoticeOutcome) -> Result<(), StoreError> {
        // A late answer never marks a notice twice.
        sqlx::query(
            "UPDATE notice SET sent_at = now(), outcome = $2, claimed_until = NULL WHERE id = $1 AND sent_at IS NULL",
        )
        .bind(id)
        .bind(outcome.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Gives a claimed notice back unsent, to be taken again at `at` (the
    /// morning, for a reminder due at night; now, when a round ran out of
    /// time); the claim does not count as an attempt.
    pub async fn postpone_notice(&self, id: i64, at: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE notice SET claimed_until = $2, attempts = greatest(attempts - 1, 0) WHERE id = $1 AND sent_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Returns a claimed notice for another attempt later, or gives it up
    /// after `MAX_ATTEMPTS` claims.
    pub async fn release_notice(&self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE notice SET claimed_until = CASE WHEN attempts >= $2 THEN NULL ELSE $3 + interval '1 minute' END, \
             sent_at = CASE WHEN attempts >= $2 THEN now() END, \
             outcome = CASE WHEN attempts >= $2 THEN 'failed' END WHERE id = $1",
        )
        .bind(id)
        .bind(MAX_ATTEMPTS)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets notices sent more than 30 days ago, and check-in reminders as
    /// soon as they went: when a person was reminded tells when they did a
    /// check-in.
    pub async fn prune_notices(&self) -> Result<u64, StoreError> {
        let pruned = sqlx::query(
            "DELETE FROM notice WHERE sent_at < now() - interval '30 days' \
             OR (kind = 'checkin_reminder' AND sent_at IS NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        Ok(pruned.rows_affected())
    }
}
