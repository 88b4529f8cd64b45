//! Seats in group programmes. Every change to a cohort's sign-ups runs in one
//! transaction that first locks the cohort's row, so seats are counted and
//! taken atomically, waiting lists keep arrival order, and a promotion never
//! overfills a cohort.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Postgres, Transaction};

use super::bind::BindPerson;
use super::notice::{Notice, queue_notice};
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Person, Phone};

/// What a sign-up request ended in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    Confirmed {
        signup: i64,
    },
    /// Full: on the waiting list at this position (1 is next).
    Waitlisted {
        signup: i64,
        position: i64,
    },
    /// The person already has a place (a double tap, a second request).
    AlreadyConfirmed {
        signup: i64,
    },
    AlreadyWaiting {
        signup: i64,
        position: i64,
    },
    /// Unknown, cancelled or already started: nobody can sign up.
    Closed,
}

/// Someone moved from the waiting list to a seat, to be told so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promotion {
    pub signup: i64,
    pub cohort: String,
    pub person: Person,
}

/// What a cancellation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cancellation {
    Cancelled {
        promoted: Vec<Promotion>,
    },
    /// No such active sign-up of this person: nothing was changed.
    NotFound,
}

/// Why a sign-up ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaving {
    /// The person cancelled or left the group.
    Cancelled,
    /// The person was promoted from the waiting list and said no.
    Declined,
}

impl Leaving {
    fn status(self) -> &'static str {
        match self {
            Leaving::Cancelled => "cancelled",
            Leaving::Declined => "declined",
        }
    }
}

/// Why a capacity change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityChange {
    Changed {
        promoted_count: usize,
    },
    /// Fewer seats than people already confirmed: nobody is removed silently.
    BelowConfirmed {
        confirmed: i64,
    },
    NotFound,
}

impl Store {
    /// Takes a seat, or a place on the waiting list, for a person.
    pub async fn sign_up(
        &self,
        cohort: &str,
        person: &Person,
        first_name: Option<&str>,
        phone: Option<&Phone>,
        now: DateTime<Utc>,
    ) -> Result<SignUp, StoreError> {
        let mut tx = self.pool.begin().await?;
        let Some(capacity) = lock_open_cohort(&mut tx, cohort, now).await? else {
            return Ok(SignUp::Closed);
        };
        let existing: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM signup WHERE cohort_id = $1 AND channel = $2 AND external_id = $3 \
             AND status IN ('confirmed', 'waitlisted')",
        )
        .bind(cohort)
        .bind_person(person)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((signup, status)) = existing {
            let outcome = match status.as_str() {
                "confirmed" => SignUp::AlreadyConfirmed { signup },
                _ => SignUp::AlreadyWaiting { signup, position: position(&mut tx, cohort, signup).await? },
            };
            return Ok(outcome);
        }
        let confirmed = confirmed_count(&mut tx, cohort).await?;
        let status = if confirmed < i64::from(capacity) { "confirmed" } else { "waitlisted" };
        let signup: i64 = sqlx::query_scalar(
            "INSERT INTO signup (cohort_id, channel, external_id, first_name, phone, status, confirmed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 = 'confirmed' THEN $7 END) RETURNING id",
        )
        .bind(cohort)
        .bind_person(person)
        .bind(first_name)
        .bind(phone.map(Phone::as_e164))
        .bind(status)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let outcome = if status == "confirmed" {
            SignUp::Confirmed { signup }
        } else {
            SignUp::Waitlisted { signup, position: position(&mut tx, cohort, signup).await? }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Ends a person's own sign-up; a freed seat goes to the first person waiting.
    pub async fn leave(&self, signup: i64, person: &Person, how: Leaving) -> Result<Cancellation, StoreError> {
        let mut tx = self.pool.begin().await?;
        let cohort: Option<String> = sqlx::query_scalar(
            "SELECT cohort_id FROM signup WHERE id = $1 AND channel = $2 AND external_id = $3 \
             AND status IN ('confirmed', 'waitlisted')",
        )
        .bind(signup)
        .bind_person(person)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(cohort) = cohort else {
            return Ok(Cancellation::NotFound);
        };
        let capacity: i32 = sqlx::query_scalar("SELECT capacity FROM cohort WHERE id = $1 FOR UPDATE")
            .bind(&cohort)
            .fetch_one(&mut *tx)
            .await?;
        // Checked again under the cohort's lock: a concurrent request may have
        // ended it. The name and phone go at once: they were kept only so
        // that the coordinator could reach a participant.
        let ended = sqlx::query(
            "UPDATE signup SET status = $2, first_name = NULL, phone = NULL, updated_at = now() \
             WHERE id = $1 AND status IN ('confirmed', 'waitlisted')",
        )
        .bind(signup)
        .bind(how.status())
        .execute(&mut *tx)
        .await?;
        if ended.rows_affected() == 0 {
            return Ok(Cancellation::NotFound);
        }
        let promoted = promote(&mut tx, &cohort, capacity).await?;
        tx.commit().await?;
        Ok(Cancellation::Cancelled { promoted })
    }

    /// A waiting sign-up's position (1 is next), or `None` if it is not waiting.
    pub async fn waitlist_position(&self, signup: i64) -> Result<Option<i64>, StoreError> {
        let position: Option<i64> = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM signup w WHERE w.cohort_id = s.cohort_id AND w.status = 'waitlisted' \
             AND w.id <= s.id) FROM signup s WHERE s.id = $1 AND s.status = 'waitlisted'",
        )
        .bind(signup)
        .fetch_optional(&self.pool)
        .await?;
        Ok(position)
    }
}

