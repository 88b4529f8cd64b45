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
    /// The Monday of the check-in's ISO week (Kyiv); nothing finer is kept.
    pub week: NaiveDate,
    pub language: Language,
    pub channel: ChannelKind,
    /// KATOTTH code, only if the person chose to share it.
    pub oblast: Option<String>,
}

/// The Monday of `day`'s ISO week.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day.week(chrono::Weekday::Mon).first_day()
}

impl Store {
    /// Stores a batch of check-ins in one statement of one transaction, in
    /// the order given (the caller shuffles it): the rows share one
    /// transaction id, and their order on disk is the batch's, not the order
    /// in which people finished. Nothing ties a row to a person's own rows.
    pub async fn record_checkins(&self, batch: &[CheckinRecord]) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        let column = |item: usize| -> Vec<i16> { batch.iter().map(|r| i16::from(r.answers.values()[item])).collect() };
        sqlx::query(
            "INSERT INTO checkin (week, language, channel, oblast, cheerful, calm, active, rested, interested) \
             SELECT week, language, channel, oblast, c1, c2, c3, c4, c5 \
             FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], \
                                  $5::smallint[], $6::smallint[], $7::smallint[], $8::smallint[], $9::smallint[]) \
             WITH ORDINALITY AS b(week, language, channel, oblast, c1, c2, c3, c4, c5, n) ORDER BY n",
        )
        .bind(batch.iter().map(|r| r.week).collect::<Vec<_>>())
        .bind(batch.iter().map(|r| r.language.code()).collect::<Vec<_>>())
        .bind(batch.iter().map(|r| r.channel.as_str()).collect::<Vec<_>>())
        .bind(batch.iter().map(|r| r.oblast.clone()).collect::<Vec<_>>())
        .bind(column(0))
        .bind(column(1))
        .bind(column(2))
        .bind(column(3))
        .bind(column(4))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Sets (or moves) the person's check-in reminder. The caller draws
    /// the day (13 to 16 days on), so that it does not date the check-in.
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
             FROM (SELECT week, oblast, 4 * (cheerful + calm + active + rested + interested) AS score \
                   FROM checkin WHERE week >= date_trunc('week', $1::date)::date AND week <= $2) c \
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
