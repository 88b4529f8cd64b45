//! Rendering replies with Telegram's widgets: inline keyboards for choices, a
//! reply keyboard to share a location, venues for map pins, tappable phone
//! numbers, and texts split to fit Telegram's 4,096-character limit.

use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup, MessageEntity,
    MessageEntityKind, ReplyMarkup,
};

use crate::channel::render::{csv, plain_text, split};
use crate::conversation::{MAX_ACTION_BYTES, Reply};
use crate::domain::Language;
use crate::i18n::{Catalog, Text};

/// Telegram's limit on a message's text, counted in UTF-16 code units.
pub const MAX_TEXT_UNITS: usize = 4096;

/// One Bot API call that delivers part of a reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Outbound {
    /// `sendMessage`.
    Text { text: String, entities: Vec<MessageEntity>, markup: Option<ReplyMarkup> },
    /// `sendVenue`: a pin with a title and an address, and the choices when
    /// no text follows it.
    Venue { lat: f64, lon: f64, title: String, address: String, markup: Option<ReplyMarkup> },
    /// `sendDocument`: a file made in memory, with a caption and the choices.
    Document { file_name: String, bytes: Vec<u8>, caption: String, markup: Option<ReplyMarkup> },
    /// `sendPhoto`: a chart drawn in memory, after the text with the same figures.
    Photo { bytes: Vec<u8>, caption: String },
}

/// The calls for one reply, in the order they must arrive.
pub fn render(catalog: &Catalog, language: Language, reply: &Reply) -> Vec<Outbound> {
    let mut calls = Vec::new();
    let inline = inline_keyboard(catalog, language, reply);
    if let Some(venue) = &reply.venue {
        // A pin alone (a card's "show on the map") is one message, with the
        // choices; Telegram refuses a message without text.
        let alone = reply.paragraphs.is_empty() && reply.document.is_none() && !reply.ask_location;
        calls.push(Outbound::Venue {
            lat: venue.location.lat(),
            lon: venue.location.lon(),
            title: venue.title.clone(),
            address: venue.address.clone(),
            markup: if alone { inline.clone() } else { None },
        });
        if alone {
            return calls;
        }
    }
    if let Some(document) = &reply.document {
        let bytes = csv(catalog, language, document);
        let caption = catalog.render(language, &document.caption);
        let text_follows = !reply.paragraphs.is_empty();
        let markup = if text_follows { None } else { inline.clone() };
        calls.push(Outbound::Document { file_name: document.file_name.clone(), bytes, caption, markup });
        if !text_follows {
            return calls;
        }
    }
    let text = plain_text(catalog, language, reply);
    let mut chunks = split(&text, MAX_TEXT_UNITS, char::len_utf16);
    let last = chunks.pop().unwrap_or_default();
    for chunk in chunks {
        calls.push(text_call(chunk, &reply.phones, None));
    }
    if reply.ask_location {
        // A message carries one keyboard: the location request goes with the
        // text, the choices follow in a short message of their own.
        calls.push(text_call(last, &reply.phones, Some(location_keyboard(catalog, language))));
        if let Some(inline) = inline {
            let prompt = catalog.render(language, &Text::new("telegram-or-choose"));
            calls.push(text_call(prompt, &[], Some(inline)));
        }
    } else {
        calls.push(text_call(last, &reply.phones, inline));
    }
    // After the text, which carries the same figures: a chart that cannot be
    // drawn, or that Telegram refuses, costs nothing else.
    if let Some(chart) = &reply.chart {
        match crate::channel::chart::png(catalog, language, chart) {
            Ok(bytes) => calls.push(Outbound::Photo { bytes, caption: catalog.render(language, &chart.title) }),
            Err(error) => tracing::error!(%error, "a chart is left out"),
        }
    }
    calls
}

fn text_call(text: String, phones: &[String], markup: Option<ReplyMarkup>) -> Outbound {
    let entities = phone_entities(&text, phones);
    Outbound::Text { text, entities, markup }
}

fn inline_keyboard(catalog: &Catalog, language: Language, reply: &Reply) -> Option<ReplyMarkup> {
    if reply.buttons.is_empty() {
        return None;
    }
    let rows = reply.buttons.iter().filter_map(|button| {
        let data = button.action.encode();
        // Actions are designed to fit; a longer one would be refused by Telegram.
        (data.len() <= MAX_ACTION_BYTES)
            .then(|| vec![InlineKeyboardButton::callback(catalog.render_label(language, &button.label), data)])
    });
    Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)))
}

fn location_keyboard(catalog: &Catalog, language: Language) -> ReplyMarkup {
    let label = catalog.render_label(language, &Text::new("telegram-share-location"));
    let button = KeyboardButton::new(label).request(ButtonRequest::Location);
    ReplyMarkup::Keyboard(KeyboardMarkup::new(vec![vec![button]]).resize_keyboard().one_time_keyboard())
}

