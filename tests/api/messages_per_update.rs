//! How many platform messages each update of the surge script costs (issue
//! 22): `/start`, a shared location, the first centre's card, and the map
//! pin one tap away on the card. Counted at the fake Telegram and Viber APIs,
//! update by update: the next update goes in only once the previous answer
//! has settled.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::fake_telegram::{Call, FakeTelegram};
use crate::helpers::{brute_force_nearest, sample_centres};
use crate::telegram::{callback_update, location_update, text_update, texts};

const OLENA: i64 = 5151;
const TARAS: i64 = 5252;
/// Longer than Telegram's pacing of one message a second per chat after a
/// burst, so the last message of an answer has been sent.
const QUIET: Duration = Duration::from_millis(1500);

/// Every message sent to the chat, whatever its kind.
fn messages(fake: &FakeTelegram, chat: i64) -> Vec<Call> {
    let mut sent: Vec<Call> = ["sendMessage", "sendVenue", "sendDocument", "sendPhoto"]
        .iter()
        .flat_map(|method| fake.calls(method))
        .filter(|call| call.body["chat_id"] == json!(chat))
        .collect();
    sent.sort_by_key(|call| call.at);
    sent
}

/// Waits for `seen`, then until nothing more arrives for [`QUIET`]; returns
/// how many messages the update cost.
async fn answer_to(fake: &FakeTelegram, chat: i64, update: Value, what: &str, seen: impl Fn(&[Call]) -> bool) -> usize {
    let before = messages(fake, chat).len();
    fake.push_update(update);
    fake.wait_for(what, |f| seen(&messages(f, chat)[before..])).await;
    let mut count = messages(fake, chat).len();
    loop {
        tokio::time::sleep(QUIET).await;
        let now = messages(fake, chat).len();
        if now == count {
            return count - before;
        }
        count = now;
    }
}

fn has_text(calls: &[Call], part: &str) -> bool {
    texts(calls).iter().any(|t| t.contains(part))
}

