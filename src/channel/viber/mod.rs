//! The Viber channel on its REST bot API (axum for callbacks, reqwest for
//! calls): signed callbacks are checked before they are read, messages are
//! applied once by `message_token`, and replies go through the shared outbox
//! only to people who wrote and did not unsubscribe.

pub mod callback;
mod client;
pub mod outbound;
pub mod signature;
pub mod webhook;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use self::callback::{Callback, ViberMessage, ViberUser};
pub use self::client::{ViberClient, ViberDelivery, ViberError};
use crate::channel::ApplyError;
use crate::channel::intake::Intake;
use crate::channel::queue::{Class, Outbox};
use crate::conversation::{Conversation, Incoming, NoticeSender, Outgoing, Sent, User};
use crate::domain::{ChannelKind, Language};
use crate::i18n::Catalog;
use crate::store::Store;

/// Settings of the Viber channel.
#[derive(Clone)]
pub struct ViberConfig {
    pub token: String,
    pub api_url: reqwest::Url,
    /// The public URL of `POST /viber/webhook`, registered at start-up when set.
    pub webhook_url: Option<reqwest::Url>,
    /// The sender name shown with every message.
    pub bot_name: String,
    /// Send broadcasts with `broadcast_message` (300 people a call), which
    /// Viber enables per bot; otherwise one `send_message` per person.
    pub broadcast_message: bool,
}

impl std::fmt::Debug for ViberConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is never printed.
        f.debug_struct("ViberConfig")
            .field("api_url", &self.api_url)
            .field("webhook_url", &self.webhook_url)
            .field("bot_name", &self.bot_name)
            .field("broadcast_message", &self.broadcast_message)
            .finish()
    }
}

/// Everything needed to handle Viber callbacks; cheap to clone.
#[derive(Clone)]
pub struct Viber {
    token: String,
    client: ViberClient,
    conversation: Conversation,
    intake: Arc<Intake>,
    store: Store,
    catalog: Arc<Catalog>,
    outbox: Outbox<ViberDelivery>,
    broadcast_message: bool,
}

impl std::fmt::Debug for Viber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Viber").finish_non_exhaustive()
    }
}

impl Viber {
    pub fn new(
        config: &ViberConfig,
        conversation: Conversation,
        store: Store,
        catalog: Arc<Catalog>,
    ) -> Result<Self, reqwest::Error> {
        let client = ViberClient::new(config.api_url.clone(), config.token.clone(), &config.bot_name)?;
        let outbox = Outbox::new(ViberDelivery { client: client.clone(), store: store.clone() });
        let broadcast_message = config.broadcast_message;
        let intake = Arc::new(Intake::new(conversation.clone()));
        Ok(Self {
            token: config.token.clone(),
            client,
            conversation,
            intake,
            store,
            catalog,
            outbox,
            broadcast_message,
        })
    }

    pub fn client(&self) -> &ViberClient {
        &self.client
    }

    /// The queue of replies, for shutdown to wait on.
    pub fn outbox(&self) -> &Outbox<ViberDelivery> {
        &self.outbox
    }

    /// Handles a verified, parsed callback. `Some` is a body to answer with
    /// (the welcome for `conversation_started`).
    pub async fn apply(
        &self,
        callback: Callback,
        arrived: std::time::Instant,
    ) -> Result<Option<serde_json::Value>, ApplyError> {
        match callback {
            Callback::Webhook | Callback::Other(_) => Ok(None),
            Callback::ConversationStarted { user, context } => Ok(self.welcome(&user, context.as_deref())),
            // Subscribing is not writing: the next message makes them active.
            Callback::Subscribed { .. } => Ok(None),
            Callback::Unsubscribed { user_id } => {
                self.when_available().await?;
                self.store.set_inactive(ChannelKind::Viber, &user_id).await?;
                Ok(None)
            }
            Callback::Message { message_token, sender, message } => {
                self.on_message(message_token, &sender, &message, arrived).await?;
                Ok(None)
            }
        }
    }

    /// Defers at once while the database is known to be down, rather than
    /// holding a request slot for the pool's connect timeout.
    async fn when_available(&self) -> Result<(), ApplyError> {
        if self.store.available().await { Ok(()) } else { Err(ApplyError::Deferred) }
    }

