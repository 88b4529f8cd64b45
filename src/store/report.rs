//! "This is wrong" reports about a centre's card, bounded per person: at
//! most [`REPORTS_PER_DAY`] a Kyiv day and one open report per centre, both
//! enforced by the database so that replicas and double taps cannot pass
//! them. Coordinators never see who reported; they can mute a person's
//! reports to their centre by the report alone.

use chrono::NaiveDate;

use super::coordinator::is_coordinator;
use super::notice::{Notice, tell_coordinators};
use super::{CENTRE_CHANGED, Store, StoreError};
use crate::domain::Person;

/// How many reports one person may send in a Kyiv day.
pub const REPORTS_PER_DAY: i16 = 3;

/// What became of a report a person sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    /// Stored; this many coordinators are being told.
    Told(usize),
    /// Their earlier report about this centre is still open.
    AlreadyOpen,
    /// They sent [`REPORTS_PER_DAY`] today already.
    OverQuota,
    /// The centre's coordinators muted them: nothing is stored or sent.
    Muted,
}

/// What a report says is wrong.
pub const TOPICS: [&str; 5] = ["address", "phone", "hours", "closed", "other"];

/// How a coordinator closed a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Fixed (or acted on) elsewhere.
    Handled,
    /// The card is right: its verified date becomes today.
    Confirmed { today: NaiveDate },
}

impl Store {
    /// Stores a person's report and tells the centre's coordinators the bot
    /// can write to, in one transaction, unless a limit stops it (then
    /// nothing is stored and the day's quota is not spent).
    pub async fn report_centre(
        &self,
        person: &Person,
        centre: &str,
        topic: &str,
        details: Option<&str>,
        today: NaiveDate,
    ) -> Result<Filed, StoreError> {
        let (channel, id) = (person.channel.as_str(), person.external_id.as_str());
        let mut tx = self.pool.begin().await?;
        let muted: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM report_mute WHERE centre_id = $1 AND channel = $2 AND external_id = $3)",
        )
        .bind(centre)
        .bind(channel)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if muted {
            return Ok(Filed::Muted);
        }
        // Counted up only below the quota: a concurrent report waits for this
        // row's lock and then sees the new count.
        let counted: Option<i16> = sqlx::query_scalar(
            "INSERT INTO report_quota (channel, external_id, day, used) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (channel, external_id, day) DO UPDATE SET used = report_quota.used + 1 \
             WHERE report_quota.used < $4 RETURNING used",
        )
        .bind(channel)
        .bind(id)
        .bind(today)
        .bind(REPORTS_PER_DAY)
        .fetch_optional(&mut *tx)
        .await?;
        if counted.is_none() {
            return Ok(Filed::OverQuota);
        }
        let report: Option<i64> = sqlx::query_scalar(
            "INSERT INTO centre_report (centre_id, topic, details, reporter_channel, reporter_id) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (centre_id, reporter_channel, reporter_id) WHERE handled_at IS NULL AND reporter_id IS NOT NULL \
             DO NOTHING RETURNING id",
        )
        .bind(centre)
        .bind(topic)
        .bind(details)
        .bind(channel)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        // Dropping the transaction rolls the quota back.
        let Some(report) = report else { return Ok(Filed::AlreadyOpen) };
        let notice = Notice::CentreReport { report, centre: centre.to_owned(), topic: topic.to_owned() };
        let told = tell_coordinators(&mut tx, centre, &notice, None).await?;
        tx.commit().await?;
        Ok(Filed::Told(told))
    }

    /// Mutes the person who sent `report` for its centre, for a coordinator
    /// of that centre, and closes their open reports there. The coordinator
    /// learns nothing of who it is. False when the report is not about their
    /// centre, is gone, or its reporter is (forgotten).
    pub async fn mute_reporter_as(&self, person: &Person, report: i64) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let found: Option<(String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT centre_id, reporter_channel, reporter_id FROM centre_report WHERE id = $1")
                .bind(report)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((centre, Some(channel), Some(id))) = found else { return Ok(false) };
        if !is_coordinator(&mut tx, person, &centre).await? {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO report_mute (centre_id, channel, external_id) VALUES ($1, $2, $3) \
             ON CONFLICT (centre_id, channel, external_id) DO UPDATE SET muted_at = now()",
        )
        .bind(&centre)
        .bind(&channel)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE centre_report SET handled_at = now() \
             WHERE centre_id = $1 AND reporter_channel = $2 AND reporter_id = $3 AND handled_at IS NULL",
        )
        .bind(&centre)
        .bind(&channel)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The words of an open report (none once it is closed).
    pub async fn report_details(&self, report: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar::<_, Option<String>>(
            "SELECT details FROM centre_report WHERE id = $1 AND handled_at IS NULL",
        )
        .bind(report)
        .fetch_optional(&self.pool)
        .await?
        .flatten())
    }

    /// Forgets reports closed more than 90 days ago, the report counts of
    /// days before yesterday and mutes older than 180 days.
    pub async fn prune_reports(&self) -> Result<u64, StoreError> {
        let mut pruned = 0;
        for statement in [
            "DELETE FROM centre_report WHERE handled_at < now() - interval '90 days'",
            "DELETE FROM report_quota WHERE day < (now() AT TIME ZONE 'Europe/Kyiv')::date - 1",
            "DELETE FROM report_mute WHERE muted_at < now() - interval '180 days'",
        ] {
            pruned += sqlx::query(statement).execute(&self.pool).await?.rows_affected();
        }
        Ok(pruned)
    }

    /// Closes an open report for a coordinator of its centre; confirming
    /// renews the centre's verified date (and every bot reloads). False when
    /// it is not theirs or was closed already.
    pub async fn resolve_report_as(
        &self,
        person: &Person,
        report: i64,
        resolution: Resolution,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let centre: Option<String> = sqlx::query_scalar("SELECT centre_id FROM centre_report WHERE id = $1")
            .bind(report)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(centre) = centre else { return Ok(false) };
        if !is_coordinator(&mut tx, person, &centre).await? {
            return Ok(false);
        }
        let closed = sqlx::query("UPDATE centre_report SET handled_at = now() WHERE id = $1 AND handled_at IS NULL")
            .bind(report)
            .execute(&mut *tx)
            .await?;
        if closed.rows_affected() == 0 {
            return Ok(false);
        }
        if let Resolution::Confirmed { today } = resolution {
            sqlx::query("UPDATE centre SET verified_on = $2, updated_at = now() WHERE id = $1")
                .bind(&centre)
                .bind(today)
                .execute(&mut *tx)
                .await?;
            sqlx::query("SELECT pg_notify($1, '')").bind(CENTRE_CHANGED).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
