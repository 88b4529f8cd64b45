//! Viber's callbacks, as typed values. `message_token` exceeds 2^53, so it is
//! read as a 64-bit integer, never through a float; timestamps are in
//! milliseconds.

use serde::Deserialize;

use crate::conversation::Incoming;

/// The part of every callback we read first, to decide what it is.
#[derive(Debug, Deserialize)]
struct Envelope {
    event: String,
}

/// A callback, by event type.
#[derive(Debug, Clone, PartialEq)]
pub enum Callback {
    /// Viber checking the webhook when it is set.
    Webhook,
    /// The person opened the chat; they have not written yet. `context` is
    /// the deep link's (`viber://pa?chatURI=…&context=centre-<id>`).
    ConversationStarted {
        user: ViberUser,
        context: Option<String>,
    },
    Subscribed {
        user: ViberUser,
    },
    Unsubscribed {
        user_id: String,
    },
    Message {
        message_token: u64,
        sender: ViberUser,
        message: ViberMessage,
    },
    /// An event type this bot does not handle; accepted and ignored. Delivery
    /// receipts (`delivered`, `seen`, `failed`) are among them: if kept, each
    /// would name a person and the moment a message reached them.
    Other(String),
}

/// The person behind a callback.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ViberUser {
    pub id: String,
    #[serde(default)]
    pub language: Option<String>,
}

/// The message in a `message` callback.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ViberMessage {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub location: Option<ViberLocation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct ViberLocation {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Deserialize)]
struct MessageEvent {
    message_token: u64,
    sender: ViberUser,
    message: ViberMessage,
}

#[derive(Deserialize)]
struct UserEvent {
    user: ViberUser,
    #[serde(default)]
    context: Option<String>,
}

#[derive(Deserialize)]
struct UnsubscribedEvent {
    user_id: String,
}

/// Why a body is not a callback we can read.
#[derive(Debug, thiserror::Error)]
#[error("malformed Viber callback: {0}")]
pub struct Malformed(#[from] pub serde_json::Error);

/// The prefix of a button's `ActionBody`: a message starting with it is a
/// button press, whose data the core parses and never trusts.
pub const BUTTON_PREFIX: &str = "btn:";

impl Callback {
    pub fn parse(body: &[u8]) -> Result<Self, Malformed> {
        let envelope: Envelope = serde_json::from_slice(body)?;
        Ok(match envelope.event.as_str() {
            "webhook" => Callback::Webhook,
            "conversation_started" => {
                let event = serde_json::from_slice::<UserEvent>(body)?;
                Callback::ConversationStarted { user: event.user, context: event.context }
            }
            "subscribed" => Callback::Subscribed { user: serde_json::from_slice::<UserEvent>(body)?.user },
            "unsubscribed" => {
                Callback::Unsubscribed { user_id: serde_json::from_slice::<UnsubscribedEvent>(body)?.user_id }
            }
            "message" => {
                let event: MessageEvent = serde_json::from_slice(body)?;
                Callback::Message { message_token: event.message_token, sender: event.sender, message: event.message }
            }
            _ => Callback::Other(envelope.event),
        })
    }
}

impl ViberMessage {
    /// What the message means for the conversation.
    pub fn incoming(&self) -> Incoming {
        match self.kind.as_str() {
            "text" => {
                let text = self.text.as_deref().unwrap_or_default();
                match text.strip_prefix(BUTTON_PREFIX) {
                    Some(data) => Incoming::Button(data.to_owned()),
                    None => Incoming::from_text(text),
                }
            }
            "location" => match self.location {
                Some(ViberLocation { lat, lon }) => Incoming::Location { lat, lon },
                None => Incoming::Location { lat: f64::NAN, lon: f64::NAN },
            },
            "contact" => Incoming::Contact,
            _ => Incoming::Unsupported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_token_above_two_to_the_53_is_read_exactly() {
        let body = r#"{"event":"message","timestamp":1700000000123,"message_token":9007199254740993,
            "sender":{"id":"u1==","name":"Olena","language":"uk"},"message":{"type":"text","text":"Бровари"}}"#;
        let parsed = Callback::parse(body.as_bytes()).expect("parses");
        let Callback::Message { message_token, sender, message } = parsed else {
            panic!("not a message");
        };
        assert_eq!(message_token, 9_007_199_254_740_993);
        assert_eq!(sender.language.as_deref(), Some("uk"));
        assert_eq!(message.incoming(), Incoming::Text("Бровари".into()));
    }

    #[test]
    fn buttons_locations_contacts_and_pictures_are_read() {
        let message = |json: &str| -> ViberMessage { serde_json::from_str(json).expect("a message") };
        assert_eq!(message(r#"{"type":"text","text":"btn:c:x"}"#).incoming(), Incoming::Button("c:x".into()));
        assert_eq!(
            message(r#"{"type":"location","location":{"lat":50.45,"lon":30.52}}"#).incoming(),
            Incoming::Location { lat: 50.45, lon: 30.52 }
        );
        // A place picked in Viber's map comes with its address: the point is what counts.
        assert_eq!(
            message(
                r#"{"type":"location","location":{"lat":50.51,"lon":30.79,"address":"вул. Гагаріна, 15, Бровари"}}"#
            )
            .incoming(),
            Incoming::Location { lat: 50.51, lon: 30.79 }
        );
        assert_eq!(
            message(r#"{"type":"contact","contact":{"name":"O","phone_number":"+380671234567"}}"#).incoming(),
            Incoming::Contact
        );
        assert_eq!(message(r#"{"type":"picture","media":"https://x"}"#).incoming(), Incoming::Unsupported);
    }

    #[test]
    fn unknown_events_are_accepted_and_malformed_bodies_refused() {
        assert_eq!(
            Callback::parse(br#"{"event":"client_status"}"#).expect("parses"),
            Callback::Other("client_status".into())
        );
        assert!(Callback::parse(b"{not json").is_err());
        assert!(Callback::parse(br#"{"event":"message","message_token":"x"}"#).is_err());
        assert!(Callback::parse(br#"{"no_event":1}"#).is_err());
    }
}
