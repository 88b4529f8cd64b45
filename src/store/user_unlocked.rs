//! A person's update applied without holding their row: read it with the
//! version it was read at, then save the new state and claim the delivery in
//! one statement that writes only if the row is still that version. Two
//! statements on one connection and one commit instead of a transaction's
//! five statements; or, when this process remembers the state it saved last
//! for the person ([`super::recent_states`]), the save alone, in one
//! statement and commit with the other remembered saves waiting
//! ([`super::save_queue`]). Used for the updates that only move the state
//! (nearly all of them), while those that change other rows take the lock
//! ([`Store::begin_user`]).

use sqlx::Postgres;
use sqlx::pool::PoolConnection;

use super::bind::BindPerson;
use super::state_save::{SAVE_TIME, SaveOutcome, StateSave, save_one};
use super::user::insert_person;
use super::{Store, StoreError, UserRecord};
use crate::domain::{Language, Person};

/// A person's row as read without a lock, or as this process saved it last.
#[derive(Debug)]
pub struct UserRead {
    pub record: UserRecord,
    /// The row's version when read: its `xmin`, the transaction that wrote
    /// it last, which every write of the row changes (a lock alone does not).
    pub(super) version: String,
    /// The connection it was read on, kept for the save: sqlx pings every
    /// connection handed back to the pool, so a second connection for the
    /// save would cost a round trip more, and the wait for one falls before
    /// the save checks its time left. No transaction is open on it. None for
    /// a remembered record, which is saved with the others waiting.
    connection: Option<PoolConnection<Postgres>>,
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
    /// `/forget`, or, for a remembered record, another update holds it);
    /// nothing was written, and the update must be applied again from a
    /// fresh read (which may then find the delivery a repeat).
    Moved,
    /// Too little time was left before the update's deadline to start the
    /// save ([`SAVE_TIME`]); nothing was written.
    Late,
}

impl Store {
    /// The state this process saved last for the person, if it remembers
    /// one ([`REMEMBERED_FOR`](super::REMEMBERED_FOR)); otherwise their row,
    /// read as [`Store::read_stored_user`] reads it. Each remembered state is
    /// handed out once.
    pub async fn read_user(&self, person: &Person, language_if_new: Language) -> Result<UserRead, StoreError> {
        match self.recent.take(person) {
            Some((language, state, version)) => {
                let record = UserRecord { language, state, is_new: false };
                Ok(UserRead { record, version, connection: None, remembered: true })
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
                return Ok(UserRead { record, version, connection: Some(connection), remembered: false });
            }
            is_new |= insert_person(&mut *connection, person, language_if_new).await?;
        }
    }

    /// Saves the person's language and state as [`super::UserUpdate::finish`]
    /// does and claims the delivery (when there is one), in one statement, if
    /// their row is still as `read` found it: on the connection it was read
    /// on, or, for a remembered record, together with the other remembered
    /// saves waiting. Not started with less than [`SAVE_TIME`] left before
    /// `deadline`, when the update is given up ([`Saved::Late`]). A saved
    /// state is remembered for the person's next update.
    pub async fn save_user_if_unchanged(
        &self,
        read: &mut UserRead,
        person: &Person,
        delivery: Option<&str>,
        language: Language,
        state: serde_json::Value,
        deadline: tokio::time::Instant,
    ) -> Result<Saved, StoreError> {
        let save = StateSave {
            person: person.clone(),
            language,
            state,
            version: read.version.clone(),
            delivery: delivery.map(str::to_owned),
        };
        let start_by = deadline.checked_sub(SAVE_TIME).filter(|start_by| *start_by >= tokio::time::Instant::now());
        let Some(start_by) = start_by else { return Ok(Saved::Late) };
        let (save, outcome) = match &mut read.connection {
            Some(connection) => {
                let outcome = save_one(connection, &save).await?;
                (save, Some(outcome))
            }
            None => {
                let (save, outcome) = self.saves.save(save, start_by).await?;
                (save, outcome?)
            }
        };
        Ok(match outcome {
            None => Saved::Late,
            Some(SaveOutcome::Repeated) => Saved::Repeated,
            Some(SaveOutcome::Moved) => Saved::Moved,
            Some(SaveOutcome::Saved(version)) => {
                self.recent.remember(person, language, save.state, version);
                Saved::Saved
            }
        })
    }
}
