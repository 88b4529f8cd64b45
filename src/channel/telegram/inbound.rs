//! Reading Telegram updates: which ones a person sent us, and what they mean.

use teloxide::types::{CallbackQueryId, ChatId, Message, Update, UpdateKind};

use crate::conversation::{Incoming, User};
use crate::domain::ChannelKind;

/// What an update asks of the bot.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    /// A person wrote in a private chat (or pressed a button there).
    Person {
        chat: ChatId,
        user: User,
        incoming: Incoming,
        /// Button presses must be answered, or the button keeps spinning.
        callback: Option<CallbackQueryId>,
    },
    /// Someone wrote in a group or channel: the bot works in private chats only.
    Group { chat: ChatId, language_code: Option<String> },
    /// Edits, live-location updates, reactions, service messages…: no answer,
    /// so that nothing is answered twice.
    Ignore,
}

/// Classifies one update.
pub fn read(update: &Update) -> Inbound {
    match &update.kind {
        UpdateKind::Message(message) => from_message(message),
        UpdateKind::CallbackQuery(query) => {
            let in_private = query.message.as_ref().is_none_or(|m| m.chat().is_private());
            if !in_private {
                return Inbound::Ignore;
            }
            let Ok(id) = i64::try_from(query.from.id.0) else {
                return Inbound::Ignore;
            };
            Inbound::Person {
                chat: ChatId(id),
                user: person(id, query.from.language_code.clone()),
                // Missing data is as untrusted as forged data: the core refuses both.
                incoming: Incoming::Button(query.data.clone().unwrap_or_default()),
                callback: Some(query.id.clone()),
            }
        }
        // Edited messages (including every update of a live location) were
        // answered when first sent.
        _ => Inbound::Ignore,
    }
}

fn from_message(message: &Message) -> Inbound {
    let sender = message.from.as_ref();
    if !message.chat.is_private() {
        // Only messages a person addressed to the chat, not service messages.
        let addressed = message.text().is_some() || message.location().is_some() || message.venue().is_some();
        if !addressed || sender.is_some_and(|u| u.is_bot) {
            return Inbound::Ignore;
        }
        return Inbound::Group { chat: message.chat.id, language_code: sender.and_then(|u| u.language_code.clone()) };
    }
    let Some(sender) = sender.filter(|u| !u.is_bot) else {
        return Inbound::Ignore;
    };
    let incoming = if let Some(text) = message.text() {
        Incoming::from_text(text)
    } else if let Some(location) = message.location() {
        Incoming::Location { lat: location.latitude, lon: location.longitude }
    } else if let Some(venue) = message.venue() {
        // A place picked from the list in Telegram's location picker: its
        // point is what the person shared.
        Incoming::Location { lat: venue.location.latitude, lon: venue.location.longitude }
    } else if message.contact().is_some() {
        Incoming::Contact
    } else {
        Incoming::Unsupported
    };
    Inbound::Person {
        chat: message.chat.id,
        user: person(message.chat.id.0, sender.language_code.clone()),
        incoming,
        callback: None,
    }
}

