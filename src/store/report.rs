//! "This is wrong" reports about a centre's card.

use chrono::NaiveDate;

use super::coordinator::is_coordinator;
use super::notice::{Notice, tell_coordinators};
use super::{CENTRE_CHANGED, Store, StoreError};
use crate::domain::Person;

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
    /// Stores a report and tells the centre's coordinators the bot can write
    /// to, in one transaction. Returns how many were told.
    pub async fn report_centre(&self, centre: &str, topic: &str, details: Option<&str>) -> Result<usize, StoreError> {
        let mut tx = self.pool.begin().await?;
        let report: i64 = sqlx::query_scalar(
            "INSERT INTO centre_report (centre_id, topic, details) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(centre)
        .bind(topic)
        .bind(details)
        .fetch_one(&mut *tx)
        .await?;
        let notice = Notice::CentreReport { report, centre: centre.to_owned(), topic: topic.to_owned() };
        let told = tell_coordinators(&mut tx, centre, &notice, None).await?;
        tx.commit().await?;
        Ok(told)
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

    /// Forgets reports closed more than 90 days ago.
    pub async fn prune_reports(&self) -> Result<u64, StoreError> {
        let pruned = sqlx::query("DELETE FROM centre_report WHERE handled_at < now() - interval '90 days'")
            .execute(&self.pool)
            .await?;
        Ok(pruned.rows_affected())
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
