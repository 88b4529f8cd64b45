//! Delivering replies: one ordered queue per chat, paced to Telegram's
//! limits, with `retry_after` honoured, outages retried with backoff, and
//! people who blocked the bot marked inactive and not retried.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use teloxide::payloads::SendMessageSetters;
use teloxide::prelude::Requester;
use teloxide::types::{CallbackQueryId, ChatId};
use teloxide::{ApiError, Bot, RequestError};
use tokio::time::Instant;

use super::outbound::Outbound;
use super::pacing::Pacing;
use crate::domain::ChannelKind;
use crate::store::Store;

/// Messages waiting for one chat beyond which new ones are dropped: a person
/// cannot read more, and a stuck chat must not grow memory without bound.
const MAX_QUEUED_PER_CHAT: usize = 50;
/// Attempts of one message through outages and flood waits.
const MAX_ATTEMPTS: u32 = 6;

/// Sends calls to chats; cheap to clone.
#[derive(Clone)]
pub struct Sender {
    inner: Arc<Inner>,
}

struct Inner {
    bot: Bot,
    store: Store,
    pacing: Mutex<Pacing>,
    /// Chats with a worker running, and what is still to send to each. An
    /// entry exists exactly while its worker runs, which keeps order per chat.
    queues: Mutex<HashMap<i64, VecDeque<Outbound>>>,
}

/// How one call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Sent,
    /// The person blocked the bot or is gone: drop everything for them.
    Unreachable,
    /// Refused or failed for good; later calls still go.
    Dropped,
}

impl std::fmt::Debug for Sender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sender").finish_non_exhaustive()
    }
}

impl Sender {
    pub fn new(bot: Bot, store: Store, pacing: Pacing) -> Self {
        Self { inner: Arc::new(Inner { bot, store, pacing: Mutex::new(pacing), queues: Mutex::new(HashMap::new()) }) }
    }

    /// Queues calls for a chat; they are sent in order after earlier ones.
    pub fn enqueue(&self, chat: ChatId, calls: Vec<Outbound>) {
        if calls.is_empty() {
            return;
        }
        let mut queues = self.inner.queues.lock().unwrap_or_else(PoisonError::into_inner);
        let start_worker = !queues.contains_key(&chat.0);
        let queue = queues.entry(chat.0).or_default();
        for call in calls {
            if queue.len() >= MAX_QUEUED_PER_CHAT {
                tracing::warn!(chat = chat.0, "dropping a message: the chat's queue is full");
                break;
            }
            queue.push_back(call);
        }
        if start_worker {
            tokio::spawn(worker(self.inner.clone(), chat));
        }
    }

    /// Stops the spinner on a pressed button. Not a message: no pacing.
    pub async fn answer_callback(&self, id: CallbackQueryId) {
        if let Err(error) = self.inner.bot.answer_callback_query(id).await {
            tracing::warn!(%error, "cannot answer a callback query");
        }
    }

    /// Whether anything is still waiting to be sent (for tests and shutdown).
    pub fn is_idle(&self) -> bool {
        self.inner.queues.lock().unwrap_or_else(PoisonError::into_inner).is_empty()
    }
}

async fn worker(inner: Arc<Inner>, chat: ChatId) {
    loop {
        let next = {
            let mut queues = inner.queues.lock().unwrap_or_else(PoisonError::into_inner);
            let next = queues.get_mut(&chat.0).and_then(VecDeque::pop_front);
            if next.is_none() {
                queues.remove(&chat.0);
            }
            next
        };
        let Some(call) = next else { return };
        if deliver(&inner, chat, &call).await == Outcome::Unreachable {
            let dropped = inner.queues.lock().unwrap_or_else(PoisonError::into_inner).remove(&chat.0);
            let count = dropped.map_or(0, |q| q.len());
            tracing::info!(chat = chat.0, dropped = count, "the person cannot be reached; marked inactive");
            if let Err(error) = inner.store.set_inactive(ChannelKind::Telegram, &chat.0.to_string()).await {
                tracing::error!(%error, "cannot mark a person inactive");
            }
            return;
        }
    }
}

async fn deliver(inner: &Inner, chat: ChatId, call: &Outbound) -> Outcome {
    for attempt in 0..MAX_ATTEMPTS {
        let at = inner.pacing.lock().unwrap_or_else(PoisonError::into_inner).reserve(chat.0, Instant::now());
        tokio::time::sleep_until(at).await;
        match send(&inner.bot, chat, call).await {
            Ok(()) => return Outcome::Sent,
            Err(RequestError::RetryAfter(wait)) => {
                tracing::warn!(chat = chat.0, seconds = wait.seconds(), "Telegram asked to slow down");
                inner.pacing.lock().unwrap_or_else(PoisonError::into_inner).pause(Instant::now() + wait.duration());
            }
            Err(RequestError::Api(error)) if unreachable(&error) => return Outcome::Unreachable,
            Err(error) if transient(&error) => {
                let wait = Duration::from_millis(500) * 2u32.pow(attempt);
                tracing::warn!(chat = chat.0, attempt, %error, "sending failed; retrying");
                tokio::time::sleep(wait).await;
            }
            Err(error) => {
                tracing::error!(chat = chat.0, %error, "Telegram refused a message");
                return Outcome::Dropped;
            }
        }
    }
    tracing::error!(chat = chat.0, "giving up on a message after {MAX_ATTEMPTS} attempts");
    Outcome::Dropped
}

async fn send(bot: &Bot, chat: ChatId, call: &Outbound) -> Result<(), RequestError> {
    match call {
        Outbound::Text { text, entities, markup } => {
            let mut request = bot.send_message(chat, text.clone());
            if !entities.is_empty() {
                request = request.entities(entities.clone());
            }
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            request.await?;
        }
        Outbound::Venue { lat, lon, title, address } => {
            bot.send_venue(chat, *lat, *lon, title.clone(), address.clone()).await?;
        }
    }
    Ok(())
}

/// 403s: blocked, deactivated, never started the bot, kicked.
fn unreachable(error: &ApiError) -> bool {
    error.to_string().starts_with("Forbidden")
}

/// Failures worth another attempt: the network, or Telegram itself failing.
fn transient(error: &RequestError) -> bool {
    matches!(
        error,
        RequestError::Network(_)
            | RequestError::Io(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Api(ApiError::Unknown(_))
    )
}
