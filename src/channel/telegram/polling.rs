//! Long polling: `getUpdates` in a loop. The offset moves past an update only
//! after it was applied, so a failure (the database down) means the update is
//! fetched again; repeated deliveries are dropped by their `update_id`.

use std::collections::BTreeMap;
use std::time::Duration;

use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::Requester;
use teloxide::types::{Update, UpdateKind};
use tokio::sync::watch;

use super::Telegram;
use crate::channel::ApplyError;

/// Seconds Telegram holds a `getUpdates` call open when there is nothing new;
/// below teloxide's 17-second client timeout.
const LONG_POLL_SECONDS: u32 = 10;
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// The longest wait before fetching an update again that could not be
/// applied (the database down): short, so it is applied within seconds of
/// the database coming back, and the new updates fetched with it are
/// answered from memory meanwhile.
const MAX_RETRY: Duration = Duration::from_secs(3);
/// Attempts at an update that fails while the database works (a bug, data
/// it cannot take) before it is given up, so that it does not hold every
/// later update back for good. Updates deferred by an outage are never given
/// up.
const MAX_FAILED_ATTEMPTS: u32 = 5;

/// Polls until `stop` turns true.
pub async fn poll(telegram: Telegram, mut stop: watch::Receiver<bool>) {
    if let Err(error) = telegram.bot.delete_webhook().await {
        tracing::warn!(%error, "cannot remove a webhook before polling");
    }
    let mut offset: i32 = 0;
    let mut backoff = Duration::from_secs(1);
    let mut retry = Duration::from_millis(500);
    // The update that keeps failing (not for an outage), and how often.
    let mut failing: Option<(u32, u32)> = None;
    while !*stop.borrow() {
        let request = telegram
            .bot
            .get_updates()
            .offset(offset)
            .timeout(LONG_POLL_SECONDS)
            .allowed_updates(super::ALLOWED_UPDATES);
        let fetched = tokio::select! {
            fetched = request => fetched,
            _ = stop.changed() => break,
        };
        let updates = match fetched {
            Ok(updates) => {
                backoff = Duration::from_secs(1);
                updates
            }
            Err(error) => {
                tracing::warn!(%error, wait_seconds = backoff.as_secs(), "cannot fetch updates from Telegram");
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = stop.changed() => break,
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        let arrived = std::time::Instant::now();
        match apply_batch(&telegram, &updates, arrived).await {
            Some((failed, ApplyError::Failed)) if give_up(&mut failing, updates[failed].id.0) => {
                tracing::error!(
                    update_id = updates[failed].id.0,
                    "giving up on an update that failed {MAX_FAILED_ATTEMPTS} times"
                );
                offset = next_offset(&updates[failed]);
            }
            Some((failed, _)) => {
                // Fetch again from the first update that failed; those before it
                // are applied and will be dropped as repeats if they come back.
                offset = offset_after(&updates, failed);
                tracing::warn!(wait_ms = retry.as_millis(), "could not apply an update; fetching it again");
                tokio::select! {
                    () = tokio::time::sleep(retry) => {}
                    _ = stop.changed() => break,
                }
                retry = (retry * 2).min(MAX_RETRY);
            }
            None => {
                retry = Duration::from_millis(500);
                if let Some(last) = updates.last() {
                    offset = next_offset(last);
                }
            }
        }
    }
    confirm(&telegram, offset).await;
}

/// Tells Telegram, on the way out, which updates were applied (a fetch
/// confirms everything below its offset), so a restart does not fetch them
/// again. Best effort: they would be dropped as repeats anyway.
async fn confirm(telegram: &Telegram, offset: i32) {
    if offset == 0 {
        return;
    }
    let request = telegram.bot.get_updates().offset(offset).timeout(0).limit(1);
    if let Err(error) = tokio::time::timeout(Duration::from_secs(2), request).await.unwrap_or(Ok(Vec::new())) {
        tracing::debug!(%error, "cannot confirm the last updates");
    }
}

/// Counts one more failure of `update`; whether it has now failed too often.
fn give_up(failing: &mut Option<(u32, u32)>, update: u32) -> bool {
    let attempts = match failing {
        Some((id, attempts)) if *id == update => *attempts + 1,
        _ => 1,
    };
    *failing = Some((update, attempts));
    attempts >= MAX_FAILED_ATTEMPTS
}

/// Applies a batch: each chat's updates in order, different chats at once.
/// Returns the position of the first update that failed, and how, if any.
async fn apply_batch(
    telegram: &Telegram,
    updates: &[Update],
    arrived: std::time::Instant,
) -> Option<(usize, ApplyError)> {
    let mut by_chat: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (position, update) in updates.iter().enumerate() {
        by_chat.entry(chat_key(update)).or_default().push(position);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for positions in by_chat.into_values() {
        let telegram = telegram.clone();
        let batch: Vec<(usize, Update)> = positions.into_iter().map(|p| (p, updates[p].clone())).collect();
        tasks.spawn(async move {
            for (position, update) in batch {
                if let Err(error) = telegram.apply(&update, arrived).await {
                    if !matches!(error, ApplyError::Deferred | ApplyError::Failed) {
                        tracing::error!(%error, "cannot apply an update");
                    }
                    return Some((position, error));
                }
            }
            None
        });
    }
    let mut first_failure: Option<(usize, ApplyError)> = None;
    while let Some(joined) = tasks.join_next().await {
        if let Ok(Some((position, error))) = joined
            && first_failure.as_ref().is_none_or(|(first, _)| position < *first)
        {
            first_failure = Some((position, error));
        }
    }
    first_failure
}

/// Updates of one chat share a key so they stay in order.
fn chat_key(update: &Update) -> i64 {
    match &update.kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) => m.chat.id.0,
        UpdateKind::CallbackQuery(q) => i64::try_from(q.from.id.0).unwrap_or(i64::MAX),
        _ => 0,
    }
}

fn next_offset(update: &Update) -> i32 {
    i32::try_from(update.id.0).unwrap_or(i32::MAX).saturating_add(1)
}

fn offset_after(updates: &[Update], failed: usize) -> i32 {
    i32::try_from(updates[failed].id.0).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_that_keeps_failing_is_given_up_after_the_last_attempt() {
        let mut failing = None;
        for _ in 1..MAX_FAILED_ATTEMPTS {
            assert!(!give_up(&mut failing, 7));
        }
        assert!(give_up(&mut failing, 7));
        // Another update starts counting afresh.
        assert!(!give_up(&mut failing, 8));
    }
}
