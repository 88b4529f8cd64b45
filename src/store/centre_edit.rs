//! Coordinators correcting their own centre (address, phones, hours, the
//! location at the door), and the history of every change to a centre.

use chrono::{DateTime, NaiveDate, Utc};

use super::centre::{centre_for_coordinator, record_change, upsert};
use super::notice::{Notice, tell_coordinators};
use super::{CENTRE_CHANGED, Store, StoreError};
use crate::domain::Person;
use crate::domain::{Centre, CentreEdit, CentreId, FieldChange};

/// What a coordinator's edit did.
#[derive(Debug, Clone, PartialEq)]
pub enum EditOutcome {
    /// Saved (and the card's verified date renewed); this many other
    /// coordinators are being told.
    Saved { centre: Centre, told: usize },
    /// The value was already this: only the verified date was renewed.
    Unchanged { centre: Centre },
    /// No such centre, or the person does not coordinate it (whatever
    /// button they pressed: callback data can be forged).
    NotCoordinator,
}

/// One change in a centre's history.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HistoryEntry {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// `import` or `coordinator`.
    pub source: String,
    pub changed_at: DateTime<Utc>,
    /// The coordinator who made it; `None` for imports and after they used
    /// /forget.
    pub by_channel: Option<String>,
    pub by_id: Option<String>,
}

impl Store {
    /// Changes one field of a centre for one of its coordinators, in one
    /// transaction: checks in SQL that they coordinate it, stores the new
    /// value (a location becomes `coordinator`-sourced), renews
    /// `verified_on` to `today`, writes the history, and queues a notice to
    /// the centre's other coordinators the bot can write to. Every bot
    /// reloads its directory when it commits.
    pub async fn edit_centre_as(
        &self,
        person: &Person,
        centre: &CentreId,
        edit: &CentreEdit,
        today: NaiveDate,
    ) -> Result<EditOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(old) = centre_for_coordinator(&mut tx, person, centre).await? else {
            return Ok(EditOutcome::NotCoordinator);
        };
        let field = edit.field();
        let mut new = edit.apply(&old);
        new.verified_on = today.max(old.verified_on);
        upsert(&mut tx, &new).await?;
        sqlx::query("SELECT pg_notify($1, '')").bind(CENTRE_CHANGED).execute(&mut *tx).await?;
        if !field.differs(&old, &new) {
            tx.commit().await?;
            return Ok(EditOutcome::Unchanged { centre: new });
        }
        let change = FieldChange { field, old: field.value(&old), new: field.value(&new) };
        record_change(&mut tx, centre, &change, Some(person)).await?;
        let notice = Notice::CentreEdited { centre: centre.to_string(), field: field.as_str().to_owned() };
        let told = tell_coordinators(&mut tx, centre.as_str(), &notice, Some(person)).await?;
        tx.commit().await?;
        Ok(EditOutcome::Saved { centre: new, told })
    }

    /// A centre's changes, newest first, at most `limit`.
    pub async fn centre_history(&self, centre: &CentreId, limit: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT field, old_value, new_value, source, changed_at, by_channel, by_id FROM centre_history \
             WHERE centre_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(centre.as_str())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
