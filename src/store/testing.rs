//! Changes without the checks the bot's own paths make, for tests only:
//! nothing in the bot or its command line calls them. Bring
//! [`Unchecked`] into scope to use them.

use std::future::Future;

use super::cohort::{CapacityChange, Promotion, resize};
use super::coordination::lock_cohort;
use super::{Store, StoreError};

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
}
