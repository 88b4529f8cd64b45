//! A person's update applied without holding their row: read it with the
//! version it was read at, then save the new state and claim the delivery in
//! one statement that writes only if the row is still that version. Two
//! statements on one connection and one commit instead of a transaction's
//! five statements; used for the updates that only move the state (nearly
//! all of them), while those that change other rows take the lock
//! ([`Store::begin_user`]).

use sqlx::Postgres;
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgQueryResult;

use super::bind::BindPerson;
use super::user::insert_person;
use super::{Store, StoreError, UserRecord};
use crate::domain::{Language, Person};

/// A person's row as read without a lock.
#[derive(Debug)]
pub struct UserRead {
    pub record: UserRecord,
    /// The row's version when read: its `xmin`, the transaction that wrote
    /// it last, which every write of the row changes (a lock alone does not).
    version: String,
    /// The connection it was read on, kept for the save: sqlx pings every
    /// connection handed back to the pool, so a second connection for the
    /// save would cost a round trip more. No transaction is open on it.
    connection: PoolConnection<Postgres>,
}

/// What became of an unlocked save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The delivery is claimed and the state saved, in one commit.
    Saved,
    /// The delivery was applied before; nothing was written.
    Repeated,
    /// The row changed since it was read (another update of the same person,
    /// `/forget`); nothing was written, and the update must be applied again
    /// from a fresh read (which may then find the delivery a repeat).
    Moved,
}

/// SQLSTATE raised by `delivery_applied_before()` (migration 0030) to undo
/// a state written for a delivery that was applied before.
const APPLIED_BEFORE: &str = "RB001";

impl Store {
    /// Reads a person's row without locking it, creating it (committed on
    /// its own, as [`Store::begin_user`] does) for a new person.
    pub async fn read_user(&self, person: &Person, language_if_new: Language) -> Result<UserRead, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let mut is_new = false;
        loop {
            let row: Option<(String, serde_json::Value, String)> = sqlx::query_as(
                "SELECT language, state, xmin::text FROM chat_user WHERE channel = $1 AND external_id = $2",
            )
            .bind_person(person)
            .fetch_optional(&mut *connection)
            .await?;
            if let Some((language, state, version)) = row {
                let language =
                    Language::parse(&language).ok_or_else(|| StoreError::Corrupt(format!("language {language:?}")))?;
                return Ok(UserRead { record: UserRecord { language, state, is_new }, version, connection });
            }
            is_new |= insert_person(&mut *connection, person, language_if_new).await?;
        }
    }

    /// Saves the person's language and state as [`super::UserUpdate::finish`]
    /// does and claims the delivery (when there is one), in one statement, if
    /// their row is still as `read` found it, on the connection it was read
    /// on.
    pub async fn save_user_if_unchanged(
        &self,
        read: &mut UserRead,
        person: &Person,
        delivery: Option<&str>,
        language: Language,
        state: &serde_json::Value,
    ) -> Result<Saved, StoreError> {
        let Some(key) = delivery else {
            let saved: PgQueryResult = sqlx::query(
                "UPDATE chat_user SET language = $3, state = $4, active = true, seen_on = current_date \
                 WHERE channel = $1 AND external_id = $2 AND xmin = $5::text::xid",
            )
            .bind_person(person)
            .bind(language.code())
            .bind(state)
            .bind(&read.version)
            .execute(&mut *read.connection)
            .await?;
            return Ok(if saved.rows_affected() == 1 { Saved::Saved } else { Saved::Moved });
        };
        // Data-modifying CTEs all run, on one snapshot. The row is written
        // first (its lock taken first, as the locked path takes it), and the
        // delivery is claimed only if it was; a claim that already existed
        // raises, undoing the write with it.
        let saved: Result<bool, sqlx::Error> = sqlx::query_scalar(
            "WITH saved AS ( \
                 UPDATE chat_user SET language = $3, state = $4, active = true, seen_on = current_date \
                 WHERE channel = $1 AND external_id = $2 AND xmin = $5::text::xid RETURNING 1), \
             claimed AS ( \
                 INSERT INTO applied_delivery (channel, key) SELECT $1, $6 FROM saved \
                 ON CONFLICT DO NOTHING RETURNING 1) \
             SELECT CASE WHEN NOT EXISTS (SELECT FROM saved) THEN false \
                         WHEN EXISTS (SELECT FROM claimed) THEN true \
                         ELSE delivery_applied_before() END",
        )
        .bind_person(person)
        .bind(language.code())
        .bind(state)
        .bind(&read.version)
        .bind(key)
        .fetch_one(&mut *read.connection)
        .await;
        match saved {
            Ok(true) => Ok(Saved::Saved),
            Ok(false) => Ok(Saved::Moved),
            Err(sqlx::Error::Database(error)) if error.code().as_deref() == Some(APPLIED_BEFORE) => Ok(Saved::Repeated),
            Err(error) => Err(error.into()),
        }
    }
}