/// The callback data of the buttons of the message whose text contains `part`.
fn buttons_of(calls: &[Call], part: &str) -> Vec<String> {
    let message = calls
        .iter()
        .rev()
        .find(|c| c.body["text"].as_str().is_some_and(|t| t.contains(part)))
        .unwrap_or_else(|| panic!("no message with {part:?}"));
    message.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|row| row[0]["callback_data"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[sqlx::test]
async fn the_surge_script_costs_one_telegram_message_per_update_and_the_pin_is_one_tap_away(pool: PgPool) {
    let served = crate::telegram::Served::start(pool, false).await;
    let fake = &served.fake;
    let start =
        answer_to(fake, OLENA, text_update(1, OLENA, "uk", "/start"), "the welcome", |c| has_text(c, "Вітаю!")).await;
    let list = answer_to(fake, OLENA, location_update(2, OLENA, 50.45, 30.52), "the list", |c| {
        has_text(c, "Найближчі до вас центри")
    })
    .await;
    let nearest = brute_force_nearest(50.45, 30.52, 1)[0].clone();
    let open = format!("c:{nearest}");
    assert_eq!(buttons_of(&messages(fake, OLENA), "Найближчі до вас центри")[0], open);
    let card =
        answer_to(fake, OLENA, callback_update(3, OLENA, &open), "the card", |c| has_text(c, "Дані перевірено")).await;
    eprintln!("Telegram messages per update: /start {start}, location {list}, card {card}");
    let pin_button = buttons_of(&messages(fake, OLENA), "Дані перевірено")
        .into_iter()
        .find(|data| data.starts_with("pin:"))
        .expect("a map pin button on the card");
    let pin = answer_to(fake, OLENA, callback_update(4, OLENA, &pin_button), "the pin", |c| {
        c.iter().any(|c| c.method == "sendVenue")
    })
    .await;
    eprintln!("Telegram messages for the pin button: {pin}");
    assert_eq!([start, list, card, pin], [1, 1, 1, 1]);

    let venues = fake.calls("sendVenue");
    assert_eq!(venues.len(), 1, "only the pin button sent a venue");
    let centre = sample_centres().into_iter().find(|c| c.id.as_str() == nearest).unwrap();
    assert!((venues[0].body["latitude"].as_f64().unwrap() - centre.location.lat()).abs() < 1e-9);
    assert!((venues[0].body["longitude"].as_f64().unwrap() - centre.location.lon()).abs() < 1e-9);
    assert_eq!(venues[0].body["title"].as_str(), Some(centre.name_uk.as_str()));
    assert!(
        venues[0].body["reply_markup"]["inline_keyboard"].to_string().contains("\"help\""),
        "the pin keeps the way to help: {}",
        venues[0].body
    );

    // A forged or stale pin button: the usual answer, and no pin.
    let state = served.app.stored_state(&OLENA.to_string()).await;
    for (id, data) in [(5, "pin:no-such-centre"), (6, "pin:"), (7, "pin:'; DROP TABLE centre; --")] {
        let sent = answer_to(fake, OLENA, callback_update(id, OLENA, data), "a polite answer", |c| {
            has_text(c, "Ця кнопка вже не діє")
        })
        .await;
        assert_eq!(sent, 1, "{data}");
    }
    assert_eq!(fake.calls("sendVenue").len(), 1, "a forged pin button sends no venue");
    assert_eq!(served.app.stored_state(&OLENA.to_string()).await, state);
    served.stop().await;
}

#[sqlx::test]
async fn a_new_persons_first_location_is_answered_in_one_telegram_message_with_the_welcome(pool: PgPool) {
    let served = crate::telegram::Served::start(pool, false).await;
    let first = answer_to(&served.fake, TARAS, location_update(1, TARAS, 50.45, 30.52), "the list", |c| {
        has_text(c, "Найближчі до вас центри")
    })
    .await;
    eprintln!("Telegram messages for a new person's first location: {first}");
    let sent = messages(&served.fake, TARAS);
    assert_eq!(first, 1, "{:?}", texts(&sent));
    let text = texts(&sent).remove(0);
    assert!(text.starts_with("Вітаю!"), "the welcome comes first: {text}");
    assert!(text.contains("Місцезнаходження використовую тільки для пошуку"), "with the privacy notice: {text}");
    assert!(text.contains("\n\nНайближчі до вас центри:"), "then the answer: {text}");
    served.stop().await;
}

#[sqlx::test]
async fn on_viber_the_list_and_the_card_are_one_message_each_and_the_pin_a_location(pool: PgPool) {
    use crate::viber::{message, text};
    const OKSANA: &str = "surge-viber-1=";
    let served = crate::viber::Served::start(pool).await;
    let sent = |f: &crate::fake_viber::FakeViber| f.sent_to(OKSANA);
    let settle = || async {
        let mut count = sent(&served.fake).len();
        loop {
            tokio::time::sleep(QUIET).await;
            let now = sent(&served.fake).len();
            if now == count {
                return count;
            }
            count = now;
        }
    };
    let location = message(1, OKSANA, json!({ "type": "location", "location": { "lat": 50.45, "lon": 30.52 } }));
    assert_eq!(served.post(&location).await.0, StatusCode::OK);
    let list_text = |f: &crate::fake_viber::FakeViber| {
        crate::viber::texts(&sent(f)).iter().any(|t| t.contains("Найближчі до вас центри"))
    };
    served.fake.wait_for("the list", list_text).await;
    let after_list = settle().await;

    let nearest = brute_force_nearest(50.45, 30.52, 1)[0].clone();
    assert_eq!(served.post(&text(2, OKSANA, &format!("btn:c:{nearest}"))).await.0, StatusCode::OK);
    served
        .fake
        .wait_for("the card", |f| crate::viber::texts(&sent(f)).iter().any(|t| t.contains("Дані перевірено")))
        .await;
    let after_card = settle().await;
    eprintln!("Viber messages per update: first location {after_list}, card {}", after_card - after_list);
    let card = sent(&served.fake).pop().unwrap();
    let bodies: Vec<String> = card.body["keyboard"]["Buttons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["ActionBody"].as_str().map(str::to_owned))
        .collect();
    let pin_button = bodies.iter().find(|b| b.starts_with("btn:pin:")).expect("a map pin button").clone();

    assert_eq!(served.post(&text(3, OKSANA, &pin_button)).await.0, StatusCode::OK);
    served.fake.wait_for("the pin", |f| sent(f).iter().any(|c| c.body["type"] == "location")).await;
    let after_pin = settle().await;
    assert_eq!([after_list, after_card - after_list, after_pin - after_card], [1, 1, 1]);
    let pin = sent(&served.fake).pop().unwrap();
    let centre = sample_centres().into_iter().find(|c| c.id.as_str() == nearest).unwrap();
    assert_eq!(pin.body["type"], "location");
    assert!((pin.body["location"]["lat"].as_f64().unwrap() - centre.location.lat()).abs() < 1e-9);
    assert!((pin.body["location"]["lon"].as_f64().unwrap() - centre.location.lon()).abs() < 1e-9);
    let keyboard = pin.body["keyboard"]["Buttons"].as_array().expect("the pin keeps a keyboard");
    assert!(keyboard.iter().any(|b| b["ActionBody"] == "btn:help"), "{keyboard:?}");
    assert!(keyboard.iter().any(|b| b["ActionType"] == "open-url"), "and opens the map: {keyboard:?}");

    assert_eq!(served.post(&text(4, OKSANA, "btn:pin:no-such-centre")).await.0, StatusCode::OK);
    served
        .fake
        .wait_for("a polite answer", |f| {
            crate::viber::texts(&sent(f)).iter().any(|t| t.contains("Ця кнопка вже не діє"))
        })
        .await;
    settle().await;
    assert_eq!(sent(&served.fake).iter().filter(|c| c.body["type"] == "location").count(), 1);
    served.stop().await;
}
