//! The Telegram channel on teloxide: updates arrive by long polling or by
//! webhook, are applied once through the conversation core, and replies go
//! out through a paced sender. Conversation state stays in our Postgres store
//! (teloxide's dialogue storage is not used).

mod commands;
pub mod inbound;
pub mod outbound;
pub mod pacing;
pub mod paid;
mod polling;
mod sender;
pub mod webhook;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use teloxide::Bot;
use teloxide::types::{ChatId, Update};

use self::inbound::Inbound;
pub use self::polling::poll;
pub use self::sender::{Sender, TelegramDelivery};
use crate::channel::ApplyError;
use crate::channel::intake::Intake;
use crate::channel::queue::Class;
use crate::conversation::{Conversation, NoticeSender, Outgoing, Sent};
use crate::domain::{ChannelKind, Language};
use crate::i18n::{Catalog, Text};
use crate::store::{Store, StoreError};

/// The updates the bot asks Telegram for, in polling and webhook mode alike.
pub const ALLOWED_UPDATES: [teloxide::types::AllowedUpdate; 3] = [
    teloxide::types::AllowedUpdate::Message,
    teloxide::types::AllowedUpdate::EditedMessage,
    teloxide::types::AllowedUpdate::CallbackQuery,
];

/// Settings of the Telegram channel.
#[derive(Clone)]
pub struct TelegramConfig {
    pub token: String,
    pub api_url: reqwest::Url,
    /// Webhook mode when set: Telegram posts updates to this URL.
    pub webhook_url: Option<reqwest::Url>,
    /// The `X-Telegram-Bot-Api-Secret-Token` Telegram sends with each webhook call.
    pub webhook_secret: String,
    /// Paid messages for replies in a surge; none unless configured.
    pub paid: Option<paid::PaidRate>,
}

/// The fewest characters a webhook secret may have: a short one can be
/// guessed by anyone who can reach the webhook.
pub const MIN_SECRET_CHARS: usize = 16;

/// A webhook secret that is too short or not made of the characters Telegram allows.
#[derive(Debug, thiserror::Error)]
#[error("TELEGRAM_WEBHOOK_SECRET must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -")]
pub struct InvalidSecret;

impl TelegramConfig {
    /// Without an explicit secret, one is derived from the token: every
    /// replica computes the same, and it is as secret as the token itself.
    pub fn new(
        token: String,
        api_url: reqwest::Url,
        webhook_url: Option<reqwest::Url>,
        webhook_secret: Option<String>,
    ) -> Result<Self, InvalidSecret> {
        let webhook_secret = match webhook_secret {
            Some(secret) => {
                let valid = (MIN_SECRET_CHARS..=256).contains(&secret.len())
                    && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                if !valid {
                    return Err(InvalidSecret);
                }
                secret
            }
            None => {
                use sha2::{Digest, Sha256};
                crate::channel::hex(&Sha256::digest(format!("resilience-bot telegram webhook {token}")))
            }
        };
        Ok(Self { token, api_url, webhook_url, webhook_secret, paid: None })
    }

    /// With paid messages for replies in a surge (`TELEGRAM_PAID_RATE`).
    pub fn with_paid(mut self, paid: Option<paid::PaidRate>) -> Self {
        self.paid = paid;
        self
    }
}

impl std::fmt::Debug for TelegramConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token and secret are never printed.
        f.debug_struct("TelegramConfig")
            .field("api_url", &self.api_url)
            .field("webhook_url", &self.webhook_url)
            .field("paid", &self.paid)
            .finish()
    }
}

/// Everything needed to apply Telegram updates; cheap to clone.
#[derive(Clone)]
pub struct Telegram {
    pub bot: Bot,
    intake: Arc<Intake>,
    store: Store,
    catalog: Arc<Catalog>,
    pub sender: Sender,
}

impl std::fmt::Debug for Telegram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Telegram").finish_non_exhaustive()
    }
}

