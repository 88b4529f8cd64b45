//! Who coordinates which centre. [`is_coordinator`] is the one check of a
//! person's role: every change a coordinator makes runs it in its own
//! transaction, whatever buttons the person was shown (callback data can be
//! forged). Also the roles themselves: adding one, and a person's centres.

use sqlx::PgConnection;

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::Person;

/// Whether `person` coordinates `centre`, read on the caller's connection
/// (inside the transaction of the change it allows).
pub(super) async fn is_coordinator(conn: &mut PgConnection, person: &Person, centre: &str) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM coordinator WHERE centre_id = $1 AND channel = $2 AND external_id = $3)",
    )
    .bind(centre)
    .bind_person(person)
    .fetch_one(conn)
    .await?)
}

/// Where a change to a centre's groups or messages comes from: the bot's
/// coordinator screens (the centre's coordinators only) or the operator desk
/// (its coordinators and the operators, every change an audit row written in
/// the change's own transaction). Both go through the same store function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Bot,
    Desk,
}

/// Whether `person` may manage `centre` when acting `via` the bot or the
/// desk, read on the caller's connection (inside the change's transaction).
pub(super) async fn may_manage(
    conn: &mut PgConnection,
    person: &Person,
    centre: &str,
    via: Via,
) -> Result<bool, StoreError> {
    if is_coordinator(&mut *conn, person, centre).await? {
        return Ok(true);
    }
    if via == Via::Bot {
        return Ok(false);
    }
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM operator WHERE channel = $1 AND external_id = $2)")
        .bind_person(person)
        .fetch_one(conn)
        .await?)
}

impl Store {
    /// Whether a person (still) coordinates a centre.
    pub async fn coordinates(&self, person: &Person, centre: &str) -> Result<bool, StoreError> {
        let mut conn = self.pool.acquire().await?;
        is_coordinator(&mut conn, person, centre).await
    }

    /// Makes a person a coordinator of a centre (idempotent). False when the
    /// centre does not exist.
    pub async fn add_coordinator(&self, centre: &str, person: &Person) -> Result<bool, StoreError> {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM centre WHERE id = $1)")
            .bind(centre)
            .fetch_one(&self.pool)
            .await?;
        if !exists {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO coordinator (centre_id, channel, external_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(centre)
        .bind_person(person)
        .execute(&self.pool)
        .await?;
        Ok(true)
    }

    /// The centres a person coordinates (checked on the server for every
    /// coordinator action, whatever buttons the person was shown).
    pub async fn coordinated_centres(&self, person: &Person) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT centre_id FROM coordinator WHERE channel = $1 AND external_id = $2 ORDER BY centre_id",
        )
        .bind_person(person)
        .fetch_all(&self.pool)
        .await?)
    }
}
