//! The desk's inbox of "this is wrong" reports: every report with its
//! centre, filtered, and closing one from the desk (as it is, or because
//! the card was fixed from it), with an audit row in the same transaction.
//! Nothing that identifies the reporter is ever read here: the reporter
//! columns exist for the bot's quotas and mutes only (see `report`).

use chrono::{DateTime, Utc};

use super::bind::BindPerson;
use super::coordinator::is_coordinator;
use super::desk::audit_values;
use super::{Store, StoreError};
use crate::domain::Person;

/// Which reports the inbox shows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    pub centre: Option<String>,
    pub oblast: Option<String>,
    /// One of [`super::TOPICS`].
    pub topic: Option<String>,
    /// `Some(true)` open only, `Some(false)` closed only.
    pub open: Option<bool>,
    /// Only reports about centres nobody coordinates in the bot (which
    /// therefore reached nobody).
    pub uncoordinated: bool,
    /// A coordinator's centres; `None` for an operator (every centre).
    pub within: Option<Vec<String>>,
}

/// One report as the desk shows it: never who sent it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InboxReport {
    pub id: i64,
    pub centre: String,
    pub centre_name: String,
    pub oblast: Option<String>,
    pub topic: String,
    /// What the person wrote, if anything (at most 500 characters).
    pub details: Option<String>,
    pub created_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    /// `handled` or `fixed` when closed in the desk.
    pub resolution: Option<String>,
    /// The centre's coordinators in the bot now.
    pub coordinators: i64,
}

/// How the desk closes a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskResolution {
    /// Closed as it is (dealt with elsewhere, or wrong).
    Handled,
    /// The card was corrected from it (its verified date renewed by the edit).
    Fixed,
}

impl DeskResolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Handled => "handled",
            Self::Fixed => "fixed",
        }
    }
}

impl Store {
    /// Reports matching `filter`, open ones first, newest first, at most `limit`.
    pub async fn report_inbox(&self, filter: &InboxFilter, limit: i64) -> Result<Vec<InboxReport>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT r.id, r.centre_id AS centre, c.name_uk AS centre_name, c.oblast, r.topic, r.details, \
                    r.created_at, r.handled_at, r.resolution, \
                    (SELECT count(*) FROM coordinator k WHERE k.centre_id = r.centre_id) AS coordinators \
             FROM centre_report r JOIN centre c ON c.id = r.centre_id \
             WHERE ($1::text IS NULL OR r.centre_id = $1) AND ($2::text IS NULL OR c.oblast = $2) \
               AND ($3::text IS NULL OR r.topic = $3) AND ($4::bool IS NULL OR (r.handled_at IS NULL) = $4) \
               AND (NOT $5 OR NOT EXISTS (SELECT 1 FROM coordinator k WHERE k.centre_id = r.centre_id)) \
               AND ($6::text[] IS NULL OR r.centre_id = ANY($6)) \
             ORDER BY r.handled_at IS NOT NULL, r.created_at DESC, r.id DESC LIMIT $7",
        )
        .bind(filter.centre.as_deref())
        .bind(filter.oblast.as_deref())
        .bind(filter.topic.as_deref())
        .bind(filter.open)
        .bind(filter.uncoordinated)
        .bind(filter.within.as_deref())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One report (open or closed), for the edit form beside it.
    pub async fn inbox_report(&self, id: i64) -> Result<Option<InboxReport>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT r.id, r.centre_id AS centre, c.name_uk AS centre_name, c.oblast, r.topic, r.details, \
                    r.created_at, r.handled_at, r.resolution, \
                    (SELECT count(*) FROM coordinator k WHERE k.centre_id = r.centre_id) AS coordinators \
             FROM centre_report r JOIN centre c ON c.id = r.centre_id WHERE r.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The oblasts centres are in, for the inbox's filter.
    pub async fn oblasts(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT DISTINCT oblast FROM centre WHERE oblast IS NOT NULL ORDER BY oblast")
            .fetch_all(&self.pool)
            .await?)
    }

    /// Closes an open report for an operator or a coordinator of its centre
    /// (checked in the transaction), with an audit row. Returns the centre;
    /// `None` when the report is gone, closed already, not about `centre`
    /// (when given), or not the person's to close.
    pub async fn close_report_at_desk(
        &self,
        person: &Person,
        report: i64,
        centre: Option<&str>,
        resolution: DeskResolution,
    ) -> Result<Option<String>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let found: Option<String> =
            sqlx::query_scalar("SELECT centre_id FROM centre_report WHERE id = $1 AND handled_at IS NULL FOR UPDATE")
                .bind(report)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(found) = found.filter(|found| centre.is_none_or(|c| c == found)) else { return Ok(None) };
        let operator: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM operator WHERE channel = $1 AND external_id = $2)")
                .bind_person(person)
                .fetch_one(&mut *tx)
                .await?;
        if !operator && !is_coordinator(&mut tx, person, &found).await? {
            return Ok(None);
        }
        sqlx::query("UPDATE centre_report SET handled_at = now(), resolution = $2 WHERE id = $1")
            .bind(report)
            .bind(resolution.as_str())
            .execute(&mut *tx)
            .await?;
        let subject = format!("{found} report {report}");
        audit_values(&mut tx, person, "close-report", &subject, Some("open"), Some(resolution.as_str())).await?;
        tx.commit().await?;
        Ok(Some(found))
    }
}
