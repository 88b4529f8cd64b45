//! The operator desk's people and sign-in: operators, one-time sign-in links,
//! sessions and the audit log. Secrets (link tokens, session ids) are random
//! 128-bit values kept only as their SHA-256, so reading the database signs
//! nobody in; a person's role is read from the database on every request.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::bind::BindPerson;
use super::{Store, StoreError};
use crate::domain::{ChannelKind, Person};

/// How long a sign-in link works.
pub const LINK_LIFETIME: Duration = Duration::minutes(10);
/// A session ends after this long without a request…
pub const SESSION_IDLE: Duration = Duration::hours(8);
/// …and this long after sign-in, whatever.
pub const SESSION_MAX: Duration = Duration::days(7);

/// What a person may see in the desk, read from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskRole {
    /// Every centre.
    Operator,
    /// These centres only (never empty).
    Coordinator(Vec<String>),
}

impl DeskRole {
    /// Whether the role reaches a centre.
    pub fn reaches(&self, centre: &str) -> bool {
        match self {
            Self::Operator => true,
            Self::Coordinator(centres) => centres.iter().any(|c| c == centre),
        }
    }
}

/// A signed-in person, as a request finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSession {
    pub person: Person,
    pub role: DeskRole,
    /// The token every form of this session carries.
    pub csrf: String,
}

/// A new session: the cookie's value and its CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub id: String,
    pub csrf: String,
}

/// Why a sign-in link did not sign anyone in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefused {
    Unknown,
    Expired,
    Used,
    /// The person has no role any more.
    NoRole,
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub person: Person,
    pub action: String,
    pub subject: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// A stored link: channel, external id, expiry, when it was used.
type LinkRow = (String, String, DateTime<Utc>, Option<DateTime<Utc>>);
/// A stored session: channel, external id, CSRF token, created, last seen.
type SessionRow = (String, String, String, DateTime<Utc>, DateTime<Utc>);

/// 128 random bits from the operating system, as 32 hex digits.
pub fn new_secret() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    Ok(crate::domain::hex(&bytes))
}

fn hash(secret: &str) -> String {
    crate::domain::hex(&Sha256::digest(secret.trim().as_bytes()))
}

fn person(channel: &str, external_id: String) -> Result<Person, StoreError> {
    let channel =
        ChannelKind::parse(channel).ok_or_else(|| StoreError::Corrupt(format!("unknown channel {channel:?}")))?;
    Ok(Person { channel, external_id })
}

/// Writes one audit row of a change, in the transaction that makes it.
pub(super) async fn audit(
    conn: &mut sqlx::PgConnection,
    person: &Person,
    action: &str,
    subject: &str,
    change: &crate::domain::FieldChange,
) -> Result<(), StoreError> {
    audit_values(conn, person, action, subject, change.old.as_deref(), change.new.as_deref()).await
}

