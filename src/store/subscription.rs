//! Residents' subscriptions to a centre's updates.

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::Person;

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
}
