//! What coordinators do to their centre's groups, and what participants tell
//! them. Every action checks in SQL that the person coordinates the group's
//! centre, whatever buttons they were shown: callback data can be forged.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::bind::BindPerson;
use super::cohort::{CapacityChange, Existing, Promotion, insert_sessions, resize, upsert_programme, write_cohort};
use super::coordinator::{Via, is_coordinator, may_manage};
use super::desk::audit_values;
use super::notice::{Notice, queue_notice};
use super::{Store, StoreError};
use crate::cohort::draft::{Draft, DraftError, to_row};
use crate::domain::{ChannelKind, CohortRow, Person, Programme};

/// One line of a group's sign-up list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SignupEntry {
    pub first_name: Option<String>,
    pub phone: Option<String>,
    pub confirmed: bool,
    /// Cancelled or declined: shown as "left", with no name or phone (both
    /// are deleted when a person leaves).
    pub has_left: bool,
    pub signed_up_at: DateTime<Utc>,
}

/// What cancelling a group did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupCancellation {
    /// Cancelled; this many people are being told.
    Cancelled { told: usize },
    /// No such group, already cancelled, or not this coordinator's.
    NotFound,
}

/// What "I can't come this time" did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absence {
    /// The centre's coordinators are being told (none when no coordinator
    /// the bot can write to is bound).
    Noted { coordinators: usize },
    /// Not the person's confirmed sign-up, or no such session.
    NotFound,
}

/// Locks a cohort's row for a change; whether it is cancelled, and its
/// centre. `None` when there is no such cohort.
pub(super) async fn lock_cohort(conn: &mut PgConnection, cohort: &str) -> Result<Option<(bool, String)>, StoreError> {
    Ok(sqlx::query_as("SELECT cancelled, centre_id FROM cohort WHERE id = $1 FOR UPDATE")
        .bind(cohort)
        .fetch_optional(conn)
        .await?)
}

/// Whether `person` coordinates the centre of `cohort`.
async fn coordinates_cohort(conn: &mut PgConnection, person: &Person, cohort: &str) -> Result<bool, StoreError> {
    let centre: Option<String> = sqlx::query_scalar("SELECT centre_id FROM cohort WHERE id = $1")
        .bind(cohort)
        .fetch_optional(&mut *conn)
        .await?;
    match centre {
        Some(centre) => is_coordinator(conn, person, &centre).await,
        None => Ok(false),
    }
}

/// The coordinators of a cohort's centre the bot can write to: they wrote to
/// it and did not block it (a platform does not let a bot write first).
/// A group's sign-ups in the order the list shows them.
async fn signups(conn: &mut PgConnection, cohort: &str) -> Result<Vec<SignupEntry>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT first_name, phone, status = 'confirmed' AS confirmed, \
                status IN ('cancelled', 'declined') AS has_left, created_at AS signed_up_at FROM signup \
         WHERE cohort_id = $1 \
         ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, id",
    )
    .bind(cohort)
    .fetch_all(conn)
    .await?)
}

async fn coordinators_of_cohort(conn: &mut PgConnection, cohort: &str) -> Result<Vec<Person>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT k.channel, k.external_id FROM coordinator k JOIN cohort c ON c.centre_id = k.centre_id \
         JOIN chat_user u ON u.channel = k.channel AND u.external_id = k.external_id AND u.active \
         WHERE c.id = $1 ORDER BY k.channel, k.external_id",
    )
    .bind(cohort)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(channel, external_id)| Some(Person { channel: ChannelKind::parse(&channel)?, external_id }))
        .collect())
}