/// Writes one audit row of any change, in the transaction that makes it.
pub(super) async fn audit_values(
    conn: &mut sqlx::PgConnection,
    person: &Person,
    action: &str,
    subject: &str,
    old_value: Option<&str>,
    new_value: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO desk_audit (channel, external_id, action, subject, old_value, new_value) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind_person(person)
    .bind(action)
    .bind(subject)
    .bind(old_value)
    .bind(new_value)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// Makes a person an operator (idempotent).
    pub async fn add_operator(&self, person: &Person) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO operator (channel, external_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind_person(person)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every operator with when they were added.
    pub async fn operators(&self) -> Result<Vec<(Person, DateTime<Utc>)>, StoreError> {
        let rows: Vec<(String, String, DateTime<Utc>)> =
            sqlx::query_as("SELECT channel, external_id, added_at FROM operator ORDER BY added_at, external_id")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(|(channel, id, at)| Ok((person(&channel, id)?, at))).collect()
    }

    /// Stops a person being an operator and ends their sessions if no role
    /// is left; false when they were not one.
    pub async fn revoke_operator(&self, person: &Person) -> Result<bool, StoreError> {
        let removed = sqlx::query("DELETE FROM operator WHERE channel = $1 AND external_id = $2")
            .bind_person(person)
            .execute(&self.pool)
            .await?;
        self.end_sessions_without_role(person).await?;
        Ok(removed.rows_affected() > 0)
    }

    /// Ends a person's sessions when they no longer have any desk role
    /// (called after revoking one).
    pub async fn end_sessions_without_role(&self, person: &Person) -> Result<u64, StoreError> {
        if self.desk_role(person).await?.is_some() {
            return Ok(0);
        }
        let ended = sqlx::query("DELETE FROM desk_session WHERE channel = $1 AND external_id = $2")
            .bind_person(person)
            .execute(&self.pool)
            .await?;
        Ok(ended.rows_affected())
    }

    /// A person's desk role now: operator, coordinator of some centres, or none.
    pub async fn desk_role(&self, person: &Person) -> Result<Option<DeskRole>, StoreError> {
        let operator: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM operator WHERE channel = $1 AND external_id = $2)")
                .bind_person(person)
                .fetch_one(&self.pool)
                .await?;
        if operator {
            return Ok(Some(DeskRole::Operator));
        }
        let centres = self.coordinated_centres(person).await?;
        Ok((!centres.is_empty()).then_some(DeskRole::Coordinator(centres)))
    }

    /// A one-time sign-in link's secret for a person with a desk role, or
    /// `None` for anyone else.
    pub async fn create_desk_link(&self, person: &Person, now: DateTime<Utc>) -> Result<Option<String>, StoreError> {
        if self.desk_role(person).await?.is_none() {
            return Ok(None);
        }
        let token = new_secret()?;
        sqlx::query("INSERT INTO desk_link (token_hash, channel, external_id, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(hash(&token))
            .bind_person(person)
            .bind(now + LINK_LIFETIME)
            .execute(&self.pool)
            .await?;
        Ok(Some(token))
    }

    /// Uses a sign-in link, once (its row is locked), and opens a session.
    pub async fn sign_in(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<NewSession, LinkRefused>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row: Option<LinkRow> = sqlx::query_as(
            "SELECT channel, external_id, expires_at, used_at FROM desk_link WHERE token_hash = $1 FOR UPDATE",
        )
        .bind(hash(token))
        .fetch_optional(&mut *tx)
        .await?;
        let Some((channel, external_id, expires_at, used_at)) = row else { return Ok(Err(LinkRefused::Unknown)) };
        if used_at.is_some() {
            return Ok(Err(LinkRefused::Used));
        }
        if expires_at <= now {
            return Ok(Err(LinkRefused::Expired));
        }
        sqlx::query("UPDATE desk_link SET used_at = $2 WHERE token_hash = $1")
            .bind(hash(token))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let person = person(&channel, external_id)?;
        if self.desk_role(&person).await?.is_none() {
            tx.commit().await?;
            return Ok(Err(LinkRefused::NoRole));
        }
        let session = NewSession { id: new_secret()?, csrf: new_secret()? };
        sqlx::query(
            "INSERT INTO desk_session (id_hash, channel, external_id, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(hash(&session.id))
        .bind_person(&person)
        .bind(&session.csrf)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Who signed in and when, for the operators' audit log.
        sqlx::query(
            "INSERT INTO desk_audit (at, channel, external_id, action, subject) VALUES ($1, $2, $3, 'sign-in', 'desk')",
        )
        .bind(now)
        .bind_person(&person)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(session))
    }

    /// The session a cookie names, if it is alive and its person still has a
    /// role; touching it keeps it alive. A dead session is deleted.
    pub async fn desk_session(&self, id: &str, now: DateTime<Utc>) -> Result<Option<DeskSession>, StoreError> {
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT channel, external_id, csrf_token, created_at, last_seen_at FROM desk_session WHERE id_hash = $1",
        )
        .bind(hash(id))
        .fetch_optional(&self.pool)
        .await?;
        let Some((channel, external_id, csrf, created_at, last_seen_at)) = row else { return Ok(None) };
        let person = person(&channel, external_id)?;
        let role = self.desk_role(&person).await?;
        let alive = now - last_seen_at < SESSION_IDLE && now - created_at < SESSION_MAX;
        let Some(role) = role.filter(|_| alive) else {
            self.sign_out(id).await?;
            return Ok(None);
        };
        sqlx::query("UPDATE desk_session SET last_seen_at = $2 WHERE id_hash = $1")
            .bind(hash(id))
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(Some(DeskSession { person, role, csrf }))
    }

    /// Ends a session (idempotent).
    pub async fn sign_out(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM desk_session WHERE id_hash = $1").bind(hash(id)).execute(&self.pool).await?;
        Ok(())
    }

    /// A person ends their session: it is deleted and the audit log says
    /// who signed out and when, in one transaction.
    pub async fn sign_out_as(&self, id: &str, person: &Person) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let ended = sqlx::query("DELETE FROM desk_session WHERE id_hash = $1").bind(hash(id)).execute(&mut *tx).await?;
        if ended.rows_affected() > 0 {
            sqlx::query(
                "INSERT INTO desk_audit (channel, external_id, action, subject) VALUES ($1, $2, 'sign-out', 'desk')",
            )
            .bind_person(person)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A number that moves whenever a coordinator or a report is added,
    /// changed or removed (migration 0026), in the same transaction: while
    /// it stays, [`Store::centre_tallies`] would answer the same.
    pub async fn centre_tallies_version(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT version FROM desk_tally_version").fetch_one(&self.pool).await?)
    }

    /// Per centre that has any: its coordinators and its open reports.
    pub async fn centre_tallies(&self) -> Result<HashMap<String, (i64, i64)>, StoreError> {
        // Grouped over the two small tables, not a subquery per centre: the
        // directory may hold 100,000 centres, of which few have either.
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT centre_id, sum(k)::bigint, sum(r)::bigint FROM ( \
               SELECT centre_id, 1 AS k, 0 AS r FROM coordinator \
               UNION ALL \
               SELECT centre_id, 0, 1 FROM centre_report WHERE handled_at IS NULL \
             ) t GROUP BY centre_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().filter(|(_, k, r)| k + r > 0).map(|(id, k, r)| (id, (k, r))).collect())
    }

    /// Writes one audit row.
    pub async fn audit(
        &self,
        person: &Person,
        action: &str,
        subject: &str,
        old_value: Option<&str>,
        new_value: Option<&str>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO desk_audit (channel, external_id, action, subject, old_value, new_value) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind_person(person)
        .bind(action)
        .bind(subject)
        .bind(old_value)
        .bind(new_value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest audit rows, newest first.
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        type Row = (DateTime<Utc>, String, String, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT at, channel, external_id, action, subject, old_value, new_value FROM desk_audit \
             ORDER BY at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(at, channel, id, action, subject, old_value, new_value)| {
                Ok(AuditEntry { at, person: person(&channel, id)?, action, subject, old_value, new_value })
            })
            .collect()
    }
}
