//! A person's update applied without holding their row: read it with the
//! version it was read at, then save the new state and claim the delivery in
//! one statement that writes only if the row is still that version. Two
//! statements on one connection and one commit instead of a transaction's
//! five statements, or the save alone when this process remembers the state
//! it saved last for the person ([`super::recent_states`]); used for the
//! updates that only move the state (nearly all of them), while those that
//! change other rows take the lock ([`Store::begin_user`]).

use sqlx::PgConnection;
use sqlx::Postgres;
use sqlx::pool::PoolConnection;

use super::bind::BindPerson;
use super::user::insert_person;
use super::{Store, StoreError, UserRecord};
use crate::domain::{Language, Person};

/// A person's row as read without a lock, or as this process saved it last.
#[derive(Debug)]
pub struct UserRead {
    pub record: UserRecord,
    /// The row's version when read: its `xmin`, the transaction that wrote
    /// it last, which every write of the row changes (a lock alone does not).
    version: String,
    /// The connection it was read on (taken from the pool for a remembered
    /// record), kept for the save: sqlx pings every connection handed back
    /// to the pool, so a second connection for the save would cost a round
    /// trip more, and the wait for one falls before the update checks its
    /// time left for the save. No transaction is open on it.
    connection: PoolConnection<Postgres>,
    remembered: bool,
}

impl UserRead {
    /// Whether the record is the state this process saved last for the
    /// person, not read from the database: if the save finds the row moved,
    /// it was written elsewhere since.
    pub fn was_remembered(&self) -> bool {
        self.remembered
    }
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
    /// The state this process saved last for the person, if it remembers
    /// one ([`REMEMBERED_FOR`](super::REMEMBERED_FOR)); otherwise their row,
    /// read as [`Store::read_stored_user`] reads it. Each remembered state is
    /// handed out once.
    pub async fn read_user(&self, person: &Person, language_if_new: Language) -> Result<UserRead, StoreError> {
        match self.recent.take(person) {
            Some((language, state, version)) => {
                let connection = self.pool.acquire().await?;
                let record = UserRecord { language, state, is_new: false };
                Ok(UserRead { record, version, connection, remembered: true })
            }
            None => self.read_stored_user(person, language_if_new).await,
        }
    }

    /// Reads a person's row without locking it, creating it (committed on
    /// its own, as [`Store::begin_user`] does) for a new person.
    pub async fn read_stored_user(&self, person: &Person, language_if_new: Language) -> Result<UserRead, StoreError> {
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
                let record = UserRecord { language, state, is_new };
                return Ok(UserRead { record, version, connection, remembered: false });
            }
            is_new |= insert_person(&mut *connection, person, language_if_new).await?;
        }
    }

    /// Saves the person's language and state as [`super::UserUpdate::finish`]
    /// does and claims the delivery (when there is one), in one statement, if
    /// their row is still as `read` found it, on the connection it was read
    /// on. A saved state is remembered for the person's next update.
    pub async fn save_user_if_unchanged(
        &self,
        read: &mut UserRead,
        person: &Person,
        delivery: Option<&str>,
        language: Language,
        state: serde_json::Value,
    ) -> Result<Saved, StoreError> {
        let connection = &mut read.connection;
        let saved = match delivery {
            None => save(connection, person, language, &state, &read.version).await?,
            Some(key) => match save_and_claim(connection, person, language, &state, &read.version, key).await {
                Err(sqlx::Error::Database(error)) if error.code().as_deref() == Some(APPLIED_BEFORE) => {
                    return Ok(Saved::Repeated);
                }
                saved => saved?,
            },
        };
        let Some(version) = saved else { return Ok(Saved::Moved) };
        self.recent.remember(person, language, state, version);
        Ok(Saved::Saved)
    }
}

/// The save of the row, the same in both statements: the new language and
/// state ($3, $4) of person ($1, $2), only if the row is still version $5;
/// returns the row's new version.
macro_rules! write_row {
    () => {
        "UPDATE chat_user SET language = $3, state = $4, active = true, seen_on = current_date \
         WHERE channel = $1 AND external_id = $2 AND xmin = $5::text::xid RETURNING xmin::text AS version"
    };
}

/// Writes the state if the row is still `version`: the row's new version,
/// or None when it moved.
async fn save(
    connection: &mut PgConnection,
    person: &Person,
    language: Language,
    state: &serde_json::Value,
    version: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(write_row!())
        .bind_person(person)
        .bind(language.code())
        .bind(state)
        .bind(version)
        .fetch_optional(connection)
        .await
}

/// [`save`], and claims delivery `key` with it: raises [`APPLIED_BEFORE`]
/// (undoing the write) when it was claimed before.
async fn save_and_claim(
    connection: &mut PgConnection,
    person: &Person,
    language: Language,
    state: &serde_json::Value,
    version: &str,
    key: &str,
) -> Result<Option<String>, sqlx::Error> {
    // Data-modifying CTEs all run, on one snapshot. The row is written
    // first (its lock taken first, as the locked path takes it), and the
    // delivery is claimed only if it was; a claim that already existed
    // raises, undoing the write with it.
    sqlx::query_scalar(concat!(
        "WITH saved AS (",
        write_row!(),
        "), \
         claimed AS ( \
             INSERT INTO applied_delivery (channel, key) SELECT $1, $6 FROM saved \
             ON CONFLICT DO NOTHING RETURNING 1) \
         SELECT CASE WHEN NOT EXISTS (SELECT FROM saved) THEN NULL \
                     WHEN EXISTS (SELECT FROM claimed) THEN (SELECT version FROM saved) \
                     ELSE delivery_applied_before()::text END"
    ))
    .bind_person(person)
    .bind(language.code())
    .bind(state)
    .bind(version)
    .bind(key)
    .fetch_one(connection)
    .await
}