/// Marks every occurrence of the given numbers as a phone number (offsets in UTF-16).
fn phone_entities(text: &str, phones: &[String]) -> Vec<MessageEntity> {
    let mut entities = Vec::new();
    for phone in phones.iter().filter(|p| !p.is_empty()) {
        let mut from = 0;
        while let Some(found) = text[from..].find(phone.as_str()) {
            let start = from + found;
            let offset = utf16_len(&text[..start]);
            entities.push(MessageEntity::new(MessageEntityKind::PhoneNumber, offset, utf16_len(phone)));
            from = start + phone.len();
        }
    }
    entities.sort_by_key(|e| e.offset);
    entities.dedup_by_key(|e| e.offset);
    entities
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Action, Button, Venue};
    use crate::domain::Coordinates;

    #[test]
    fn long_texts_split_on_line_boundaries_within_the_limit() {
        let line = "а".repeat(1000);
        let text = [line.as_str(); 9].join("\n");
        let chunks = split(&text, MAX_TEXT_UNITS, char::len_utf16);
        assert_eq!(chunks.len(), 3);
        assert!(chunks.iter().all(|c| utf16_len(c) <= MAX_TEXT_UNITS));
        assert_eq!(chunks.join("\n"), text, "nothing lost");
        assert!(chunks.iter().all(|c| c.split('\n').all(|l| l == line)), "lines are whole");
    }

    #[test]
    fn an_overlong_line_is_cut_at_characters_and_emoji_are_not_split() {
        let text = "🙂".repeat(3000);
        let chunks = split(&text, MAX_TEXT_UNITS, char::len_utf16);
        assert!(chunks.iter().all(|c| utf16_len(c) <= MAX_TEXT_UNITS));
        assert_eq!(chunks.concat(), text);
        assert_eq!(split("", MAX_TEXT_UNITS, char::len_utf16), vec![String::new()]);
    }

    #[test]
    fn phone_numbers_become_entities_at_utf16_offsets() {
        let text = "📍 Телефон: +380 67 955 89 76, +380 96 108 53 29";
        let entities = phone_entities(text, &["+380 67 955 89 76".into(), "+380 96 108 53 29".into()]);
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].offset, utf16_len("📍 Телефон: "));
        assert_eq!(entities[0].length, 17);
        assert_eq!(entities[0].kind, MessageEntityKind::PhoneNumber);
    }

    /// A centre's pin and nothing else yet.
    fn pin() -> Reply {
        let location = Coordinates::parse(50.5, 30.8).expect("valid");
        Reply {
            venue: Some(Venue { location, title: "Центр".into(), address: "вул. Київська, 1".into() }),
            ..Reply::default()
        }
    }

    #[test]
    fn a_card_sends_a_venue_then_the_text_with_its_buttons() {
        let catalog = Catalog::load().expect("locales");
        let reply = pin().line(Text::new("menu-title")).button(Text::new("menu-find"), Action::Find);
        let calls = render(&catalog, Language::Uk, &reply);
        assert_eq!(calls.len(), 2);
        assert_eq!(
            calls[0],
            Outbound::Venue {
                lat: 50.5,
                lon: 30.8,
                title: "Центр".into(),
                address: "вул. Київська, 1".into(),
                markup: None
            }
        );
        let Outbound::Text { markup: Some(ReplyMarkup::InlineKeyboard(keyboard)), .. } = &calls[1] else {
            panic!("{:?}", calls[1])
        };
        assert_eq!(keyboard.inline_keyboard.len(), 1);
    }

    #[test]
    fn a_pin_alone_is_one_venue_carrying_the_choices() {
        let catalog = Catalog::load().expect("locales");
        let reply = pin().button(Text::new("menu-help-now"), Action::HelpNow);
        let calls = render(&catalog, Language::Uk, &reply);
        assert_eq!(calls.len(), 1, "{calls:?}");
        let Outbound::Venue { markup: Some(ReplyMarkup::InlineKeyboard(keyboard)), .. } = &calls[0] else {
            panic!("{:?}", calls[0])
        };
        assert_eq!(keyboard.inline_keyboard[0][0].text, "🆘 Мені потрібна допомога зараз");
    }

    #[test]
    fn asking_for_a_location_offers_the_request_location_keyboard() {
        let catalog = Catalog::load().expect("locales");
        let reply = Reply { ask_location: true, ..Reply::default() }
            .line(Text::new("find-ask-place"))
            .buttons([Button { label: Text::new("menu-help-now"), action: Action::HelpNow }]);
        let calls = render(&catalog, Language::Uk, &reply);
        assert_eq!(calls.len(), 2);
        let Outbound::Text { markup: Some(ReplyMarkup::Keyboard(keyboard)), .. } = &calls[0] else {
            panic!("{:?}", calls[0])
        };
        assert_eq!(keyboard.keyboard[0][0].request, Some(ButtonRequest::Location));
        assert!(matches!(&calls[1], Outbound::Text { markup: Some(ReplyMarkup::InlineKeyboard(_)), .. }));
    }
}
