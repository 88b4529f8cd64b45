//! Temporary closures of centres, set by their coordinators.

use chrono::{DateTime, Utc};

use super::bind::BindPerson;
use super::coordinator::is_coordinator;
use super::{CENTRE_CHANGED, Store, StoreError};
use crate::domain::{CentreId, Closure, Person};

impl Store {
    /// Every centre's announced closure (one at most each); readers show
    /// only those that have not ended.
    pub async fn closures(&self) -> Result<Vec<(CentreId, Closure)>, StoreError> {
        let rows: Vec<(String, String, DateTime<Utc>)> =
            sqlx::query_as("SELECT centre_id, reason, until FROM centre_closure").fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, reason, until)| Some((CentreId::parse(&id).ok()?, Closure { reason, until })))
            .collect())
    }

    /// Marks a centre closed until `until` for one of its coordinators, and
    /// queues a broadcast telling its subscribers, in one transaction; every
    /// bot reloads its directory. False when the person does not coordinate it.
    pub async fn close_centre_as(
        &self,
        person: &Person,
        centre: &str,
        reason: &str,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        if !is_coordinator(&mut tx, person, centre).await? {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO centre_closure (centre_id, reason, until, set_by_channel, set_by) \
             VALUES ($1, $4, $5, $2, $3) \
             ON CONFLICT (centre_id) DO UPDATE SET reason = EXCLUDED.reason, until = EXCLUDED.until, \
             set_by_channel = EXCLUDED.set_by_channel, set_by = EXCLUDED.set_by, created_at = now()",
        )
        .bind(centre)
        .bind_person(person)
        .bind(reason)
        .bind(until)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO broadcast (centre_id, author_channel, author_id, kind, send_at) \
             VALUES ($1, $2, $3, 'closure', $4)",
        )
        .bind(centre)
        .bind_person(person)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("SELECT pg_notify($1, '')").bind(CENTRE_CHANGED).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ends a closure early; false when there was none or the person does
    /// not coordinate the centre.
    pub async fn reopen_centre_as(&self, person: &Person, centre: &str) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let reopened = if is_coordinator(&mut tx, person, centre).await? {
            let deleted =
                sqlx::query("DELETE FROM centre_closure WHERE centre_id = $1").bind(centre).execute(&mut *tx).await?;
            deleted.rows_affected() == 1
        } else {
            false
        };
        sqlx::query("SELECT pg_notify($1, '')").bind(CENTRE_CHANGED).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(reopened)
    }
}