/// Writes a programme as the programmes file describes it.
pub(super) async fn upsert_programme(
    conn: &mut PgConnection,
    programme: &crate::domain::Programme,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO programme (id, kind, title_uk, title_en, description_uk, description_en) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, \
         title_uk = EXCLUDED.title_uk, title_en = EXCLUDED.title_en, \
         description_uk = EXCLUDED.description_uk, description_en = EXCLUDED.description_en",
    )
    .bind(&programme.id)
    .bind(&programme.kind)
    .bind(&programme.title_uk)
    .bind(&programme.title_en)
    .bind(&programme.description_uk)
    .bind(&programme.description_en)
    .execute(conn)
    .await?;
    Ok(())
}

/// What writing a cohort does to one with the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Existing {
    /// A groups file describes it again: it is updated.
    Replace,
    /// A new group: the existing one is left alone and nothing is written.
    Keep,
}

/// Writes a cohort's row (not its sessions). False when `Existing::Keep`
/// found one with the same id.
pub(super) async fn write_cohort(
    conn: &mut PgConnection,
    row: &crate::domain::CohortRow,
    existing: Existing,
) -> Result<bool, StoreError> {
    let sql = match existing {
        Existing::Replace => {
            "INSERT INTO cohort (id, programme_id, centre_id, language, format, capacity) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (id) DO UPDATE SET programme_id = EXCLUDED.programme_id, centre_id = EXCLUDED.centre_id, \
             language = EXCLUDED.language, format = EXCLUDED.format, capacity = EXCLUDED.capacity"
        }
        Existing::Keep => {
            "INSERT INTO cohort (id, programme_id, centre_id, language, format, capacity) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING"
        }
    };
    let written = sqlx::query(sql)
        .bind(&row.id)
        .bind(&row.programme)
        .bind(&row.centre)
        .bind(row.language.code())
        .bind(row.format)
        .bind(row.capacity)
        .execute(conn)
        .await?;
    Ok(written.rows_affected() == 1)
}

/// Writes a cohort's sessions, numbered from 1 in order.
pub(super) async fn insert_sessions(conn: &mut PgConnection, row: &crate::domain::CohortRow) -> Result<(), StoreError> {
    for (number, starts_at) in row.sessions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO cohort_session (cohort_id, number, starts_at, duration_minutes) VALUES ($1, $2, $3, $4)",
        )
        .bind(&row.id)
        .bind(i32::try_from(number + 1).unwrap_or(i32::MAX))
        .bind(starts_at)
        .bind(row.duration_minutes)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Locks a cohort that can still be joined; returns its capacity.
async fn lock_open_cohort(
    tx: &mut Transaction<'static, Postgres>,
    cohort: &str,
    now: DateTime<Utc>,
) -> Result<Option<i32>, StoreError> {
    let row: Option<(i32, bool, Option<DateTime<Utc>>)> = sqlx::query_as(
        "SELECT capacity, cancelled, (SELECT min(starts_at) FROM cohort_session WHERE cohort_id = c.id) \
         FROM cohort c WHERE id = $1 FOR UPDATE",
    )
    .bind(cohort)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(match row {
        Some((capacity, false, Some(first))) if first > now => Some(capacity),
        _ => None,
    })
}

async fn confirmed_count(tx: &mut PgConnection, cohort: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM signup WHERE cohort_id = $1 AND status = 'confirmed'")
        .bind(cohort)
        .fetch_one(tx)
        .await?)
}

