//! Anonymous WHO-5 check-ins (see migration 0010) and the separate,
//! personal "remind me in two weeks".

use chrono::NaiveDate;

use super::bind::BindPerson;
use super::notice::Notice;
use super::{Store, StoreError};
use crate::domain::checkin_stats::{CellSums, StatsRow, suppressed_table};
use crate::domain::wellbeing::Answers;
use crate::domain::{ChannelKind, Language, Person};

/// A completed check-in, as stored: nothing that points to the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinRecord {
    pub answers: Answers,
    /// The Kyiv day; no time of day is kept.
    pub day: NaiveDate,
    pub language: Language,
    pub channel: ChannelKind,
    /// KATOTTH code, only if the person chose to share it.
    pub oblast: Option<String>,
}

impl Store {
    /// Stores a completed check-in. It runs in a transaction of its own,
    /// apart from the person's conversation, so nothing ties the two.
    pub async fn record_checkin(&self, record: &CheckinRecord) -> Result<(), StoreError> {
        let [cheerful, calm, active, rested, interested] = record.answers.values().map(i16::from);
        sqlx::query(
            "INSERT INTO checkin (day, language, channel, oblast, cheerful, calm, active, rested, interested) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(record.day)
        .bind(record.language.code())
        .bind(record.channel.as_str())
        .bind(record.oblast.as_deref())
        .bind(cheerful)
        .bind(calm)
        .bind(active)
        .bind(rested)
        .bind(interested)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Sets (or moves) the person's check-in reminder.
    pub async fn set_checkin_reminder(&self, person: &Person, due_on: NaiveDate) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO checkin_reminder (channel, external_id, due_on) VALUES ($1, $2, $3) \
             ON CONFLICT (channel, external_id) DO UPDATE SET due_on = EXCLUDED.due_on",
        )
        .bind_person(person)
        .bind(due_on)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Cancels the person's check-in reminder; false if there was none.
    pub async fn cancel_checkin_reminder(&self, person: &Person) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM checkin_reminder WHERE channel = $1 AND external_id = $2")
            .bind_person(person)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// The day the person's check-in reminder is due, if one is set.
    pub async fn checkin_reminder(&self, person: &Person) -> Result<Option<NaiveDate>, StoreError> {
        Ok(sqlx::query_scalar("SELECT due_on FROM checkin_reminder WHERE channel = $1 AND external_id = $2")
            .bind_person(person)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Turns the reminders due by `today` into notices, in one statement, so
    /// that every replica may run it and each reminder is sent once (a row
    /// is deleted once). The notice carries no date: together with the
    /// person it would tell the day of their check-in.
    pub async fn queue_checkin_reminders(&self, today: NaiveDate) -> Result<u64, StoreError> {
        let payload = serde_json::to_value(Notice::CheckinReminder).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let queued = sqlx::query(
            "WITH due AS (DELETE FROM checkin_reminder WHERE due_on <= $1 RETURNING channel, external_id) \
             INSERT INTO notice (channel, external_id, kind, payload, dedupe_key) \
             SELECT channel, external_id, 'checkin_reminder', $2, NULL FROM due",
        )
        .bind(today)
        .bind(payload)
        .execute(&self.pool)
        .await?;
        Ok(queued.rows_affected())
    }

    /// Queues the statistics of the week that began on `week` for every
    /// coordinator on Telegram, once each (keyed), however often it runs.
    pub async fn queue_weekly_stats(&self, week: NaiveDate) -> Result<u64, StoreError> {
        let payload =
            serde_json::to_value(Notice::WeeklyStats { week }).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let queued = sqlx::query(
            "INSERT INTO notice (channel, external_id, kind, payload, dedupe_key) \
             SELECT DISTINCT channel, external_id, 'weekly_stats', $2, \
                    'stats:' || channel || ':' || external_id || ':' || $1::date \
             FROM coordinator WHERE channel = 'telegram' \
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(week)
        .bind(payload)
        .execute(&self.pool)
        .await?;
        Ok(queued.rows_affected())
    }

    /// The published table for `from..=to`: the sums with small cells hidden.
    pub async fn checkin_table(&self, (from, to): (NaiveDate, NaiveDate)) -> Result<Vec<StatsRow>, StoreError> {
        Ok(suppressed_table(self.checkin_sums(from, to).await?))
    }

    /// Per week (from the Monday of `from`'s week up to `to`) and oblast: how
    /// many check-ins, the sum of their scores and how many scored 50 or less.
    async fn checkin_sums(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CellSums>, StoreError> {
        let rows: Vec<(NaiveDate, Option<String>, i64, i64, i64)> = sqlx::query_as(
            "SELECT week, oblast, count(*), sum(score)::bigint, count(*) FILTER (WHERE score <= 50) \
             FROM (SELECT date_trunc('week', day)::date AS week, oblast, \
                          4 * (cheerful + calm + active + rested + interested) AS score \
                   FROM checkin WHERE day >= date_trunc('week', $1::date)::date AND day <= $2) c \
             GROUP BY week, oblast ORDER BY week, oblast",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(week, oblast, count, score_sum, low)| CellSums { week, oblast, count, score_sum, low })
            .collect())
    }
}
