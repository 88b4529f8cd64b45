//! Reading cohorts with their programme, seats and sessions: the groups board
//! residents see, a coordinator's groups, and one cohort for a notice.

use chrono::{DateTime, Utc};

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::{Person, Programme};

/// A cohort with its programme, seats and sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortView {
    pub id: String,
    pub programme: Programme,
    pub centre: String,
    pub language: String,
    pub format: String,
    pub capacity: i64,
    pub confirmed: i64,
    pub waiting: i64,
    pub cancelled: bool,
    /// Session start times and their length in minutes, in order.
    pub sessions: Vec<(DateTime<Utc>, i32)>,
}

/// One of a person's active sign-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MySignup {
    pub id: i64,
    pub cohort: String,
    pub confirmed: bool,
    /// On the waiting list: the position (1 is next).
    pub position: Option<i64>,
}

/// Which cohorts to read.
#[derive(Debug, Clone, Copy)]
enum Filter<'a> {
    /// Not cancelled and not started: people can still join.
    Open(DateTime<Utc>),
    /// Not cancelled and not over, at these centres: what coordinators manage.
    Running { centres: &'a [String], now: DateTime<Utc> },
    /// These cohorts, whatever their state.
    Ids(&'a [String]),
}

#[derive(sqlx::FromRow)]
struct CohortViewRow {
    id: String,
    programme_id: String,
    kind: String,
    title_uk: String,
    title_en: String,
    description_uk: String,
    description_en: String,
    centre_id: String,
    language: String,
    format: String,
    capacity: i32,
    cancelled: bool,
    confirmed: i64,
    waiting: i64,
}

/// The query for one [`Filter`]: cohorts with their programme, seats and
/// first and last session, where `$where` holds. One statement per filter
/// rather than one that switches on a parameter: Postgres found no plan for
/// all three worth reusing, so it planned that one again on every call
/// (630 µs each, more than it took to run; `pg_stat_statements`,
/// 2026-11-30).
macro_rules! select_cohorts {
    ($where:literal) => {
        concat!(
            "SELECT * FROM ( \
                SELECT c.id, p.id AS programme_id, p.kind, p.title_uk, p.title_en, p.description_uk, \
                    p.description_en, c.centre_id, c.language, c.format, c.capacity, c.cancelled, \
                    (SELECT count(*) FROM signup s WHERE s.cohort_id = c.id AND s.status = 'confirmed') AS confirmed, \
                    (SELECT count(*) FROM signup s WHERE s.cohort_id = c.id AND s.status = 'waitlisted') AS waiting, \
                    (SELECT min(starts_at) FROM cohort_session WHERE cohort_id = c.id) AS first_start, \
                    (SELECT max(starts_at + make_interval(mins => duration_minutes)) FROM cohort_session \
                     WHERE cohort_id = c.id) AS last_end \
                FROM cohort c JOIN programme p ON p.id = c.programme_id) v \
            WHERE ",
            $where,
            " ORDER BY first_start, id"
        )
    };
}

impl Store {
    /// Cohorts that have not started and are not cancelled, soonest first,
    /// and the person's active sign-ups (in any cohort).
    pub async fn group_board(
        &self,
        person: &Person,
        now: DateTime<Utc>,
    ) -> Result<(Vec<CohortView>, Vec<MySignup>), StoreError> {
        let cohorts = self.cohorts(Filter::Open(now)).await?;
        let mine: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, cohort_id, status FROM signup WHERE channel = $1 AND external_id = $2 \
             AND status IN ('confirmed', 'waitlisted') ORDER BY id",
        )
        .bind_person(person)
        .fetch_all(&self.pool)
        .await?;
        let mut signups = Vec::new();
        for (id, cohort, status) in mine {
            let confirmed = status == "confirmed";
            let position = if confirmed { None } else { self.waitlist_position(id).await? };
            signups.push(MySignup { id, cohort, confirmed, position });
        }
        Ok((cohorts, signups))
    }

    /// Cohorts at these centres that are neither cancelled nor over, soonest first.
    pub async fn running_cohorts(&self, centres: &[String], now: DateTime<Utc>) -> Result<Vec<CohortView>, StoreError> {
        self.cohorts(Filter::Running { centres, now }).await
    }

    /// One cohort, whatever its state.
    pub async fn cohort(&self, id: &str) -> Result<Option<CohortView>, StoreError> {
        Ok(self.cohorts(Filter::Ids(&[id.to_owned()])).await?.pop())
    }

    async fn cohorts(&self, filter: Filter<'_>) -> Result<Vec<CohortView>, StoreError> {
        let query = match filter {
            Filter::Open(now) => sqlx::query_as(select_cohorts!("NOT cancelled AND first_start > $1")).bind(now),
            Filter::Running { centres, now } => {
                sqlx::query_as(select_cohorts!("NOT cancelled AND centre_id = ANY($1) AND last_end > $2"))
                    .bind(centres)
                    .bind(now)
            }
            Filter::Ids(ids) => sqlx::query_as(select_cohorts!("id = ANY($1)")).bind(ids),
        };
        let rows: Vec<CohortViewRow> = query.fetch_all(&self.pool).await?;
        // Sessions of the cohorts read only, not of every cohort ever held.
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let sessions: Vec<(String, DateTime<Utc>, i32)> = sqlx::query_as(
            "SELECT cohort_id, starts_at, duration_minutes FROM cohort_session WHERE cohort_id = ANY($1) \
             ORDER BY cohort_id, number",
        )
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| CohortView {
                sessions: sessions.iter().filter(|(c, _, _)| *c == row.id).map(|(_, at, m)| (*at, *m)).collect(),
                programme: Programme {
                    id: row.programme_id,
                    kind: row.kind,
                    title_uk: row.title_uk,
                    title_en: row.title_en,
                    description_uk: row.description_uk,
                    description_en: row.description_en,
                },
                id: row.id,
                centre: row.centre_id,
                language: row.language,
                format: row.format,
                capacity: i64::from(row.capacity),
                confirmed: row.confirmed,
                waiting: row.waiting,
                cancelled: row.cancelled,
            })
            .collect())
    }
}
