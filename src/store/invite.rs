//! Coordinator invitations: a one-time code, stored only as its SHA-256,
//! that makes whoever sends it a centre's coordinator (and tells the
//! operators); and listing and revoking coordinators. The command line's
//! `coordinator invite` and the desk make codes the same way
//! ([`Store::invite_coordinator`]).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::bind::BindPerson;
use super::desk::audit_values;
use super::notice::{Notice, queue_notice};
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

/// A new code: 20 hex digits (80 bits) from the operating system's
/// generator, the form the bot's `/start coord-<code>` accepts.
pub fn new_invite_code() -> Result<String, StoreError> {
    let mut bytes = [0u8; 10];
    getrandom::getrandom(&mut bytes).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    Ok(crate::domain::hex(&bytes))
}

impl Store {
    /// Stores an invitation; false when the centre does not exist.
    pub async fn create_invite(&self, centre: &str, code: &str, expires_at: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut conn = self.pool.acquire().await?;
        insert_invite(&mut conn, centre, code, expires_at, None).await
    }

    /// Makes a new one-time invitation to coordinate `centre`, valid until
    /// `expires_at`, by `by` (`None` from the command line). The code is
    /// returned once and kept only as its hash; `None` when the centre does
    /// not exist.
    pub async fn invite_coordinator(
        &self,
        centre: &str,
        expires_at: DateTime<Utc>,
        by: Option<&Person>,
    ) -> Result<Option<String>, StoreError> {
        let code = new_invite_code()?;
        let mut conn = self.pool.acquire().await?;
        Ok(insert_invite(&mut conn, centre, &code, expires_at, by).await?.then_some(code))
    }

    /// A new invitation made in the desk by `by`, written with its audit
    /// row (the expiry, in UTC) in one transaction; `None` if the centre does
    /// not exist.
    pub async fn invite_coordinator_at_desk(
        &self,
        centre: &str,
        expires_at: DateTime<Utc>,
        by: &Person,
    ) -> Result<Option<String>, StoreError> {
        let code = new_invite_code()?;
        let mut tx = self.pool.begin().await?;
        if !insert_invite(&mut tx, centre, &code, expires_at, Some(by)).await? {
            return Ok(None);
        }
        let until = expires_at.format("%Y-%m-%d %H:%M UTC").to_string();
        audit_values(&mut tx, by, "invite-coordinator", centre, None, Some(&until)).await?;
        tx.commit().await?;
        Ok(Some(code))
    }

    /// Uses a code, once: the row is locked, so two people sending the same
    /// code at once cannot both become coordinators. Every operator the bot
    /// can write to is told, in the same transaction.
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
                sqlx::query(
                    "UPDATE coordinator_invite SET used_at = $2, used_by_channel = $3, used_by_id = $4 \
                     WHERE code_hash = $1",
                )
                .bind(hash_code(code))
                .bind(now)
                .bind_person(person)
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
                tell_operators(&mut tx, &Notice::InviteUsed { centre: centre.clone() }).await?;
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

/// Keeps an invitation's code (hashed) for an existing centre; false when
/// there is no such centre.
async fn insert_invite(
    conn: &mut sqlx::PgConnection,
    centre: &str,
    code: &str,
    expires_at: DateTime<Utc>,
    by: Option<&Person>,
) -> Result<bool, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO coordinator_invite (code_hash, centre_id, expires_at, created_by_channel, created_by_id) \
         SELECT $1, id, $3, $4, $5 FROM centre WHERE id = $2",
    )
    .bind(hash_code(code))
    .bind(centre)
    .bind(expires_at)
    .bind(by.map(|p| p.channel.as_str()))
    .bind(by.map(|p| p.external_id.as_str()))
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Queues a notice to every operator the bot can write to (they wrote to it
/// and did not block it).
async fn tell_operators(conn: &mut sqlx::PgConnection, notice: &Notice) -> Result<(), StoreError> {
    let operators: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.channel, o.external_id FROM operator o JOIN chat_user u \
         ON u.channel = o.channel AND u.external_id = o.external_id AND u.active ORDER BY o.channel, o.external_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (channel, external_id) in operators {
        let Some(channel) = ChannelKind::parse(&channel) else { continue };
        queue_notice(conn, &Person { channel, external_id }, notice, None).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_twenty_hex_digits_and_new_each_time() {
        let a = new_invite_code().unwrap();
        assert!(a.len() == 20 && a.bytes().all(|b| b.is_ascii_hexdigit()), "{a}");
        assert_ne!(a, new_invite_code().unwrap());
    }
}