impl Store {
    /// The people in a group (confirmed first, then waiting, then those who
    /// left, each in order of arrival), for one of its coordinators only.
    pub async fn signup_list(&self, person: &Person, cohort: &str) -> Result<Option<Vec<SignupEntry>>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        if !coordinates_cohort(&mut conn, person, cohort).await? {
            return Ok(None);
        }
        Ok(Some(signups(&mut conn, cohort).await?))
    }

    /// The same list for the desk: for an operator or one of the group's
    /// coordinators, and each reading is an audit row (`action`:
    /// `view-signups` or `download-signups`) written in the same
    /// transaction, so nobody reads it unrecorded. `None`: not theirs.
    pub async fn signup_list_at_desk(
        &self,
        person: &Person,
        cohort: &str,
        action: &str,
    ) -> Result<Option<Vec<SignupEntry>>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some((_, centre)) = lock_cohort(&mut tx, cohort).await? else { return Ok(None) };
        if !may_manage(&mut tx, person, &centre, Via::Desk).await? {
            return Ok(None);
        }
        let entries = signups(&mut tx, cohort).await?;
        audit_values(&mut tx, person, action, cohort, None, Some(&entries.len().to_string())).await?;
        tx.commit().await?;
        Ok(Some(entries))
    }

    /// Changes a group's capacity for one of its coordinators; more seats go
    /// to people waiting, who are told. `NotFound` also when not theirs.
    pub async fn set_capacity_as(
        &self,
        person: &Person,
        cohort: &str,
        capacity: i32,
    ) -> Result<(CapacityChange, Vec<Promotion>), StoreError> {
        self.set_capacity_via(person, cohort, capacity, Via::Bot).await
    }

    /// [`Store::set_capacity_as`] through the bot or the desk (see [`Via`]);
    /// the desk's change is audited (`set-capacity`, old and new seats).
    pub async fn set_capacity_via(
        &self,
        person: &Person,
        cohort: &str,
        capacity: i32,
        via: Via,
    ) -> Result<(CapacityChange, Vec<Promotion>), StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some((false, centre)) = lock_cohort(&mut tx, cohort).await? else {
            return Ok((CapacityChange::NotFound, Vec::new()));
        };
        if !may_manage(&mut tx, person, &centre, via).await? {
            return Ok((CapacityChange::NotFound, Vec::new()));
        }
        let old: i32 =
            sqlx::query_scalar("SELECT capacity FROM cohort WHERE id = $1").bind(cohort).fetch_one(&mut *tx).await?;
        let resized = resize(&mut tx, cohort, capacity).await?;
        if via == Via::Desk && matches!(resized.0, CapacityChange::Changed { .. }) {
            let (old, new) = (old.to_string(), capacity.to_string());
            audit_values(&mut tx, person, "set-capacity", cohort, Some(&old), Some(&new)).await?;
        }
        tx.commit().await?;
        Ok(resized)
    }

    /// Cancels a group for one of its coordinators: every sign-up ends and
    /// every person in it or waiting for it is told, in one transaction.
    pub async fn cancel_cohort_as(&self, person: &Person, cohort: &str) -> Result<GroupCancellation, StoreError> {
        self.cancel_cohort_via(person, cohort, Via::Bot).await
    }

    /// [`Store::cancel_cohort_as`] through the bot or the desk (see [`Via`]);
    /// the desk's is audited (`cancel-group`, how many were told).
    pub async fn cancel_cohort_via(
        &self,
        person: &Person,
        cohort: &str,
        via: Via,
    ) -> Result<GroupCancellation, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some((false, centre)) = lock_cohort(&mut tx, cohort).await? else {
            return Ok(GroupCancellation::NotFound);
        };
        if !may_manage(&mut tx, person, &centre, via).await? {
            return Ok(GroupCancellation::NotFound);
        }
        sqlx::query("UPDATE cohort SET cancelled = true WHERE id = $1").bind(cohort).execute(&mut *tx).await?;
        let people: Vec<(String, String)> = sqlx::query_as(
            "UPDATE signup SET status = 'cancelled', first_name = NULL, phone = NULL, updated_at = now() \
             WHERE cohort_id = $1 AND status IN ('confirmed', 'waitlisted') RETURNING channel, external_id",
        )
        .bind(cohort)
        .fetch_all(&mut *tx)
        .await?;
        let notice = Notice::CohortCancelled { cohort: cohort.to_owned() };
        let mut told = 0;
        for (channel, external_id) in people {
            if let Some(channel) = ChannelKind::parse(&channel) {
                queue_notice(&mut tx, &Person { channel, external_id }, &notice, None).await?;
                told += 1;
            }
        }
        if via == Via::Desk {
            audit_values(&mut tx, person, "cancel-group", cohort, None, Some(&told.to_string())).await?;
        }
        tx.commit().await?;
        Ok(GroupCancellation::Cancelled { told })
    }

    /// Creates a group at a centre the person coordinates. False when they
    /// do not coordinate it; a duplicate id is a conflict.
    pub async fn create_cohort_as(
        &self,
        person: &Person,
        programme: &Programme,
        row: &CohortRow,
    ) -> Result<bool, StoreError> {
        self.create_cohort_via(person, programme, row, Via::Bot).await
    }

    /// [`Store::create_cohort_as`] through the bot or the desk (see [`Via`]);
    /// the desk's is audited (`create-group`, the group's id).
    pub async fn create_cohort_via(
        &self,
        person: &Person,
        programme: &Programme,
        row: &CohortRow,
        via: Via,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        if !may_manage(&mut tx, person, &row.centre, via).await? {
            return Ok(false);
        }
        // The programme may never have come with a groups file.
        upsert_programme(&mut tx, programme).await?;
        if !write_cohort(&mut tx, row, Existing::Keep).await? {
            return Err(StoreError::Conflict(format!("group {} exists already", row.id)));
        }
        insert_sessions(&mut tx, row).await?;
        if via == Via::Desk {
            audit_values(&mut tx, person, "create-group", &row.centre, None, Some(&row.id)).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Creates the group a finished draft describes (weekly sessions in Kyiv
    /// time), through the bot or the desk: the one path both take. Its id is
    /// new; the answer is that id or why it was not created (the draft went
    /// stale, an unknown programme, not the person's centre, an id clash).
    pub async fn create_cohort_from_draft(
        &self,
        person: &Person,
        draft: &Draft,
        programmes: &[Programme],
        now: DateTime<Utc>,
        via: Via,
    ) -> Result<Result<String, DraftError>, StoreError> {
        // Unique enough: a clash (two groups in one microsecond) is refused
        // by the primary key and the coordinator taps "Create" again.
        let id = format!("g{:x}", Utc::now().timestamp_micros());
        let row = match to_row(draft, id.clone()) {
            Ok(row) => row,
            Err(error) => return Ok(Err(error)),
        };
        if row.sessions.first().is_none_or(|first| *first <= now) {
            return Ok(Err(DraftError::Past));
        }
        let Some(programme) = programmes.iter().find(|p| p.id == row.programme) else {
            return Ok(Err(DraftError::Incomplete));
        };
        match self.create_cohort_via(person, programme, &row, via).await {
            Ok(true) => Ok(Ok(id)),
            Ok(false) => Ok(Err(DraftError::NotAllowed)),
            Err(StoreError::Conflict(_)) => Ok(Err(DraftError::Exists)),
            Err(error) => Err(error),
        }
    }

    /// "I can't come this time": tells the group's coordinators, once per
    /// session however often it is tapped.
    pub async fn cant_come(&self, person: &Person, signup: i64, session: i32) -> Result<Absence, StoreError> {
        let mut tx = self.pool.begin().await?;
        let cohort: Option<String> = sqlx::query_scalar(
            "SELECT s.cohort_id FROM signup s JOIN cohort_session cs ON cs.cohort_id = s.cohort_id AND cs.number = $4 \
             WHERE s.id = $1 AND s.channel = $2 AND s.external_id = $3 AND s.status = 'confirmed'",
        )
        .bind(signup)
        .bind_person(person)
        .bind(session)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(cohort) = cohort else {
            return Ok(Absence::NotFound);
        };
        let coordinators = coordinators_of_cohort(&mut tx, &cohort).await?;
        let notice = Notice::CantCome { signup, cohort, session };
        for coordinator in &coordinators {
            let key =
                format!("cant_come:{signup}:{session}:{}:{}", coordinator.channel.as_str(), coordinator.external_id);
            queue_notice(&mut tx, coordinator, &notice, Some(key)).await?;
        }
        tx.commit().await?;
        Ok(Absence::Noted { coordinators: coordinators.len() })
    }

    /// Stops reminders of later sessions for one of the person's sign-ups.
    pub async fn stop_reminders(&self, person: &Person, signup: i64) -> Result<bool, StoreError> {
        let updated = sqlx::query(
            "UPDATE signup SET reminders = false, updated_at = now() \
             WHERE id = $1 AND channel = $2 AND external_id = $3 AND status IN ('confirmed', 'waitlisted')",
        )
        .bind(signup)
        .bind_person(person)
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }

    /// The first name a participant gave, for a note to their coordinator.
    pub async fn signup_first_name(&self, signup: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar::<_, Option<String>>("SELECT first_name FROM signup WHERE id = $1")
            .bind(signup)
            .fetch_optional(&self.pool)
            .await?
            .flatten())
    }

    /// Whether a sign-up is still confirmed (a promotion may have been
    /// declined, a reminder outlived its sign-up).
    pub async fn signup_confirmed(&self, signup: i64) -> Result<bool, StoreError> {
        Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM signup WHERE id = $1 AND status = 'confirmed')")
            .bind(signup)
            .fetch_one(&self.pool)
            .await?)
    }
}
