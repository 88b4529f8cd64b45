//! A centre's coordinators and invitations as the desk shows them: each
//! person by channel and a masked id (never the whole platform id), with the
//! day they last used the bot; revoking one by an opaque key; and the
//! centre's invitations, pending and used.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::desk::audit_values;
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Person};

/// A coordinator of a centre, for the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreCoordinator {
    /// Names the person in forms without their id ([`person_key`]).
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

/// An opaque, stable key for a person: 16 hex digits of a SHA-256 of their
/// channel and id, so that a form can name them without carrying the id.
pub fn person_key(person: &Person) -> String {
    let digest = Sha256::digest(format!("{}:{}", person.channel.as_str(), person.external_id).as_bytes());
    crate::domain::hex(&digest[..8])
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
        let rows: Vec<(String, String, DateTime<Utc>, Option<NaiveDate>)> = sqlx::query_as(
            "SELECT k.channel, k.external_id, k.added_at, u.seen_on FROM coordinator k \
             LEFT JOIN chat_user u ON u.channel = k.channel AND u.external_id = k.external_id \
             WHERE k.centre_id = $1 ORDER BY k.added_at, k.channel, k.external_id",
        )
        .bind(centre)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(channel, external_id, added_at, last_seen)| {
                let person = Person { channel: ChannelKind::parse(&channel)?, external_id };
                let (key, masked) = (person_key(&person), mask(&person.external_id));
                Some(CentreCoordinator { key, channel: person.channel, masked, added_at, last_seen })
            })
            .collect())
    }

    /// Revokes the coordinator of `centre` whose [`person_key`] is `key`,
    /// for `by` (whose role the caller checked), with an audit row; their
    /// desk sessions end if it was their last role. False when no
    /// coordinator of the centre has that key.
    pub async fn revoke_coordinator_at_desk(&self, by: &Person, centre: &str, key: &str) -> Result<bool, StoreError> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT channel, external_id FROM coordinator WHERE centre_id = $1")
                .bind(centre)
                .fetch_all(&self.pool)
                .await?;
        let found = rows.into_iter().find_map(|(channel, external_id)| {
            let person = Person { channel: ChannelKind::parse(&channel)?, external_id };
            (person_key(&person) == key).then_some(person)
        });
        let Some(person) = found else { return Ok(false) };
        let revoked = self.revoke_coordinator(centre, &person).await?;
        if revoked {
            let who = format!("{} {}", person.channel.as_str(), mask(&person.external_id));
            let mut conn = self.pool.acquire().await?;
            audit_values(&mut conn, by, "revoke-coordinator", centre, Some(&who), None).await?;
        }
        Ok(revoked)
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
        let person = Person { channel: ChannelKind::Telegram, external_id: "123456789".into() };
        let key = person_key(&person);
        assert_eq!(key.len(), 16);
        assert!(!key.contains("123"), "{key}");
        assert_ne!(key, person_key(&Person { channel: ChannelKind::Viber, external_id: "123456789".into() }));
    }
}
