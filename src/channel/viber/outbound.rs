//! Rendering replies for Viber: text messages with a keyboard of reply
//! buttons (silent, their `ActionBody` is the action's data), a
//! location-picker when the bot asks where the person is, a location message
//! and an open-url map button for a centre's pin. Texts are split to keep each
//! request well under Viber's 30 KB.

use serde::Serialize;

use super::callback::BUTTON_PREFIX;
use crate::channel::render::{plain_text, split};
use crate::conversation::Reply;
use crate::domain::Language;
use crate::i18n::{Catalog, Text};

/// Viber's limit on a text message, in characters. 7,000 Cyrillic characters
/// are about 14 KB of JSON, which leaves room for a keyboard under 30 KB.
pub const MAX_TEXT_CHARS: usize = 7000;

/// One `send_message` call (without receiver and sender, added when sending).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViberOut {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyboard: Option<Keyboard>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Keyboard {
    #[serde(rename = "Type")]
    pub kind: &'static str,
    pub default_height: bool,
    pub buttons: Vec<KeyboardButton>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyboardButton {
    pub columns: u8,
    pub rows: u8,
    pub action_type: &'static str,
    pub action_body: String,
    pub text: String,
    /// A reply button's data is not shown in the chat as if the person typed it.
    pub silent: bool,
}

impl KeyboardButton {
    fn new(action_type: &'static str, action_body: String, text: String) -> Self {
        Self { columns: 6, rows: 1, action_type, action_body, text, silent: true }
    }
}

/// The messages for one reply, the keyboard on the last.
pub fn render(catalog: &Catalog, language: Language, reply: &Reply) -> Vec<ViberOut> {
    let mut messages = Vec::new();
    if let Some(venue) = &reply.venue {
        let location = Location { lat: venue.location.lat(), lon: venue.location.lon() };
        messages.push(ViberOut { kind: "location", text: None, location: Some(location), keyboard: None });
    }
    // A pin alone (a card's "show on the map") is the location message, with
    // the keyboard; Viber refuses an empty text.
    if reply.venue.is_none() || !reply.paragraphs.is_empty() {
        let text = plain_text(catalog, language, reply);
        for chunk in split(&text, MAX_TEXT_CHARS, |_| 1) {
            messages.push(ViberOut { kind: "text", text: Some(chunk), location: None, keyboard: None });
        }
    }
    let keyboard = keyboard(catalog, language, reply);
    if let (Some(last), false) = (messages.last_mut(), keyboard.buttons.is_empty()) {
        last.keyboard = Some(keyboard);
    }
    messages
}

fn keyboard(catalog: &Catalog, language: Language, reply: &Reply) -> Keyboard {
    let mut buttons = Vec::new();
    if reply.ask_location {
        let label = catalog.render_label(language, &Text::new("viber-share-location"));
        buttons.push(KeyboardButton::new("location-picker", "location".into(), label));
    }
    for button in &reply.buttons {
        let body = format!("{BUTTON_PREFIX}{}", button.action.encode());
        buttons.push(KeyboardButton::new("reply", body, catalog.render_label(language, &button.label)));
    }
    if let Some(venue) = &reply.venue {
        let label = catalog.render_label(language, &Text::new("viber-open-map"));
        let mut map = KeyboardButton::new("open-url", venue.location.map_url(), label);
        map.silent = false;
        buttons.push(map);
    }
    Keyboard { kind: "keyboard", default_height: false, buttons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Action, Venue};
    use crate::domain::Coordinates;

    /// A centre's pin and nothing else yet.
    fn pin() -> Reply {
        let location = Coordinates::parse(49.84, 24.02).expect("valid");
        Reply {
            venue: Some(Venue { location, title: "Центр".into(), address: String::new() }), ..Reply::default()
        }
    }

    #[test]
    fn a_card_is_a_location_then_text_with_reply_and_map_buttons() {
        let catalog = Catalog::load().expect("locales");
        let reply = pin().line(Text::new("menu-title")).button(Text::new("menu-find"), Action::Find);
        let messages = render(&catalog, Language::Uk, &reply);
        assert_eq!(messages.len(), 2);
        assert_eq!(messages[0].location, Some(Location { lat: 49.84, lon: 24.02 }));
        let keyboard = messages[1].keyboard.as_ref().expect("a keyboard");
        assert_eq!(keyboard.buttons[0].action_type, "reply");
        assert_eq!(keyboard.buttons[0].action_body, "btn:find");
        assert_eq!(keyboard.buttons[1].action_type, "open-url");
        let json = serde_json::to_value(&messages[1]).expect("serialises");
        assert_eq!(json["keyboard"]["Buttons"][0]["ActionType"], "reply");
        assert_eq!(json["keyboard"]["Type"], "keyboard");
    }

    #[test]
    fn a_pin_alone_is_one_location_message_with_the_keyboard() {
        let catalog = Catalog::load().expect("locales");
        let reply = pin().button(Text::new("menu-help-now"), Action::HelpNow);
        let messages = render(&catalog, Language::Uk, &reply);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert_eq!(messages[0].kind, "location");
        let keyboard = messages[0].keyboard.as_ref().expect("a keyboard");
        assert_eq!(keyboard.buttons[0].action_body, "btn:help");
        assert_eq!(keyboard.buttons[1].action_type, "open-url");
    }

    #[test]
    fn asking_for_a_location_offers_the_location_picker() {
        let catalog = Catalog::load().expect("locales");
        let reply = Reply { ask_location: true, ..Reply::default() }.line(Text::new("find-ask-place"));
        let messages = render(&catalog, Language::En, &reply);
        let keyboard = messages[0].keyboard.as_ref().expect("a keyboard");
        assert_eq!(keyboard.buttons[0].action_type, "location-picker");
        assert_eq!(keyboard.buttons[0].text, "📍 Share my location");
    }

    #[test]
    fn a_long_text_is_split_into_requests_under_30_kb() {
        let catalog = Catalog::load().expect("locales");
        let reply = Reply::default().paragraph(vec![Text::new("help-text"); 200]);
        let messages = render(&catalog, Language::Uk, &reply);
        assert!(messages.len() > 1);
        for message in &messages {
            let bytes = serde_json::to_vec(message).expect("serialises").len();
            assert!(bytes < 30 * 1024, "{bytes} bytes");
        }
    }
}
