//! Delivering replies on Telegram: paced to Telegram's limits, with
//! `retry_after` honoured, outages retried with backoff, and people who
//! blocked the bot marked inactive and not retried. Order per chat comes from
//! the shared [`Outbox`].

use teloxide::payloads::{SendDocumentSetters, SendMessageSetters, SendPhotoSetters, SendVenueSetters};
use teloxide::prelude::Requester;
use teloxide::types::{CallbackQueryId, ChatId, InputFile};
use teloxide::{ApiError, Bot, RequestError};
use tokio::time::Instant;

use std::sync::Arc;

use super::outbound::Outbound;
use super::pacing::Pacing;
use crate::channel::queue::{Class, Deliver, Outbox, Outcome, backoff};
use crate::domain::ChannelKind;
use crate::metrics::Metrics;
use crate::store::Store;

/// Attempts of one message through outages and flood waits.
const MAX_ATTEMPTS: u32 = 6;

/// Sends calls to chats in order; cheap to clone.
pub type Sender = Outbox<TelegramDelivery>;

/// How Telegram delivers one call.
pub struct TelegramDelivery {
    bot: Bot,
    store: Store,
    pacing: Pacing,
    /// Counts paid messages sent.
    metrics: Arc<Metrics>,
}

impl TelegramDelivery {
    pub fn new(bot: Bot, store: Store, pacing: Pacing, metrics: Arc<Metrics>) -> Self {
        Self { bot, store, pacing, metrics }
    }

    /// Stops the spinner on a pressed button. Not a message: no pacing.
    pub async fn answer_callback(&self, id: CallbackQueryId) {
        if let Err(error) = self.bot.answer_callback_query(id).await {
            tracing::warn!(%error, "cannot answer a callback query");
        }
    }
}

impl Deliver for TelegramDelivery {
    type Recipient = ChatId;
    type Message = Outbound;

    async fn deliver(&self, chat: &ChatId, call: &Outbound, class: Class) -> Outcome {
        use crate::telemetry::log_tag;
        let chat = *chat;
        for attempt in 0..MAX_ATTEMPTS {
            let turn = self.pacing.turn(chat.0, class).await;
            match send(&self.bot, chat, call, turn.paid).await {
                Ok(()) => {
                    if turn.paid {
                        self.metrics.paid_message(ChannelKind::Telegram);
                    }
                    return Outcome::Sent;
                }
                Err(RequestError::RetryAfter(wait)) => {
                    tracing::warn!(person = %log_tag(&chat.0.to_string()), seconds = wait.seconds(), "Telegram asked to slow down");
                    let until = Instant::now() + wait.duration();
                    self.pacing.pause(until);
                }
                Err(RequestError::Api(error)) if unreachable(&error) => return Outcome::Unreachable,
                Err(error) if transient(&error) => {
                    let wait = backoff(attempt);
                    tracing::warn!(person = %log_tag(&chat.0.to_string()), attempt, %error, "sending failed; retrying");
                    tokio::time::sleep(wait).await;
                }
                Err(error) => {
                    tracing::error!(person = %log_tag(&chat.0.to_string()), %error, "Telegram refused a message");
                    return Outcome::Dropped;
                }
            }
        }
        tracing::error!(person = %log_tag(&chat.0.to_string()), "giving up on a message after {MAX_ATTEMPTS} attempts");
        Outcome::Dropped
    }

    async fn unreachable(&self, chat: &ChatId) {
        if let Err(error) = self.store.set_inactive(ChannelKind::Telegram, &chat.0.to_string()).await {
            tracing::error!(%error, "cannot mark a person inactive");
        }
    }
}

/// Sends one call; `paid` marks it `allow_paid_broadcast` (billed, beyond
/// the free limit).
async fn send(bot: &Bot, chat: ChatId, call: &Outbound, paid: bool) -> Result<(), RequestError> {
    match call {
        Outbound::Text { text, entities, markup } => {
            let mut request = bot.send_message(chat, text.clone());
            if paid {
                request = request.allow_paid_broadcast(true);
            }
            if !entities.is_empty() {
                request = request.entities(entities.clone());
            }
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            request.await?;
        }
        Outbound::Venue { lat, lon, title, address, markup } => {
            let mut request = bot.send_venue(chat, *lat, *lon, title.clone(), address.clone());
            if paid {
                request = request.allow_paid_broadcast(true);
            }
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            request.await?;
        }
        Outbound::Document { file_name, bytes, caption, markup } => {
            let file = InputFile::memory(bytes.clone()).file_name(file_name.clone());
            let mut request = bot.send_document(chat, file).caption(caption.clone());
            if paid {
                request = request.allow_paid_broadcast(true);
            }
            if let Some(markup) = markup {
                request = request.reply_markup(markup.clone());
            }
            request.await?;
        }
        Outbound::Photo { bytes, caption } => {
            let file = InputFile::memory(bytes.clone()).file_name("chart.png");
            bot.send_photo(chat, file).caption(caption.clone()).allow_paid_broadcast(paid).await?;
        }
    }
    Ok(())
}

/// 403s: blocked, deactivated, never started the bot, kicked. teloxide names
/// some of them; others arrive as `Unknown` with Telegram's description.
fn unreachable(error: &ApiError) -> bool {
    let description = match error {
        ApiError::Unknown(description) => description.clone(),
        named => named.to_string(),
    };
    description.starts_with("Forbidden")
}

/// Failures worth another attempt: the network, or Telegram itself failing
/// (5xx). A request Telegram refused (400) would fail again.
fn transient(error: &RequestError) -> bool {
    const SERVER_ERRORS: [&str; 4] = ["Internal Server Error", "Bad Gateway", "Service Unavailable", "Gateway Timeout"];
    match error {
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => true,
        RequestError::Api(ApiError::Unknown(description)) => SERVER_ERRORS.iter().any(|e| description.contains(e)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_errors_are_unreachable_whether_teloxide_names_them_or_not() {
        assert!(unreachable(&ApiError::BotBlocked));
        assert!(unreachable(&ApiError::Unknown("Forbidden: bot was blocked by the admin".into())));
        assert!(!unreachable(&ApiError::Unknown("Bad Request: chat not found".into())));
    }

    #[test]
    fn only_outages_are_retried() {
        assert!(transient(&RequestError::Api(ApiError::Unknown("Bad Gateway".into()))));
        assert!(!transient(&RequestError::Api(ApiError::Unknown("Bad Request: message text is empty".into()))));
        assert!(!transient(&RequestError::Api(ApiError::Unknown("Forbidden: user is deactivated".into()))));
    }
}
