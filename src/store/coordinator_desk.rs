//! A centre's coordinators and invitations as the desk shows them: each
//! person by channel and a masked id (never the whole platform id), with the
//! day they last used the bot; revoking one by an opaque key; and the
//! centre's invitations, pending and used.

use chrono::{DateTime, NaiveDate, Utc};

use super::bind::BindPerson;
use super::desk::audit_values;
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Person};

/// A coordinator of a centre, for the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreCoordinator {
    /// Names the coordinator in forms without their id: a random key kept
    /// with the row (migration 0027), which says nothing about the person.
    pub key: String,
    pub channel: ChannelKind,
    /// The id's last three characters after an ellipsis.
    pub masked: String,
    pub added_at: DateTime<Utc>,
    /// The Kyiv day they last wrote to the bot; `None` if they never did.
    pub last_seen: Option<NaiveDate>,
}

/// An invitation to a centre, for the desk (the code itself is never kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationEntry {
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    /// Who used it: channel and masked id (`None` if unused or forgotten).
    pub used_by: Option<(ChannelKind, String)>,
    /// Made in the desk (else from the command line).
    pub from_desk: bool,
}

/// `…789`: enough to tell two coordinators apart, not to write to them.
pub fn mask(external_id: &str) -> String {
    let chars: Vec<char> = external_id.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(3)..].iter().collect();
    format!("…{tail}")
}

impl Store {
    /// The coordinators of a centre, oldest first.
    pub async fn centre_coordinators(&self, centre: &str) -> Result<Vec<CentreCoordinator>, StoreError> {
        type Row = (String, String, String, DateTime<Utc>, Option<NaiveDate>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT k.desk_key::text, k.channel, k.external_id, k.added_at, u.seen_on FROM coordinator k \
             LEFT JOIN chat_user u ON u.channel = k.channel AND u.external_id = k.external_id \
             WHERE k.centre_id = $1 ORDER BY k.added_at, k.channel, k.external_id",
        )
        .bind(centre)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(key, channel, external_id, added_at, last_seen)| {
                let channel = ChannelKind::parse(&channel)?;
                Some(CentreCoordinator { key, channel, masked: mask(&external_id), added_at, last_seen })
            })
            .collect())
    }

    /// Revokes the coordinator of `centre` whose desk key
    /// ([`CentreCoordinator::key`]) is `key`, for `by` (whose role the caller
    /// checked), with its audit row in the same transaction; their desk
    /// sessions end if it was their last role. False when no coordinator of
    /// the centre has that key (or it is not a key at all).
    pub async fn revoke_coordinator_at_desk(&self, by: &Person, centre: &str, key: &str) -> Result<bool, StoreError> {
        let Ok(key) = uuid::Uuid::parse_str(key) else { return Ok(false) };
        let mut tx = self.pool.begin().await?;
        let revoked: Option<(String, String)> = sqlx::query_as(
            "DELETE FROM coordinator WHERE centre_id = $1 AND desk_key = $2::uuid RETURNING channel, external_id",
        )
        .bind(centre)
        .bind(key.hyphenated().to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(person) = revoked
            .and_then(|(channel, external_id)| Some(Person { channel: ChannelKind::parse(&channel)?, external_id }))
        else {
            return Ok(false);
        };
        let who = format!("{} {}", person.channel.as_str(), mask(&person.external_id));
        audit_values(&mut tx, by, "revoke-coordinator", centre, Some(&who), None).await?;
        // Revoking a role ends the person's desk sessions when it was their
        // last, in the same transaction: nothing half done if one fails.
        sqlx::query(
            "DELETE FROM desk_session s WHERE s.channel = $1 AND s.external_id = $2 \
             AND NOT EXISTS (SELECT 1 FROM operator o WHERE o.channel = $1 AND o.external_id = $2) \
             AND NOT EXISTS (SELECT 1 FROM coordinator k WHERE k.channel = $1 AND k.external_id = $2)",
        )
        .bind_person(&person)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A centre's invitations, newest first, at most `limit`.
    pub async fn invitations(&self, centre: &str, limit: i64) -> Result<Vec<InvitationEntry>, StoreError> {
        type Row = (DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>, Option<String>, Option<String>, bool);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT created_at, expires_at, used_at, used_by_channel, used_by_id, created_by_id IS NOT NULL \
             FROM coordinator_invite WHERE centre_id = $1 ORDER BY created_at DESC LIMIT $2",
        )
        .bind(centre)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(created_at, expires_at, used_at, channel, id, from_desk)| {
                let used_by = channel.as_deref().and_then(ChannelKind::parse).zip(id.as_deref().map(mask));
                InvitationEntry { created_at, expires_at, used_at, used_by, from_desk }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_id_keeps_only_its_last_three_characters() {
        assert_eq!(mask("123456789"), "…789");
        assert_eq!(mask("ab"), "…ab");
        assert_eq!(mask(""), "…");
    }
}
