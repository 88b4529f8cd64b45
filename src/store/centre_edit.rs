//! Coordinators correcting their own centre (address, phones, hours, the
//! location at the door), and the history of every change to a centre.

use chrono::{DateTime, NaiveDate, Utc};

use super::centre::{centre_for_coordinator, centre_for_editor, record_change, upsert};
use super::desk::audit;
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
        save_edit(tx, person, centre, old, edit, today, false).await
    }

    /// The same change, made in the operator desk by an operator (any
    /// centre) or the centre's coordinator: the same validation, history and
    /// notice as [`Store::edit_centre_as`], and an audit row in the same
    /// transaction. `NotCoordinator` when the person may not edit it.
    pub async fn edit_centre_at_desk(
        &self,
        person: &Person,
        centre: &CentreId,
        edit: &CentreEdit,
        today: NaiveDate,
    ) -> Result<EditOutcome, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(old) = centre_for_editor(&mut tx, person, centre).await? else {
            return Ok(EditOutcome::NotCoordinator);
        };
        save_edit(tx, person, centre, old, edit, today, true).await
    }
}

/// Stores an edit on the locked centre `old`: the value, the verified date,
/// the history (and the audit log for the desk's edits), and a notice to the
/// centre's other coordinators.
async fn save_edit(
    mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
    person: &Person,
    centre: &CentreId,
    old: Centre,
    edit: &CentreEdit,
    today: NaiveDate,
    audited: bool,
) -> Result<EditOutcome, StoreError> {
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
    if audited {
        audit(&mut tx, person, "edit-centre", &format!("{centre} {}", field.as_str()), &change).await?;
    }
    let notice = Notice::CentreEdited { centre: centre.to_string(), field: field.as_str().to_owned() };
    let told = tell_coordinators(&mut tx, centre.as_str(), &notice, Some(person)).await?;
    tx.commit().await?;
    Ok(EditOutcome::Saved { centre: new, told })
}

impl Store {
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
