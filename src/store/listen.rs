//! Listening for changes of the centres (`pg_notify` on `CENTRE_CHANGED`),
//! so that every process reloads its directory after an import or a closure.

use sqlx::postgres::PgListener;

use super::{CENTRE_CHANGED, Store, StoreError};

/// Notifications that the centre table changed (sent by imports in any process).
#[derive(Debug)]
pub struct CentreChanges {
    listener: PgListener,
}

impl Store {
    pub async fn centre_changes(&self) -> Result<CentreChanges, StoreError> {
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(CENTRE_CHANGED).await?;
        Ok(CentreChanges { listener })
    }
}

impl CentreChanges {
    /// Waits until the centres should be reloaded: after a change, or after
    /// the connection dropped (a change may have been missed meanwhile).
    pub async fn next(&mut self) -> Result<(), StoreError> {
        self.listener.try_recv().await?;
        Ok(())
    }
}
