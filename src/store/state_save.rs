//! One person's state saved only if their row is still the version it was
//! read at, and the platform's delivery claimed with it: the statements of
//! an update applied without holding the row ([`super::user_unlocked`]);
//! what such a save is, whether saved alone or with others
//! ([`super::save_batch`]).

use std::time::Duration;

use sqlx::PgConnection;

use super::StoreError;
use super::bind::BindPerson;
use crate::domain::{Language, Person};

/// The longest a save may take: `lock_timeout` (10 s, [`super::Store::connect`])
/// waiting for another transaction (a locked update of the same person, or
/// the same delivery claimed by a redelivery), and a margin. A save started
/// with less time left before its update's deadline could commit after the
/// update was given up for lost, its replies never sent, and the platform's
/// redelivery then dropped as a repeat.
pub const SAVE_TIME: Duration = Duration::from_secs(15);

/// SQLSTATE raised by `delivery_applied_before()` (migration 0030) to undo
/// a state written for a delivery that was applied before.
const APPLIED_BEFORE: &str = "RB001";

/// One person's state to save, if their row is still `version`.
#[derive(Debug)]
pub(super) struct StateSave {
    pub(super) person: Person,
    pub(super) language: Language,
    pub(super) state: serde_json::Value,
    /// The row's `xmin` as text, when it was read or saved last.
    pub(super) version: String,
    /// The platform's delivery to claim with the save, if any.
    pub(super) delivery: Option<String>,
}

/// What became of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SaveOutcome {
    /// Saved and its delivery claimed; the row's new version.
    Saved(String),
    /// The delivery was applied before; nothing was written.
    Repeated,
    /// The row changed since `version` (or, saved with others, another
    /// update holds it); nothing was written.
    Moved,
}

/// Saves `one` on `connection` in one statement.
pub(super) async fn save_one(connection: &mut PgConnection, one: &StateSave) -> Result<SaveOutcome, StoreError> {
    let StateSave { person, language, state, version, delivery } = one;
    let saved = match delivery {
        None => save(connection, person, *language, state, version).await,
        Some(key) => match save_and_claim(connection, person, *language, state, version, key).await {
            Err(sqlx::Error::Database(error)) if error.code().as_deref() == Some(APPLIED_BEFORE) => {
                return Ok(SaveOutcome::Repeated);
            }
            saved => saved,
        },
    };
    Ok(saved?.map_or(SaveOutcome::Moved, SaveOutcome::Saved))
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
