//! Residents' subscriptions to a centre's updates.

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::{Language, Person};

impl Store {
    /// Subscribes a person who has written to the bot; false when they were already.
    pub async fn subscribe(&self, centre: &str, person: &Person) -> Result<bool, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO subscription (centre_id, channel, external_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(centre)
        .bind_person(person)
        .execute(&self.pool)
        .await?;
        Ok(inserted.rows_affected() == 1)
    }

    /// False when they were not subscribed.
    pub async fn unsubscribe(&self, centre: &str, person: &Person) -> Result<bool, StoreError> {
        let deleted =
            sqlx::query("DELETE FROM subscription WHERE centre_id = $1 AND channel = $2 AND external_id = $3")
                .bind(centre)
                .bind_person(person)
                .execute(&self.pool)
                .await?;
        Ok(deleted.rows_affected() == 1)
    }

    /// Ends every subscription of a person (`/stop`); returns how many.
    pub async fn unsubscribe_all(&self, person: &Person) -> Result<u64, StoreError> {
        let deleted = sqlx::query("DELETE FROM subscription WHERE channel = $1 AND external_id = $2")
            .bind_person(person)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }

    /// Subscribers the bot can write to, per centre, for these centres (in order).
    pub async fn subscriber_counts(&self, centres: &[String]) -> Result<Vec<i64>, StoreError> {
        let counts: Vec<(String, i64)> = sqlx::query_as(
            "SELECT s.centre_id, count(*) FROM subscription s JOIN chat_user u \
             ON u.channel = s.channel AND u.external_id = s.external_id AND u.active \
             WHERE s.centre_id = ANY($1) GROUP BY s.centre_id",
        )
        .bind(centres)
        .fetch_all(&self.pool)
        .await?;
        Ok(centres.iter().map(|c| counts.iter().find(|(id, _)| id == c).map_or(0, |(_, n)| *n)).collect())
    }

    /// A centre's subscribers the bot can write to, by the language each
    /// reads (every language listed, 0 when none reads it): who a broadcast
    /// would reach now, and in which words.
    pub async fn subscribers_by_language(&self, centre: &str) -> Result<Vec<(Language, i64)>, StoreError> {
        let counts: Vec<(String, i64)> = sqlx::query_as(
            "SELECT u.language, count(*) FROM subscription s JOIN chat_user u \
             ON u.channel = s.channel AND u.external_id = s.external_id AND u.active \
             WHERE s.centre_id = $1 GROUP BY u.language",
        )
        .bind(centre)
        .fetch_all(&self.pool)
        .await?;
        Ok(Language::ALL
            .into_iter()
            .map(|language| {
                // An unknown stored code is read as the default, as the worker does.
                let of = |code: &str| Language::parse(code).unwrap_or_default() == language;
                (language, counts.iter().filter(|(code, _)| of(code)).map(|(_, n)| n).sum())
            })
            .collect())
    }
}
