//! A value a desk page computed for a key, kept so that the page read again
//! does not read and sum the same rows again: the centres' tallies under
//! their version (kept until it moves), the weekly figures under the weeks
//! they cover (kept a few minutes, for counters flushed late into a week
//! that has just ended). One value per kind; a new key replaces it.
//!
//! Written here rather than taken from a caching crate: one slot with a key
//! and an age is all the desk needs, and it keeps the value behind an `Arc`
//! so a page renders from it without copying.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The last value computed, its key and when it was computed.
pub(super) struct Kept<K, V> {
    slot: Mutex<Option<(K, Instant, Arc<V>)>>,
    /// Held while a value is computed, so that requests arriving meanwhile
    /// wait for it instead of each running the same query.
    computing: tokio::sync::Mutex<()>,
    /// How long a value is good for under an unchanged key (`None`: as long as the key stays).
    max_age: Option<Duration>,
}

impl<K: PartialEq, V> Kept<K, V> {
    /// Values good for as long as their key stays the same.
    pub(super) fn while_key_stays() -> Self {
        Self { slot: Mutex::new(None), computing: tokio::sync::Mutex::new(()), max_age: None }
    }

    /// Values good for `max_age` under the same key.
    pub(super) fn for_at_most(max_age: Duration) -> Self {
        Self { slot: Mutex::new(None), computing: tokio::sync::Mutex::new(()), max_age: Some(max_age) }
    }

    /// The value kept under `key` if still good, else what `compute` gives
    /// (kept for next time; an error is not kept).
    pub(super) async fn get_or_compute<E>(
        &self,
        key: K,
        compute: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        if let Some(value) = self.fresh(&key) {
            return Ok(value);
        }
        let _turn = self.computing.lock().await;
        // Computed by the request this one waited for?
        if let Some(value) = self.fresh(&key) {
            return Ok(value);
        }
        let value = Arc::new(compute.await?);
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = Some((key, Instant::now(), value.clone()));
        Ok(value)
    }
}

impl<K: PartialEq, V> Kept<K, V> {
    /// The value kept under `key`, if it is still good.
    fn fresh(&self, key: &K) -> Option<Arc<V>> {
        let slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        let (kept, at, value) = slot.as_ref()?;
        (kept == key && self.max_age.is_none_or(|age| at.elapsed() < age)).then(|| value.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    async fn counted(kept: &Kept<u32, u32>, key: u32, computed: &AtomicU32) -> u32 {
        let value = kept
            .get_or_compute(key, async {
                computed.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(key * 10)
            })
            .await
            .unwrap();
        *value
    }

    #[tokio::test]
    async fn a_value_is_computed_again_only_for_a_new_key() {
        let (kept, computed) = (Kept::while_key_stays(), AtomicU32::new(0));
        assert_eq!(counted(&kept, 1, &computed).await, 10);
        assert_eq!(counted(&kept, 1, &computed).await, 10);
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        assert_eq!(counted(&kept, 2, &computed).await, 20);
        assert_eq!(counted(&kept, 1, &computed).await, 10, "one slot: the old key is gone");
        assert_eq!(computed.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_value_older_than_its_age_is_computed_again() {
        let (kept, computed) = (Kept::for_at_most(Duration::ZERO), AtomicU32::new(0));
        counted(&kept, 1, &computed).await;
        counted(&kept, 1, &computed).await;
        assert_eq!(computed.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn requests_arriving_while_a_value_is_computed_wait_for_it() {
        let (kept, computed) = (Arc::new(Kept::while_key_stays()), Arc::new(AtomicU32::new(0)));
        let slow = |kept: Arc<Kept<u32, u32>>, computed: Arc<AtomicU32>| async move {
            let value = kept
                .get_or_compute(1, async {
                    computed.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Ok::<_, ()>(10)
                })
                .await;
            *value.unwrap()
        };
        let requests: Vec<_> = (0..5).map(|_| tokio::spawn(slow(kept.clone(), computed.clone()))).collect();
        for request in requests {
            assert_eq!(request.await.unwrap(), 10);
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_error_is_not_kept() {
        let kept: Kept<u32, u32> = Kept::while_key_stays();
        assert_eq!(kept.get_or_compute(1, async { Err::<u32, _>("down") }).await, Err("down"));
        assert_eq!(*kept.get_or_compute(1, async { Ok::<_, &str>(7) }).await.unwrap(), 7);
    }
}