async fn position(tx: &mut PgConnection, cohort: &str, signup: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM signup WHERE cohort_id = $1 AND status = 'waitlisted' AND id <= $2")
        .bind(cohort)
        .bind(signup)
        .fetch_one(tx)
        .await?)
}

/// Sets the capacity of a cohort the caller has locked, unless that would
/// leave confirmed people without a seat; more seats go to people waiting.
pub(super) async fn resize(
    tx: &mut PgConnection,
    cohort: &str,
    capacity: i32,
) -> Result<(CapacityChange, Vec<Promotion>), StoreError> {
    let confirmed = confirmed_count(&mut *tx, cohort).await?;
    if i64::from(capacity) < confirmed {
        return Ok((CapacityChange::BelowConfirmed { confirmed }, Vec::new()));
    }
    sqlx::query("UPDATE cohort SET capacity = $2 WHERE id = $1").bind(cohort).bind(capacity).execute(&mut *tx).await?;
    let promoted = promote(&mut *tx, cohort, capacity).await?;
    Ok((CapacityChange::Changed { promoted_count: promoted.len() }, promoted))
}

/// Fills free seats from the waiting list in arrival order and queues a
/// notice to each person promoted, in the same transaction. The caller holds
/// the cohort's lock, so the count cannot change underneath.
pub(super) async fn promote(tx: &mut PgConnection, cohort: &str, capacity: i32) -> Result<Vec<Promotion>, StoreError> {
    let confirmed = confirmed_count(&mut *tx, cohort).await?;
    let free = (i64::from(capacity) - confirmed).max(0);
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "UPDATE signup SET status = 'confirmed', updated_at = now(), confirmed_at = now() WHERE id IN \
         (SELECT id FROM signup WHERE cohort_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT $2) \
         RETURNING id, channel, external_id",
    )
    .bind(cohort)
    .bind(free)
    .fetch_all(&mut *tx)
    .await?;
    let mut promoted: Vec<Promotion> = rows
        .into_iter()
        .filter_map(|(signup, channel, external_id)| {
            let channel = ChannelKind::parse(&channel)?;
            Some(Promotion { signup, cohort: cohort.to_owned(), person: Person { channel, external_id } })
        })
        .collect();
    promoted.sort_by_key(|p| p.signup);
    for promotion in &promoted {
        let notice = Notice::Promoted { signup: promotion.signup, cohort: cohort.to_owned() };
        queue_notice(&mut *tx, &promotion.person, &notice, None).await?;
    }
    Ok(promoted)
}

/// What a groups import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CohortImport {
    pub added: usize,
    pub updated: usize,
    /// People moved off waiting lists by capacity increases, to be told.
    pub promoted: Vec<Promotion>,
}

impl Store {
    /// Upserts the programmes and the cohorts of a validated groups file in one
    /// transaction, replacing each cohort's sessions. A cohort whose new
    /// capacity is below its confirmed sign-ups refuses the whole file.
    pub async fn import_cohorts(
        &self,
        programmes: &[crate::domain::Programme],
        rows: &[crate::domain::CohortRow],
    ) -> Result<CohortImport, StoreError> {
        let mut tx = self.pool.begin().await?;
        for programme in programmes {
            upsert_programme(&mut tx, programme).await?;
        }
        let mut summary = CohortImport::default();
        let mut conflicts = Vec::new();
        for row in rows {
            let existing: Option<i32> = sqlx::query_scalar("SELECT capacity FROM cohort WHERE id = $1 FOR UPDATE")
                .bind(&row.id)
                .fetch_optional(&mut *tx)
                .await?;
            if existing.is_some() {
                let confirmed = confirmed_count(&mut tx, &row.id).await?;
                if i64::from(row.capacity) < confirmed {
                    conflicts.push(format!(
                        "group {}: capacity {} is below its {confirmed} confirmed people",
                        row.id, row.capacity
                    ));
                    continue;
                }
                summary.updated += 1;
            } else {
                summary.added += 1;
            }
            write_cohort(&mut tx, row, Existing::Replace).await?;
            sqlx::query("DELETE FROM cohort_session WHERE cohort_id = $1").bind(&row.id).execute(&mut *tx).await?;
            insert_sessions(&mut tx, row).await?;
            summary.promoted.extend(promote(&mut tx, &row.id, row.capacity).await?);
        }
        if !conflicts.is_empty() {
            return Err(StoreError::Conflict(conflicts.join("\n")));
        }
        tx.commit().await?;
        Ok(summary)
    }
}
