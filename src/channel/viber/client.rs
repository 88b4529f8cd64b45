//! Viber's REST bot API: every call is `POST {api}/{method}` with
//! `X-Viber-Auth-Token`; HTTP says 200 and the body's `status` says what
//! happened (0 ok, 5/6/7 the person cannot be reached, 12 too many requests).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::outbound::ViberOut;
use crate::channel::queue::{Class, Deliver, Outcome, backoff};
use crate::domain::ChannelKind;
use crate::store::Store;

/// Attempts of one message through outages and "too many requests".
const MAX_ATTEMPTS: u32 = 6;
/// Viber shows at most 28 characters of a sender name.
const MAX_SENDER_NAME: usize = 28;
/// Keyboards with a location-picker need clients of API version 3 or later.
const MIN_API_VERSION: u8 = 3;

/// A Viber API client; cheap to clone.
#[derive(Clone)]
pub struct ViberClient {
    http: reqwest::Client,
    api_url: reqwest::Url,
    token: String,
    sender_name: String,
}

impl std::fmt::Debug for ViberClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViberClient").field("api_url", &self.api_url).finish_non_exhaustive()
    }
}

/// The body of every Viber API answer.
#[derive(Debug, Deserialize)]
struct Status {
    status: i64,
    #[serde(default)]
    status_message: String,
    /// `broadcast_message` only: the receivers it could not send to.
    #[serde(default)]
    failed_list: Vec<Failed>,
}

/// One receiver `broadcast_message` could not send to, and why (Viber's status).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Failed {
    pub receiver: String,
    pub status: i64,
}

/// Receivers one `broadcast_message` call takes at most.
pub const MAX_BROADCAST_RECEIVERS: usize = 300;

#[derive(Serialize)]
struct BroadcastMessage<'a> {
    broadcast_list: &'a [String],
    min_api_version: u8,
    sender: Sender<'a>,
    #[serde(flatten)]
    message: &'a ViberOut,
}

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum ViberError {
    #[error("cannot reach the Viber API: {0}")]
    Network(#[from] reqwest::Error),
    #[error("Viber answered status {status}: {message}")]
    Status { status: i64, message: String },
}

#[derive(Serialize)]
struct Sender<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct SendMessage<'a> {
    receiver: &'a str,
    min_api_version: u8,
    sender: Sender<'a>,
    #[serde(flatten)]
    message: &'a ViberOut,
}

impl ViberClient {
    pub fn new(mut api_url: reqwest::Url, token: String, sender_name: &str) -> Result<Self, reqwest::Error> {
        // Methods are joined to the base, which must end in a slash to keep its path.
        if !api_url.path().ends_with('/') {
            let path = format!("{}/", api_url.path());
            api_url.set_path(&path);
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()?;
        let sender_name = sender_name.chars().take(MAX_SENDER_NAME).collect();
        Ok(Self { http, api_url, token, sender_name })
    }

    /// The JSON of a message as the answer to `conversation_started` (no receiver).
    pub fn welcome_body(&self, message: &ViberOut) -> serde_json::Value {
        let mut body = serde_json::to_value(message).unwrap_or_default();
        if let Some(object) = body.as_object_mut() {
            object.insert("sender".into(), serde_json::json!({ "name": self.sender_name }));
            object.insert("min_api_version".into(), MIN_API_VERSION.into());
        }
        body
    }

    pub async fn send_message(&self, receiver: &str, message: &ViberOut) -> Result<(), ViberError> {
        let body = SendMessage {
            receiver,
            min_api_version: MIN_API_VERSION,
            sender: Sender { name: &self.sender_name },
            message,
        };
        self.call("send_message", &body).await
    }

    /// One message to up to 300 receivers; returns those it failed for.
    pub async fn broadcast_message(&self, receivers: &[String], message: &ViberOut) -> Result<Vec<Failed>, ViberError> {
        let body = BroadcastMessage {
            broadcast_list: receivers,
            min_api_version: MIN_API_VERSION,
            sender: Sender { name: &self.sender_name },
            message,
        };
        Ok(self.call_for_status("broadcast_message", &body).await?.failed_list)
    }

    /// Registers the webhook; Viber checks it at once with a `webhook` callback.
    pub async fn set_webhook(&self, url: &reqwest::Url) -> Result<(), ViberError> {
        let body = serde_json::json!({
            "url": url.as_str(),
            "event_types": ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"],
            "send_name": true,
            "send_photo": false,
        });
        self.call("set_webhook", &body).await
    }

    async fn call(&self, method: &str, body: &impl Serialize) -> Result<(), ViberError> {
        self.call_for_status(method, body).await.map(|_| ())
    }

    async fn call_for_status(&self, method: &str, body: &impl Serialize) -> Result<Status, ViberError> {
        let url = self.api_url.join(method).map_err(|e| ViberError::Status { status: -1, message: e.to_string() })?;
        let response = self.http.post(url).header("X-Viber-Auth-Token", &self.token).json(body).send().await?;
        let status: Status = response.error_for_status()?.json().await?;
        match status.status {
            0 => Ok(status),
            status_code => Err(ViberError::Status { status: status_code, message: status.status_message }),
        }
    }
}

/// How Viber delivers one message to a person.
pub struct ViberDelivery {
    pub client: ViberClient,
    pub store: Store,
}

impl Deliver for ViberDelivery {
    type Recipient = String;
    type Message = ViberOut;

    /// Viber has no shared rate limit to take turns under: every class goes at once.
    async fn deliver(&self, to: &String, message: &ViberOut, _class: Class) -> Outcome {
        // Messages the bot starts, which Viber bills, go only to people who
        // may be written to: notices and broadcasts check that before they get
        // here. Replies answer someone who has just written; if they
        // unsubscribed meanwhile, Viber refuses the message (status 6) and
        // they are marked below. No query per message.
        for attempt in 0..MAX_ATTEMPTS {
            match self.client.send_message(to, message).await {
                Ok(()) => return Outcome::Sent,
                // 5 not registered, 6 not subscribed; 7 is the bot's own account blocked.
                Err(ViberError::Status { status: 5..=6, message }) => {
                    tracing::info!(status_message = %message, "the Viber user cannot be reached");
                    return Outcome::Unreachable;
                }
                Err(ViberError::Status { status: 12, .. }) | Err(ViberError::Network(_)) => {
                    let wait = backoff(attempt);
                    tracing::warn!(attempt, wait_ms = wait.as_millis() as u64, "Viber busy or unreachable; retrying");
                    tokio::time::sleep(wait).await;
                }
                Err(error) => {
                    tracing::error!(%error, "Viber refused a message");
                    return Outcome::Dropped;
                }
            }
        }
        tracing::error!("giving up on a Viber message after {MAX_ATTEMPTS} attempts");
        Outcome::Dropped
    }

    async fn unreachable(&self, to: &String) {
        if let Err(error) = self.store.set_inactive(ChannelKind::Viber, to).await {
            tracing::error!(%error, "cannot mark a Viber user inactive");
        }
    }
}
