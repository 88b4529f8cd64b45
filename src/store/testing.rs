//! Changes without the checks the bot's own paths make, for tests only:
//! nothing in the bot or its command line calls them. Bring
//! [`Unchecked`] into scope to use them.

use std::future::Future;

use super::cohort::{CapacityChange, Promotion, resize};
use super::coordination::lock_cohort;
use super::save_batch::save_together_or_each;
use super::state_save::{SaveOutcome, StateSave};
use super::{Saved, Store, StoreError, UserRead};
use crate::domain::Person;

/// One save of [`Unchecked::save_together`]: `state` for `person`, in the
/// language `read` found, if their row is still as `read` found it.
#[derive(Debug)]
pub struct Together {
    pub read: UserRead,
    pub person: Person,
    pub delivery: Option<String>,
    pub state: serde_json::Value,
}

/// Store methods without the coordinator check (see `store::coordinator`).
pub trait Unchecked {
    /// Changes a cohort's capacity, whoever asks, even a cancelled one's;
    /// more seats go to people waiting, in order. Coordinators change it
    /// with [`Store::set_capacity_as`].
    fn set_capacity(
        &self,
        cohort: &str,
        capacity: i32,
    ) -> impl Future<Output = Result<(CapacityChange, Vec<Promotion>), StoreError>> + Send;

    /// Saves `saves` in one statement, as the bot saves the states it
    /// remembers when several wait at once (`store::save_queue`), whether
    /// or not they were remembered: one outcome per save, in order (each
    /// its own error when the statement had to be split, the batch's when
    /// the database could not be reached). Nothing is remembered.
    fn save_together(
        &self,
        saves: Vec<Together>,
    ) -> impl Future<Output = Result<Vec<Result<Saved, StoreError>>, StoreError>> + Send;
}

impl Unchecked for Store {
    async fn set_capacity(&self, cohort: &str, capacity: i32) -> Result<(CapacityChange, Vec<Promotion>), StoreError> {
        let mut tx = self.pool.begin().await?;
        if lock_cohort(&mut tx, cohort).await?.is_none() {
            return Ok((CapacityChange::NotFound, Vec::new()));
        }
        let resized = resize(&mut tx, cohort, capacity).await?;
        tx.commit().await?;
        Ok(resized)
    }

    async fn save_together(&self, saves: Vec<Together>) -> Result<Vec<Result<Saved, StoreError>>, StoreError> {
        let saves: Vec<StateSave> = saves
            .into_iter()
            .map(|Together { read, person, delivery, state }| StateSave {
                person,
                language: read.record.language,
                state,
                version: read.version,
                delivery,
            })
            .collect();
        let mut connection = self.pool.acquire().await?;
        let outcomes = save_together_or_each(&mut connection, &saves, |_| true).await?;
        Ok(outcomes
            .into_iter()
            .map(|outcome| {
                outcome.map(|outcome| match outcome {
                    Some(SaveOutcome::Saved(_)) => Saved::Saved,
                    Some(SaveOutcome::Repeated) => Saved::Repeated,
                    Some(SaveOutcome::Moved) => Saved::Moved,
                    None => Saved::Late,
                })
            })
            .collect())
    }
}
