//! The anonymous weekly counters (migration 0023): usage per week and far
//! searches per week and hromada. Written in batches by the process's
//! anonymous writer, never in a person's transaction.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Store, StoreError};
use crate::domain::tally::{Count, Tally, UnmetDemand, UsageWeek};

impl Store {
    /// Adds a batch of counts (each with how many times it happened) in one
    /// transaction: one upsert per table, rows in key order. Nothing about
    /// the batch but the sums is written.
    pub async fn add_counts(&self, counts: &BTreeMap<Count, i64>) -> Result<(), StoreError> {
        let mut usage: BTreeMap<NaiveDate, [i64; 4]> = BTreeMap::new();
        let (mut far_weeks, mut far_hromadas, mut far_counts) = (Vec::new(), Vec::new(), Vec::new());
        for (Count { week, tally }, &n) in counts {
            let column = match tally {
                Tally::Search => 0,
                Tally::CardOpened => 1,
                Tally::SignUp => 2,
                Tally::Subscription => 3,
                Tally::FarSearch { hromada } => {
                    far_weeks.push(*week);
                    far_hromadas.push(hromada.clone());
                    far_counts.push(n);
                    continue;
                }
            };
            usage.entry(*week).or_default()[column] += n;
        }
        let mut tx = self.pool.begin().await?;
        if !usage.is_empty() {
            let column = |i: usize| usage.values().map(|c| c[i]).collect::<Vec<i64>>();
            sqlx::query(
                "INSERT INTO usage_week (week, searches, cards, signups, subscriptions) \
                 SELECT * FROM unnest($1::date[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) \
                 ON CONFLICT (week) DO UPDATE SET \
                   searches = usage_week.searches + EXCLUDED.searches, \
                   cards = usage_week.cards + EXCLUDED.cards, \
                   signups = usage_week.signups + EXCLUDED.signups, \
                   subscriptions = usage_week.subscriptions + EXCLUDED.subscriptions",
            )
            .bind(usage.keys().copied().collect::<Vec<_>>())
            .bind(column(0))
            .bind(column(1))
            .bind(column(2))
            .bind(column(3))
            .execute(&mut *tx)
            .await?;
        }
        if !far_weeks.is_empty() {
            sqlx::query(
                "INSERT INTO unmet_demand (week, hromada, searches) \
                 SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[]) \
                 ON CONFLICT (week, hromada) DO UPDATE SET searches = unmet_demand.searches + EXCLUDED.searches",
            )
            .bind(far_weeks)
            .bind(far_hromadas)
            .bind(far_counts)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The usage counted in the weeks from `from`'s up to `to`, oldest first
    /// (weeks with nothing counted are absent).
    pub async fn usage_weeks(&self, (from, to): (NaiveDate, NaiveDate)) -> Result<Vec<UsageWeek>, StoreError> {
        let rows: Vec<(NaiveDate, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT week, searches, cards, signups, subscriptions FROM usage_week \
             WHERE week >= date_trunc('week', $1::date)::date AND week <= $2 ORDER BY week",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(week, searches, cards, signups, subscriptions)| UsageWeek {
                week,
                searches,
                cards,
                signups,
                subscriptions,
            })
            .collect())
    }

    /// Far searches per week and hromada in the weeks from `from`'s up to
    /// `to`, most first.
    pub async fn unmet_demand(&self, (from, to): (NaiveDate, NaiveDate)) -> Result<Vec<UnmetDemand>, StoreError> {
        let rows: Vec<(NaiveDate, String, i64)> = sqlx::query_as(
            "SELECT week, hromada, searches FROM unmet_demand \
             WHERE week >= date_trunc('week', $1::date)::date AND week <= $2 \
             ORDER BY searches DESC, week DESC, hromada",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(week, hromada, searches)| UnmetDemand { week, hromada, searches }).collect())
    }
}
