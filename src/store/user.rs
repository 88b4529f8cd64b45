//! People's rows: the conversation state and language kept between
//! messages, locked while one update is applied; whether they can be
//! messaged; deliveries already applied.

use std::sync::Arc;

use chrono::NaiveDate;
use sqlx::{PgExecutor, Postgres, Transaction};

use super::bind::BindPerson;
use super::recent_states::RecentStates;
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Language, Person};

/// What the bot remembers of a person between messages.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    pub language: Language,
    /// The serialised conversation state (owned by the conversation module).
    pub state: serde_json::Value,
    /// True when this update created the row: the person is new.
    pub is_new: bool,
}

/// An open transaction holding the lock on one person's row. Updates of the
/// same person wait for it, so they are applied one after the other.
#[derive(Debug)]
pub struct UserUpdate {
    pub(super) tx: Transaction<'static, Postgres>,
    pub(super) person: Person,
    /// Told what the update saved (or that it deleted the person) once it
    /// is committed.
    pub(super) recent: Arc<RecentStates>,
}

impl Store {
    /// Loads (creating if needed) and locks a person's row for one update.
    /// `FOR NO KEY UPDATE` serialises the person's updates without blocking
    /// the foreign-key checks of rows that refer to them (a sign-up taken
    /// while their update is being applied).
    pub async fn begin_user(
        &self,
        person: &Person,
        language_if_new: Language,
    ) -> Result<(UserUpdate, UserRecord), StoreError> {
        // Known people (nearly every update): one locking read. A lock held
        // too long (a stuck replica) fails the update after `lock_timeout`
        // (10 s, set per connection in `Store::connect`), and the platform
        // delivers it again, instead of hanging it.
        let mut is_new = false;
        loop {
            let mut tx = self.pool.begin().await?;
            let row: Option<(String, serde_json::Value)> = sqlx::query_as(
                "SELECT language, state FROM chat_user WHERE channel = $1 AND external_id = $2 FOR NO KEY UPDATE",
            )
            .bind_person(person)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((language, state)) = row {
                let language =
                    Language::parse(&language).ok_or_else(|| StoreError::Corrupt(format!("language {language:?}")))?;
                let record = UserRecord { language, state, is_new };
                let update = UserUpdate { tx, person: person.clone(), recent: self.recent.clone() };
                return Ok((update, record));
            }
            tx.rollback().await?;
            is_new |= insert_person(&self.pool, person, language_if_new).await?;
        }
    }
}

/// Creates a new person's row, committed on its own: rows that refer to
/// it (a sign-up, a subscription, a coordinator's role) are written on
/// other connections while their first update is applied, and those
/// foreign-key checks would wait for an uncommitted row until the update
/// ended. Two first messages at once insert it once: true for the one
/// that did.
pub(super) async fn insert_person<'c>(
    executor: impl PgExecutor<'c>,
    person: &Person,
    language: Language,
) -> Result<bool, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO chat_user (channel, external_id, language) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind_person(person)
    .bind(language.code())
    .execute(executor)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

impl UserUpdate {
    /// Records that a platform delivery is being applied. False when it was
    /// applied before: the caller then drops this update, changing nothing.
    pub async fn claim_delivery(&mut self, key: &str) -> Result<bool, StoreError> {
        let claimed = sqlx::query("INSERT INTO applied_delivery (channel, key) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(self.person.channel.as_str())
            .bind(key)
            .execute(&mut *self.tx)
            .await?;
        Ok(claimed.rows_affected() == 1)
    }

    /// Counts the person's check-in of `week` in the statistics, once: false
    /// when one of theirs was already counted that week. Only the week is
    /// kept, never the answers, and it is erased by `/forget` and cleared
    /// once the week is over ([`Store::prune_people`]).
    pub async fn claim_checkin_week(&mut self, week: NaiveDate) -> Result<bool, StoreError> {
        let claimed = sqlx::query(
            "UPDATE chat_user SET last_checkin_week = $3 WHERE channel = $1 AND external_id = $2 \
             AND last_checkin_week IS DISTINCT FROM $3",
        )
        .bind_person(&self.person)
        .bind(week)
        .execute(&mut *self.tx)
        .await?;
        Ok(claimed.rows_affected() == 1)
    }

    /// Saves the new language and state and releases the lock. A person who
    /// writes is reachable again, even if they had blocked the bot before.
    /// Only the day is noted (for pruning people inactive for a year): a
    /// moment would date the end of a check-in.
    /// The state saved is remembered for the person's next update
    /// (`store::recent_states`).
    pub async fn finish(mut self, language: Language, state: &serde_json::Value) -> Result<(), StoreError> {
        let version: String = sqlx::query_scalar(
            "UPDATE chat_user SET language = $3, state = $4, active = true, seen_on = current_date \
             WHERE channel = $1 AND external_id = $2 RETURNING xmin::text",
        )
        .bind_person(&self.person)
        .bind(language.code())
        .bind(state)
        .fetch_one(&mut *self.tx)
        .await?;
        self.tx.commit().await?;
        self.recent.remember(&self.person, language, state.clone(), version);
        Ok(())
    }
}

impl Store {
    /// The language a person reads, if they ever wrote to the bot, and
    /// whether they may be messaged.
    pub async fn recipient(&self, person: &Person) -> Result<Option<(Language, bool)>, StoreError> {
        let row: Option<(String, bool)> =
            sqlx::query_as("SELECT language, active FROM chat_user WHERE channel = $1 AND external_id = $2")
                .bind_person(person)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(language, active)| (Language::parse(&language).unwrap_or_default(), active)))
    }

    /// Marks a person unreachable (blocked the bot, unsubscribed): nothing is
    /// sent to them until they write again, and their centre subscriptions
    /// end (they would have to ask for updates again).
    pub async fn set_inactive(&self, channel: ChannelKind, external_id: &str) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE chat_user SET active = false WHERE channel = $1 AND external_id = $2")
            .bind(channel.as_str())
            .bind(external_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM subscription WHERE channel = $1 AND external_id = $2")
            .bind(channel.as_str())
            .bind(external_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a known person's language (the terminal's `--lang`); a person not
    /// yet known gets it from their first message instead.
    pub async fn set_language(
        &self,
        channel: ChannelKind,
        external_id: &str,
        language: Language,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE chat_user SET language = $3 WHERE channel = $1 AND external_id = $2")
            .bind(channel.as_str())
            .bind(external_id)
            .bind(language.code())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether a person may be messaged; unknown people may not.
    pub async fn is_active(&self, channel: ChannelKind, external_id: &str) -> Result<bool, StoreError> {
        let active: Option<bool> =
            sqlx::query_scalar("SELECT active FROM chat_user WHERE channel = $1 AND external_id = $2")
                .bind(channel.as_str())
                .bind(external_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(active.unwrap_or(false))
    }

    /// True the first time a group chat is seen: it is then told, once, that
    /// the bot works in private chats.
    pub async fn first_group_notice(&self, channel: ChannelKind, chat_id: &str) -> Result<bool, StoreError> {
        let inserted =
            sqlx::query("INSERT INTO group_notice (channel, chat_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(channel.as_str())
                .bind(chat_id)
                .execute(&self.pool)
                .await?;
        Ok(inserted.rows_affected() == 1)
    }

    /// Forgets applied deliveries older than two days; platforms redeliver
    /// for a day at most.
    pub async fn prune_deliveries(&self) -> Result<u64, StoreError> {
        let pruned =
            sqlx::query("DELETE FROM applied_delivery WHERE applied_on < current_date - 2").execute(&self.pool).await?;
        Ok(pruned.rows_affected())
    }
}
