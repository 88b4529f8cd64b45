//! `/forget`: everything the bot knows about a person is deleted at once;
//! and what is deleted without asking: the names and phones of long-ended
//! groups, people inactive for a year.

use chrono::NaiveDate;

use super::cohort::promote;
use super::{StoreError, UserUpdate};

/// What forgetting a person ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Forgotten {
    /// Seats and waiting-list places given up.
    pub signups: u64,
    /// People on waiting lists who got a freed seat (and are told).
    pub promoted: usize,
    pub subscriptions: u64,
}

impl UserUpdate {
    /// Deletes the person: their sign-ups (freeing seats for the people
    /// waiting, who are told), subscriptions, check-in reminder, coordinator
    /// roles (what they did as one stays with the centre, without their id),
    /// messages queued or sent to them, and their row
    /// with its language and conversation state, in the transaction that
    /// holds their row, and then what this process remembers of their state.
    /// Anonymous check-ins stay: nothing links them to anyone.
    pub async fn forget(mut self) -> Result<Forgotten, StoreError> {
        let channel = self.person.channel.as_str();
        let id = self.person.external_id.clone();
        let tx = &mut *self.tx;
        // Cohorts in id order, so two people forgotten at once lock them alike.
        let places: Vec<(String, i32)> = sqlx::query_as(
            "SELECT DISTINCT c.id, c.capacity FROM signup s JOIN cohort c ON c.id = s.cohort_id \
             WHERE s.channel = $1 AND s.external_id = $2 AND s.status IN ('confirmed', 'waitlisted') ORDER BY c.id",
        )
        .bind(channel)
        .bind(&id)
        .fetch_all(&mut *tx)
        .await?;
        let mut forgotten = Forgotten::default();
        for (cohort, _) in &places {
            let capacity: i32 = sqlx::query_scalar("SELECT capacity FROM cohort WHERE id = $1 FOR UPDATE")
                .bind(cohort)
                .fetch_one(&mut *tx)
                .await?;
            let deleted = sqlx::query(
                "DELETE FROM signup WHERE cohort_id = $1 AND channel = $2 AND external_id = $3 \
                 AND status IN ('confirmed', 'waitlisted')",
            )
            .bind(cohort)
            .bind(channel)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
            forgotten.signups += deleted.rows_affected();
            forgotten.promoted += promote(&mut *tx, cohort, capacity).await?.len();
        }
        forgotten.subscriptions = sqlx::query("DELETE FROM subscription WHERE channel = $1 AND external_id = $2")
            .bind(channel)
            .bind(&id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        // The row first: it cascades to the remaining (ended) sign-ups and the
        // check-in reminder and holds their locks, so a scheduler that turns
        // them into notices meanwhile waits and then finds nothing; notices
        // it committed before are deleted below.
        for statement in [
            "DELETE FROM chat_user WHERE channel = $1 AND external_id = $2",
            "DELETE FROM notice WHERE channel = $1 AND external_id = $2",
            "DELETE FROM broadcast_delivery WHERE channel = $1 AND external_id = $2",
            "DELETE FROM coordinator WHERE channel = $1 AND external_id = $2",
            // What a coordinator did stays with the centre, without them.
            "UPDATE broadcast SET author_id = 'forgotten' WHERE author_channel = $1 AND author_id = $2",
            "UPDATE centre_closure SET set_by = 'forgotten' WHERE set_by_channel = $1 AND set_by = $2",
            "UPDATE centre_history SET by_channel = NULL, by_id = NULL WHERE by_channel = $1 AND by_id = $2",
            "UPDATE coordinator_invite SET used_by_channel = NULL, used_by_id = NULL \
             WHERE used_by_channel = $1 AND used_by_id = $2",
            "UPDATE coordinator_invite SET created_by_channel = NULL, created_by_id = NULL \
             WHERE created_by_channel = $1 AND created_by_id = $2",
        ] {
            sqlx::query(statement).bind(channel).bind(&id).execute(&mut *tx).await?;
        }
        self.tx.commit().await?;
        self.recent.forget(&self.person);
        Ok(forgotten)
    }
}

impl super::Store {
    /// Forgets the sign-ups (with any name and phone given) of groups whose
    /// last session was more than 30 days ago, cancelled groups included.
    pub async fn prune_signups(&self, now: chrono::DateTime<chrono::Utc>) -> Result<u64, StoreError> {
        let pruned = sqlx::query(
            "DELETE FROM signup WHERE cohort_id IN (SELECT cohort_id FROM cohort_session GROUP BY cohort_id \
             HAVING max(starts_at) < $1 - interval '30 days')",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(pruned.rows_affected())
    }
}

impl super::Store {
    /// Deletes the people who have not written for a year and hold nothing
    /// that needs them (no seat or place in a queue, no subscription, no
    /// coordinator's role), with the messages queued for them; and clears
    /// the check-in weeks of weeks before `this_week` (they only serve to
    /// count one check-in a week). One statement each, safe to run in every
    /// replica at once: a person who writes meanwhile holds their row, and
    /// the delete then finds them seen today.
    pub async fn prune_people(&self, today: NaiveDate, this_week: NaiveDate) -> Result<(u64, u64), StoreError> {
        let deleted: i64 = sqlx::query_scalar(
            "WITH gone AS ( \
                 DELETE FROM chat_user u WHERE u.seen_on < ($1::date - interval '12 months')::date \
                 AND NOT EXISTS (SELECT 1 FROM signup s WHERE s.channel = u.channel \
                                 AND s.external_id = u.external_id AND s.status IN ('confirmed', 'waitlisted')) \
                 AND NOT EXISTS (SELECT 1 FROM subscription s WHERE s.channel = u.channel \
                                 AND s.external_id = u.external_id) \
                 AND NOT EXISTS (SELECT 1 FROM coordinator c WHERE c.channel = u.channel \
                                 AND c.external_id = u.external_id) \
                 RETURNING u.channel, u.external_id), \
             notices AS (DELETE FROM notice n USING gone g \
                         WHERE n.channel = g.channel AND n.external_id = g.external_id), \
             deliveries AS (DELETE FROM broadcast_delivery d USING gone g \
                            WHERE d.channel = g.channel AND d.external_id = g.external_id) \
             SELECT count(*) FROM gone",
        )
        .bind(today)
        .fetch_one(&self.pool)
        .await?;
        let cleared = sqlx::query("UPDATE chat_user SET last_checkin_week = NULL WHERE last_checkin_week < $1")
            .bind(this_week)
            .execute(&self.pool)
            .await?;
        Ok((u64::try_from(deleted).unwrap_or(0), cleared.rows_affected()))
    }
}
