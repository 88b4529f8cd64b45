//! Remembered states waiting to be saved, saved together
//! ([`super::save_batch`]): a save waits only while the batch before it is
//! being written, and everything that arrived meanwhile goes in the next
//! statement. At a few updates a second each batch holds one save; under
//! load, several, for one commit.
//!
//! One writer: while it waits for its commit, the saves arriving gather for
//! the next. Two would start them sooner but in smaller batches, and
//! `load --bench` measured fewer updates a second with two (README,
//! Performance). The writer never waits for a lock (`save_states` skips
//! rows other updates hold), so one slow person cannot hold the others'
//! saves.

use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::{PgPool, Postgres};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use super::StoreError;
use super::save_batch::save_together_or_each;
use super::state_save::{SAVE_TIME, SaveOutcome, StateSave};

/// The most saves in one statement.
const MOST_TOGETHER: usize = 64;

/// A save waiting for the writer.
struct Waiting {
    save: StateSave,
    /// The latest the save may start: later, it could commit after its
    /// update was given up (see `Store::save_user_if_unchanged`).
    start_by: Instant,
    answer: oneshot::Sender<Answer>,
}

/// A save handed back with its outcome (None: it could not start in time,
/// and nothing was written).
type Answer = (StateSave, Result<Option<SaveOutcome>, StoreError>);

/// The queue's sending end; the writer ends when every clone is dropped.
#[derive(Debug, Clone)]
pub(super) struct SaveQueue {
    sender: mpsc::UnboundedSender<Waiting>,
}

impl SaveQueue {
    /// Starts the writer, on a connection from `pool` that it keeps while
    /// saves keep coming and hands back after `keep_connection` without
    /// any: the pool asks a connection idle that long whether it still
    /// answers before handing it out, and the writer's own is not asked.
    /// Unbounded: the saves waiting are at most the updates in progress,
    /// which the conversation bounds.
    pub(super) fn start(pool: &PgPool, keep_connection: Duration) -> Self {
        let (sender, receiver) = mpsc::unbounded_channel();
        tokio::spawn(write(pool.clone(), receiver, keep_connection));
        Self { sender }
    }

    /// Saves `save` with the others waiting, if it can start by `start_by`,
    /// and hands it back with its outcome: None when it could not start in
    /// time and nothing was written.
    pub(super) async fn save(&self, save: StateSave, start_by: Instant) -> Result<Answer, StoreError> {
        let (answer, answered) = oneshot::channel();
        // The writer is gone (the runtime is shutting down), or the batch
        // panicked.
        let stopped = || StoreError::Database(sqlx::Error::PoolClosed);
        self.sender.send(Waiting { save, start_by, answer }).map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())
    }
}

/// The writer: takes every save waiting (up to [`MOST_TOGETHER`]), writes
/// them in one statement, answers each, and again.
async fn write(pool: PgPool, mut queue: mpsc::UnboundedReceiver<Waiting>, keep_connection: Duration) {
    let mut held: Option<PoolConnection<Postgres>> = None;
    let mut batch = Vec::with_capacity(MOST_TOGETHER);
    loop {
        let received = if held.is_some() {
            match tokio::time::timeout(keep_connection, queue.recv_many(&mut batch, MOST_TOGETHER)).await {
                Ok(received) => received,
                Err(_idle) => {
                    held = None;
                    continue;
                }
            }
        } else {
            queue.recv_many(&mut batch, MOST_TOGETHER).await
        };
        if received == 0 {
            return;
        }
        // The connection first: its wait falls before each save's check of
        // its time left, as for a save on its own.
        let connection = match held.take() {
            Some(connection) => connection,
            None => match pool.acquire().await {
                Ok(connection) => connection,
                Err(error) => {
                    answer_all_failed(batch.drain(..), &error.into());
                    continue;
                }
            },
        };
        let now = Instant::now();
        let (on_time, late): (Vec<_>, Vec<_>) =
            batch.drain(..).partition(|waiting| waiting.start_by >= now && !waiting.answer.is_closed());
        for Waiting { save, answer, .. } in late {
            let _ = answer.send((save, Ok(None)));
        }
        if on_time.is_empty() {
            held = Some(connection);
            continue;
        }
        // In a task of its own, so that a panic costs this batch (its saves
        // are answered with an error as their answers are dropped), not the
        // writer.
        held = match tokio::spawn(write_batch(connection, on_time)).await {
            Ok(connection) => connection,
            Err(panicked) => {
                tracing::error!(error = %panicked, "saving states together failed");
                None
            }
        };
    }
}

/// Writes `on_time` in one call and answers each; the connection back if it
/// still serves. A call that takes longer than [`SAVE_TIME`] (a database
/// that stopped answering without closing the connection) is given up: its
/// updates were given up by then, and the writer must not wait for the
/// connection's TCP timeout with every other save behind it.
async fn write_batch(
    mut connection: PoolConnection<Postgres>,
    on_time: Vec<Waiting>,
) -> Option<PoolConnection<Postgres>> {
    let starts_by: Vec<Instant> = on_time.iter().map(|waiting| waiting.start_by).collect();
    let (saves, answers): (Vec<StateSave>, Vec<_>) = on_time.into_iter().map(|w| (w.save, w.answer)).unzip();
    // Refused together, each is saved again on its own if it still may start.
    let on_time = |i: usize| starts_by[i] >= Instant::now();
    let written = tokio::time::timeout(SAVE_TIME, save_together_or_each(&mut connection, &saves, on_time))
        .await
        .unwrap_or_else(|_| {
            let stopped_answering =
                std::io::Error::new(std::io::ErrorKind::TimedOut, "saving states together took too long");
            Err(StoreError::Database(sqlx::Error::Io(stopped_answering)))
        });
    let (outcomes, serves) = match written {
        Ok(outcomes) => {
            let serves = !outcomes.iter().any(|outcome| outcome.as_ref().is_err_and(StoreError::is_unavailable));
            (outcomes, serves)
        }
        Err(error) => (saves.iter().map(|_| Err(for_each_save(&error))).collect(), false),
    };
    for ((answer, save), outcome) in answers.into_iter().zip(saves).zip(outcomes) {
        let _ = answer.send((save, outcome));
    }
    // A connection that may be broken is closed rather than handed back:
    // the pool would ask it whether it still answers, and wait as long.
    if serves {
        Some(connection)
    } else {
        drop(connection.detach());
        None
    }
}

fn answer_all_failed(waiting: impl Iterator<Item = Waiting>, error: &StoreError) {
    for Waiting { save, answer, .. } in waiting {
        let _ = answer.send((save, Err(for_each_save(error))));
    }
}

/// The batch's failure for each of its saves, in the original's words
/// (sqlx's errors cannot be cloned), still telling whether the database
/// could not be reached.
fn for_each_save(error: &StoreError) -> StoreError {
    if error.is_unavailable() {
        StoreError::Database(sqlx::Error::Io(std::io::Error::other(error.to_string())))
    } else {
        StoreError::Corrupt(error.to_string())
    }
}
