//! Coordinator invitations: a one-time code, stored only as its SHA-256,
//! that makes whoever sends it a centre's coordinator; and listing and
//! revoking coordinators.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Person};

/// What sending a code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// The person now coordinates this centre.
    Coordinator {
        centre: String,
    },
    Expired,
    /// The code was used already (by anyone).
    Used,
    /// No such code.
    Unknown,
}

/// A bound coordinator, for operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoordinatorEntry {
    pub centre: String,
    pub person: Person,
    pub added_at: DateTime<Utc>,
}

/// The stored form of a code.
pub fn hash_code(code: &str) -> String {
    crate::domain::hex(&Sha256::digest(code.trim().as_bytes()))
}

impl Store {
    /// Stores an invitation; false when the centre does not exist.
    pub async fn create_invite(&self, centre: &str, code: &str, expires_at: DateTime<Utc>) -> Result<bool, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO coordinator_invite (code_hash, centre_id, expires_at) \
             SELECT $1, id, $3 FROM centre WHERE id = $2",
        )
        .bind(hash_code(code))
        .bind(centre)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(inserted.rows_affected() == 1)
    }

    /// Uses a code, once: the row is locked, so two people sending the same
    /// code at once cannot both become coordinators.
    pub async fn redeem_invite(&self, code: &str, person: &Person, now: DateTime<Utc>) -> Result<Redeemed, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = sqlx::query_as(
            "SELECT centre_id, expires_at, used_at FROM coordinator_invite WHERE code_hash = $1 FOR UPDATE",
        )
        .bind(hash_code(code))
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match row {
            None => Redeemed::Unknown,
            Some((_, _, Some(_))) => Redeemed::Used,
            Some((_, expires_at, None)) if expires_at <= now => Redeemed::Expired,
            Some((centre, _, None)) => {
                sqlx::query("UPDATE coordinator_invite SET used_at = $2 WHERE code_hash = $1")
                    .bind(hash_code(code))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO coordinator (centre_id, channel, external_id) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(&centre)
                .bind_person(person)
                .execute(&mut *tx)
                .await?;
                Redeemed::Coordinator { centre }
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// Every bound coordinator, by centre.
    pub async fn coordinators(&self) -> Result<Vec<CoordinatorEntry>, StoreError> {
        let rows: Vec<(String, String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT centre_id, channel, external_id, added_at FROM coordinator ORDER BY centre_id, added_at",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(centre, channel, external_id, added_at)| {
                let person = Person { channel: ChannelKind::parse(&channel)?, external_id };
                Some(CoordinatorEntry { centre, person, added_at })
            })
            .collect())
    }

    /// Removes a coordinator from a centre; false when they were not one.
    pub async fn revoke_coordinator(&self, centre: &str, person: &Person) -> Result<bool, StoreError> {
        let deleted = sqlx::query("DELETE FROM coordinator WHERE centre_id = $1 AND channel = $2 AND external_id = $3")
            .bind(centre)
            .bind_person(person)
            .execute(&self.pool)
            .await?;
        // Revoking a role ends the person's desk sessions when it was their last.
        self.end_sessions_without_role(person).await?;
        Ok(deleted.rows_affected() == 1)
    }
}