    async fn on_message(
        &self,
        token: u64,
        sender: &ViberUser,
        message: &ViberMessage,
        arrived: std::time::Instant,
    ) -> Result<(), ApplyError> {
        let user =
            User { channel: ChannelKind::Viber, id: sender.id.clone(), platform_language: sender.language.clone() };
        // Viber pushes messages as they are sent: arrival is sending time.
        let handled = self.intake.apply(&user, message.incoming(), &token.to_string(), arrived, None).await;
        if let Some(outgoing) = &handled.replies {
            self.outbox.enqueue(sender.id.clone(), self.render(outgoing)).await;
        }
        handled.fate.into()
    }

    /// Counts a callback that was not one of Viber's.
    pub fn refused(&self) {
        self.intake.refused(ChannelKind::Viber);
    }

    fn render(&self, outgoing: &Outgoing) -> Vec<outbound::ViberOut> {
        crate::channel::render::joined(&outgoing.replies)
            .iter()
            .flat_map(|reply| outbound::render(&self.catalog, outgoing.language, reply))
            .collect()
    }

    /// The welcome, answered in the HTTP response: the person opened the chat
    /// but has not written, so nothing is stored and nothing is sent later.
    /// A deep link's `context` naming a centre (a poster's QR code) answers
    /// with that centre's card instead; any other context (an invitation
    /// needs the person to write: nothing may be stored yet) gets the welcome.
    fn welcome(&self, user: &ViberUser, context: Option<&str>) -> Option<serde_json::Value> {
        let language = Language::from_platform_code(user.language.as_deref());
        let payload = context.filter(|c| c.starts_with(crate::domain::bot_link::CENTRE_PAYLOAD)).map(str::to_owned);
        let outgoing = self.conversation.preview(language, Incoming::Start { payload });
        // The card comes after the greeting; Viber takes one message here.
        let reply = outgoing.replies.last()?;
        let message = outbound::render(&self.catalog, outgoing.language, reply).pop()?;
        Some(self.client.welcome_body(&message))
    }
}

impl NoticeSender for Viber {
    fn channel(&self) -> ChannelKind {
        ChannelKind::Viber
    }

    /// Goes only to people who wrote and did not unsubscribe (checked by
    /// the delivery before every message).
    fn send<'a>(&'a self, to: &'a str, outgoing: Outgoing) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>> {
        Box::pin(
            async move { self.outbox.send_now(&to.to_owned(), &self.render(&outgoing), Class::Notice).await.into() },
        )
    }

    fn batch_size(&self) -> usize {
        if self.broadcast_message { client::MAX_BROADCAST_RECEIVERS } else { 1 }
    }

    /// One `broadcast_message` per part of the message, to the people of
    /// the batch who may still be written to.
    fn send_batch<'a>(
        &'a self,
        to: &'a [String],
        outgoing: Outgoing,
    ) -> Pin<Box<dyn Future<Output = Vec<Sent>> + Send + 'a>> {
        Box::pin(async move {
            let mut results = vec![Sent::Yes; to.len()];
            let mut receivers = Vec::new();
            for (i, id) in to.iter().enumerate() {
                match self.store.is_active(ChannelKind::Viber, id).await {
                    Ok(true) => receivers.push(id.clone()),
                    Ok(false) => results[i] = Sent::Unreachable,
                    Err(_) => results[i] = Sent::Later,
                }
            }
            for message in self.render(&outgoing) {
                if receivers.is_empty() {
                    break;
                }
                match self.client.broadcast_message(&receivers, &message).await {
                    Ok(failed) => {
                        for failure in failed {
                            let Some(i) = to.iter().position(|id| *id == failure.receiver) else { continue };
                            results[i] = if (5..=6).contains(&failure.status) {
                                if let Err(error) = self.store.set_inactive(ChannelKind::Viber, &failure.receiver).await
                                {
                                    tracing::error!(%error, "cannot mark a Viber user inactive");
                                }
                                Sent::Unreachable
                            } else {
                                Sent::Later
                            };
                            receivers.retain(|id| *id != failure.receiver);
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "broadcast_message failed; the batch is retried");
                        for id in &receivers {
                            if let Some(i) = to.iter().position(|t| t == id) {
                                results[i] = Sent::Later;
                            }
                        }
                        break;
                    }
                }
            }
            results
        })
    }
}