impl Telegram {
    pub fn new(config: &TelegramConfig, conversation: Conversation, store: Store, catalog: Arc<Catalog>) -> Self {
        let pacing = pacing::Pacing::telegram().with_paid(config.paid);
        Self::with_pacing(config, conversation, store, catalog, pacing)
    }

    /// With other limits than Telegram's (the benchmark measures the engine
    /// without them).
    pub fn with_pacing(
        config: &TelegramConfig,
        conversation: Conversation,
        store: Store,
        catalog: Arc<Catalog>,
        pacing: pacing::Pacing,
    ) -> Self {
        let bot = Bot::new(config.token.clone()).set_api_url(config.api_url.clone());
        let metrics = conversation.metrics().clone();
        let sender = Sender::new(TelegramDelivery::new(bot.clone(), store.clone(), pacing, metrics));
        Self { bot, intake: Arc::new(Intake::new(conversation)), store, catalog, sender }
    }

    /// Registers the commands in both languages (best effort: the bot works
    /// without them, so a failure is logged, not fatal).
    pub async fn register_commands(&self) {
        commands::register(&self.bot, &self.catalog).await;
    }

    /// Applies one update (that arrived at `arrived`) once and queues the
    /// replies. An error means it was not applied and should be delivered
    /// again.
    #[tracing::instrument(skip_all, fields(update_id = update.id.0))]
    pub async fn apply(&self, update: &Update, arrived: std::time::Instant) -> Result<(), ApplyError> {
        match inbound::read(update) {
            Inbound::Person { chat, user, incoming, callback } => {
                if let Some(id) = callback {
                    self.sender.channel().answer_callback(id).await;
                }
                let key = update.id.0.to_string();
                let handled = self.intake.apply(&user, incoming, &key, arrived, sent_at(update)).await;
                if let Some(outgoing) = &handled.replies {
                    self.sender.enqueue(chat, self.render(outgoing)).await;
                }
                return handled.fate.into();
            }
            Inbound::Group { chat, language_code } => self.tell_group(chat, language_code.as_deref()).await?,
            Inbound::Ignore => {}
        }
        Ok(())
    }

    fn render(&self, outgoing: &Outgoing) -> Vec<outbound::Outbound> {
        crate::channel::render::joined(&outgoing.replies)
            .iter()
            .flat_map(|reply| outbound::render(&self.catalog, outgoing.language, reply))
            .collect()
    }

    /// Counts a webhook call that was not an update of ours.
    pub fn refused(&self) {
        self.intake.refused(ChannelKind::Telegram);
    }

    async fn tell_group(&self, chat: ChatId, language_code: Option<&str>) -> Result<(), StoreError> {
        if self.store.first_group_notice(ChannelKind::Telegram, &chat.0.to_string()).await? {
            let language = Language::from_platform_code(language_code);
            let text = self.catalog.render(language, &Text::new("telegram-private-only"));
            self.sender
                .enqueue(chat, vec![outbound::Outbound::Text { text, entities: Vec::new(), markup: None }])
                .await;
        }
        Ok(())
    }
}

/// When the person sent it, by Telegram's clock (a button press carries no
/// time of its own).
fn sent_at(update: &Update) -> Option<std::time::SystemTime> {
    match &update.kind {
        teloxide::types::UpdateKind::Message(message) => Some(message.date.into()),
        _ => None,
    }
}

impl NoticeSender for Telegram {
    fn channel(&self) -> ChannelKind {
        ChannelKind::Telegram
    }

    fn send<'a>(&'a self, to: &'a str, outgoing: Outgoing) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>> {
        Box::pin(async move {
            let Ok(chat) = to.parse::<i64>() else { return Sent::Unreachable };
            self.sender.send_now(&ChatId(chat), &self.render(&outgoing), Class::Notice).await.into()
        })
    }

    fn send_broadcast<'a>(
        &'a self,
        to: &'a str,
        outgoing: Outgoing,
    ) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>> {
        Box::pin(async move {
            let Ok(chat) = to.parse::<i64>() else { return Sent::Unreachable };
            self.sender.send_now(&ChatId(chat), &self.render(&outgoing), Class::Broadcast).await.into()
        })
    }
}