/// In a private chat the chat id is the person's id: one row per person.
fn person(id: i64, language_code: Option<String>) -> User {
    User { channel: ChannelKind::Telegram, id: id.to_string(), platform_language: language_code }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From text, as updates arrive: teloxide's flattened update kinds do not
    /// deserialize from a `serde_json::Value`.
    fn update(json: serde_json::Value) -> Update {
        serde_json::from_str(&json.to_string()).expect("a valid update")
    }

    fn private_message(extra: serde_json::Value) -> serde_json::Value {
        let mut message = serde_json::json!({
            "message_id": 5,
            "date": 1_700_000_000,
            "chat": { "id": 42, "type": "private", "first_name": "Olena" },
            "from": { "id": 42, "is_bot": false, "first_name": "Olena", "language_code": "uk" },
        });
        if let (Some(m), Some(e)) = (message.as_object_mut(), extra.as_object()) {
            m.extend(e.clone());
        }
        message
    }

    #[test]
    fn a_private_text_is_a_person_writing() {
        let got = read(&update(
            serde_json::json!({ "update_id": 1, "message": private_message(serde_json::json!({ "text": "Бровари" })) }),
        ));
        let Inbound::Person { chat, user, incoming, callback } = got else { panic!("{got:?}") };
        assert_eq!(chat, ChatId(42));
        assert_eq!(user.id, "42");
        assert_eq!(user.platform_language.as_deref(), Some("uk"));
        assert_eq!(incoming, Incoming::Text("Бровари".into()));
        assert_eq!(callback, None);
    }

    #[test]
    fn a_shared_location_and_a_deep_link_are_read() {
        let location = private_message(serde_json::json!({ "location": { "latitude": 50.45, "longitude": 30.52 } }));
        let got = read(&update(serde_json::json!({ "update_id": 2, "message": location })));
        assert!(matches!(got, Inbound::Person { incoming: Incoming::Location { lat: 50.45, lon: 30.52 }, .. }));
        let deep = private_message(serde_json::json!({ "text": "/start centre-sample-lvivska" }));
        let got = read(&update(serde_json::json!({ "update_id": 3, "message": deep })));
        assert!(matches!(got, Inbound::Person { incoming: Incoming::Start { payload: Some(_) }, .. }), "{got:?}");
    }

    #[test]
    fn a_place_picked_in_the_location_picker_is_a_shared_location() {
        let venue = private_message(serde_json::json!({
            "venue": {
                "location": { "latitude": 50.5107, "longitude": 30.7909 },
                "title": "Броварська міська рада",
                "address": "вул. Гагаріна, 15, Бровари"
            },
            "location": { "latitude": 50.5107, "longitude": 30.7909 }
        }));
        let got = read(&update(serde_json::json!({ "update_id": 8, "message": venue })));
        assert!(
            matches!(got, Inbound::Person { incoming: Incoming::Location { lat: 50.5107, lon: 30.7909 }, .. }),
            "{got:?}"
        );
        // The same without the location Telegram sends beside the venue.
        let bare = private_message(serde_json::json!({ "venue": {
            "location": { "latitude": 48.46, "longitude": 35.04 }, "title": "Дніпро", "address": "Дніпро"
        }}));
        let got = read(&update(serde_json::json!({ "update_id": 9, "message": bare })));
        assert!(
            matches!(got, Inbound::Person { incoming: Incoming::Location { lat: 48.46, lon: 35.04 }, .. }),
            "{got:?}"
        );
    }

    #[test]
    fn edits_and_live_location_updates_are_ignored() {
        let edited = private_message(serde_json::json!({
            "edit_date": 1_700_000_100,
            "location": { "latitude": 50.46, "longitude": 30.53, "live_period": 900 }
        }));
        assert_eq!(read(&update(serde_json::json!({ "update_id": 4, "edited_message": edited }))), Inbound::Ignore);
    }

    #[test]
    fn a_group_message_is_a_group_and_a_photo_is_unsupported() {
        let group = serde_json::json!({
            "message_id": 9, "date": 1_700_000_000,
            "chat": { "id": -100, "type": "supergroup", "title": "Батьки" },
            "from": { "id": 42, "is_bot": false, "first_name": "Olena" },
            "text": "/start"
        });
        assert!(matches!(
            read(&update(serde_json::json!({ "update_id": 5, "message": group }))),
            Inbound::Group { chat: ChatId(-100), .. }
        ));
        let sticker = private_message(serde_json::json!({ "sticker": {
            "file_id": "x", "file_unique_id": "y", "type": "regular", "width": 512, "height": 512,
            "is_animated": false, "is_video": false
        }}));
        let got = read(&update(serde_json::json!({ "update_id": 6, "message": sticker })));
        assert!(matches!(got, Inbound::Person { incoming: Incoming::Unsupported, .. }), "{got:?}");
    }

    #[test]
    fn a_button_press_carries_its_untrusted_data_and_must_be_answered() {
        let query = serde_json::json!({
            "id": "cb1", "chat_instance": "ci", "data": "c:'; DROP TABLE centre",
            "from": { "id": 42, "is_bot": false, "first_name": "Olena" },
            "message": { "message_id": 7, "date": 1_700_000_000, "chat": { "id": 42, "type": "private", "first_name": "Olena" } }
        });
        let got = read(&update(serde_json::json!({ "update_id": 7, "callback_query": query })));
        let Inbound::Person { incoming, callback, .. } = got else { panic!("{got:?}") };
        assert_eq!(incoming, Incoming::Button("c:'; DROP TABLE centre".into()));
        assert_eq!(callback, Some(CallbackQueryId("cb1".into())));
    }
}
