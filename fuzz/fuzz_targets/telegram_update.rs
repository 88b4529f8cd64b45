//! Telegram updates as they arrive by webhook or polling: any bytes that
//! teloxide accepts as an `Update` must be classified without panicking, and
//! the classification must agree with the update (private chat ⇒ person with
//! the chat's id, group ⇒ group, button ⇒ its untrusted data and query id).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use resilience_bot::channel::telegram::inbound::{Inbound, read};
use resilience_bot::conversation::Incoming;
use resilience_bot::domain::ChannelKind;
use teloxide::types::{Update, UpdateKind};

fuzz_target!(|data: &[u8]| {
    let Ok(update) = serde_json::from_slice::<Update>(data) else {
        return;
    };
    let inbound = read(&update);
    match (&update.kind, &inbound) {
        (_, Inbound::Ignore) => {}
        (UpdateKind::Message(message), Inbound::Person { chat, user, incoming, callback }) => {
            assert!(message.chat.is_private(), "a person only in a private chat");
            assert_eq!(*chat, message.chat.id);
            assert_eq!(user.channel, ChannelKind::Telegram);
            assert_eq!(user.id, chat.0.to_string(), "one row per person: the chat id");
            assert_eq!(*callback, None);
            let sender = message.from.as_ref().expect("a person has a sender");
            assert!(!sender.is_bot, "bots are not people");
            assert_eq!(user.platform_language, sender.language_code);
            if let Some(text) = message.text() {
                assert_eq!(*incoming, Incoming::from_text(text));
                common::check_from_text(text, incoming);
            } else if let Some(location) = message.location() {
                assert_eq!(*incoming, Incoming::Location { lat: location.latitude, lon: location.longitude });
            }
        }
        (UpdateKind::Message(message), Inbound::Group { chat, language_code }) => {
            assert!(!message.chat.is_private());
            assert_eq!(*chat, message.chat.id);
            assert!(message.text().is_some() || message.location().is_some(), "only what a person addressed");
            assert_eq!(*language_code, message.from.as_ref().and_then(|u| u.language_code.clone()));
        }
        (UpdateKind::CallbackQuery(query), Inbound::Person { chat, user, incoming, callback }) => {
            assert_eq!(callback.as_ref(), Some(&query.id), "a press must be answered");
            assert_eq!(u64::try_from(chat.0).ok(), Some(query.from.id.0));
            assert_eq!(user.id, query.from.id.0.to_string());
            assert_eq!(*incoming, Incoming::Button(query.data.clone().unwrap_or_default()));
            assert!(query.message.as_ref().is_none_or(|m| m.chat().is_private()));
        }
        (kind, other) => panic!("{kind:?} read as {other:?}"),
    }
});
