//! The Telegram channel through the real `serve` code path, against a fake
//! Bot API on 127.0.0.1, in long-polling and in webhook mode.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::StatusCode;
use resilience_bot::channel::telegram::TelegramConfig;
use resilience_bot::server::ServeConfig;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::{Server, TestApp};

const SECRET: &str = "test-secret_1234567890";
const OLENA: i64 = 4242;

pub(crate) struct Served {
    pub(crate) fake: FakeTelegram,
    addr: SocketAddr,
    pub(crate) app: TestApp,
    server: Server,
}

impl Served {
    pub(crate) async fn start(pool: PgPool, webhook: bool) -> Self {
        let app = TestApp::new(pool).await;
        let fake = FakeTelegram::start().await;
        let webhook_url = webhook.then(|| "https://bot.example.org/telegram/webhook".parse().unwrap());
        let telegram =
            TelegramConfig::new("123:TEST".into(), fake.url.parse().unwrap(), webhook_url, Some(SECRET.into()))
                .unwrap();
        let config = ServeConfig { http_addr: "127.0.0.1:0".parse().unwrap(), telegram: Some(telegram), viber: None };
        let server = Server::start(&app, config).await;
        let addr = server.addr;
        Self { fake, addr, app, server }
    }

    async fn post(&self, secret: Option<&str>, body: String) -> StatusCode {
        let mut request = reqwest::Client::new()
            .post(format!("http://{}/telegram/webhook", self.addr))
            .header("content-type", "application/json")
            .body(body);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        request.send().await.unwrap().status()
    }

    pub(crate) async fn stop(self) {
        self.server.stop().await;
    }
}

fn person(chat: i64, language: &str) -> Value {
    json!({ "id": chat, "is_bot": false, "first_name": "Olena", "language_code": language })
}

fn private_chat(chat: i64) -> Value {
    json!({ "id": chat, "type": "private", "first_name": "Olena" })
}

pub(crate) fn text_update(id: i64, chat: i64, language: &str, text: &str) -> Value {
    json!({ "update_id": id, "message": {
        "message_id": id, "date": 1_700_000_000, "chat": private_chat(chat), "from": person(chat, language), "text": text
    }})
}

pub(crate) fn location_update(id: i64, chat: i64, lat: f64, lon: f64) -> Value {
    json!({ "update_id": id, "message": {
        "message_id": id, "date": 1_700_000_000, "chat": private_chat(chat), "from": person(chat, "uk"),
        "location": { "latitude": lat, "longitude": lon }
    }})
}

pub(crate) fn callback_update(id: i64, chat: i64, data: &str) -> Value {
    json!({ "update_id": id, "callback_query": {
        "id": format!("cb{id}"), "chat_instance": "ci", "data": data, "from": person(chat, "uk"),
        "message": { "message_id": 1, "date": 1_700_000_000, "chat": private_chat(chat) }
    }})
}

pub(crate) fn texts(calls: &[crate::fake_telegram::Call]) -> Vec<String> {
    calls
        .iter()
        .filter(|c| c.method == "sendMessage")
        .map(|c| c.body["text"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn callback_data(call: &crate::fake_telegram::Call) -> Vec<String> {
    call.body["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|row| row[0]["callback_data"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[sqlx::test]
async fn polling_answers_a_shared_location_with_the_nearest_centres_and_buttons(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.push_update(location_update(1, OLENA, 50.45, 30.52));
    served.fake.wait_for("the results", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Найближчі"))).await;

    let sent = served.fake.sent_to(OLENA);
    let results = sent.iter().find(|c| c.body["text"].as_str().is_some_and(|t| t.contains("Найближчі"))).unwrap();
    let data = callback_data(results);
    assert_eq!(
        &data[..3],
        crate::helpers::brute_force_nearest(50.45, 30.52, 3)
            .iter()
            .map(|id| format!("c:{id}"))
            .collect::<Vec<_>>()
            .as_slice()
    );
    assert!(data.contains(&"more".to_owned()) && data.contains(&"help".to_owned()), "{data:?}");
    assert!(data.iter().all(|d| d.len() <= 64));
    // A new person's first answer follows the welcome with the privacy notice,
    // in the same message; the list has no pin (the cards have it).
    assert_eq!(sent.len(), 1, "{:?}", texts(&sent));
    assert!(texts(&sent)[0].starts_with("Вітаю!"), "{:?}", texts(&sent));
    assert!(texts(&sent)[0].contains("\n\nНайближчі до вас центри:"), "{:?}", texts(&sent));
    // The command menu is registered in both languages; polling removed any webhook.
    let commands = served.fake.calls("setMyCommands");
    assert!(commands.iter().any(|c| c.body["language_code"] == "en" && c.body["commands"][0]["command"] == "start"));
    assert!(commands.iter().any(|c| c.body["commands"][0]["description"] == "Почати спочатку"));
    assert_eq!(served.fake.calls("deleteWebhook").len(), 1);
    served.stop().await;
}

#[sqlx::test]
async fn finding_a_centre_offers_the_share_location_keyboard_in_the_users_language(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.push_update(text_update(1, OLENA, "en", "/start"));
    served.fake.push_update(callback_update(2, OLENA, "find"));
    served
        .fake
        .wait_for("the location keyboard", |f| {
            f.sent_to(OLENA).iter().any(|c| c.body["reply_markup"]["keyboard"][0][0]["request_location"] == json!(true))
        })
        .await;
    let sent = served.fake.sent_to(OLENA);
    assert!(texts(&sent)[0].starts_with("Hello!"), "{:?}", texts(&sent));
    let ask = sent.iter().find(|c| c.body["reply_markup"]["keyboard"].is_array()).unwrap();
    assert_eq!(ask.body["reply_markup"]["keyboard"][0][0]["text"], "📍 Share my location");
    assert!(ask.body["text"].as_str().unwrap().starts_with("Share your location or type"));
    assert_eq!(served.fake.calls("answerCallbackQuery")[0].body["callback_query_id"], "cb2");
    served.stop().await;
}

#[sqlx::test]
async fn a_centre_button_sends_a_card_with_tappable_phones_and_its_pin_button_a_venue(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.push_update(callback_update(1, OLENA, "c:sample-izmailska"));
    served.fake.wait_for("the card", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Дані перевірено"))).await;
    let sent = served.fake.sent_to(OLENA);
    let card = sent.iter().find(|c| c.body["text"].as_str().is_some_and(|t| t.contains("Дані перевірено"))).unwrap();
    let phones: Vec<&Value> =
        card.body["entities"].as_array().unwrap().iter().filter(|e| e["type"] == "phone_number").collect();
    assert_eq!(phones.len(), 3, "{}", card.body["entities"]);
    assert_eq!(callback_data(card)[0], "pin:sample-izmailska", "the pin is the card's first button");
    assert!(served.fake.calls("sendVenue").is_empty(), "the card comes without a pin");

    served.fake.push_update(callback_update(2, OLENA, "pin:sample-izmailska"));
    served.fake.wait_for("the venue", |f| !f.calls("sendVenue").is_empty()).await;
    let venue = &served.fake.calls("sendVenue")[0];
    assert!((venue.body["latitude"].as_f64().unwrap() - 45.35).abs() < 0.1);
    assert!((venue.body["longitude"].as_f64().unwrap() - 28.84).abs() < 0.1);
    assert_eq!(venue.body["title"], "Центр життєстійкості Ізмаїльської громади");
    assert_eq!(venue.body["address"], "вул. Національної гвардії України, 79, Ізмаїл");
    assert!(callback_data(venue).contains(&"help".to_owned()), "{}", venue.body);
    served.stop().await;
}

#[sqlx::test]
async fn a_deep_link_opens_the_centres_card(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.push_update(text_update(1, OLENA, "uk", "/start centre-sample-lvivska"));
    served.fake.wait_for("the card", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Дані перевірено"))).await;
    let sent = served.fake.sent_to(OLENA);
    let card = sent.iter().find(|c| c.body["text"].as_str().is_some_and(|t| t.contains("Дані перевірено"))).unwrap();
    assert!(card.body["text"].as_str().unwrap().contains("Центр життєстійкості Львівської громади"));
    assert_eq!(callback_data(card)[0], "pin:sample-lvivska", "its pin a tap away");
    served.stop().await;
}

#[sqlx::test]
async fn a_forged_callback_is_answered_politely_and_changes_nothing(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.push_update(location_update(1, OLENA, 50.45, 30.52));
    served.fake.wait_for("the results", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Найближчі"))).await;
    let before = served.app.stored_state(&OLENA.to_string()).await;
    served.fake.push_update(callback_update(2, OLENA, "c:'; DROP TABLE centre; --"));
    served.fake.push_update(callback_update(3, OLENA, &"x".repeat(200)));
    served
        .fake
        .wait_for("two polite replies", |f| {
            texts(&f.sent_to(OLENA)).iter().filter(|t| t.starts_with("Ця кнопка вже не діє")).count() == 2
        })
        .await;
    assert_eq!(served.fake.calls("answerCallbackQuery").len(), 2);
    assert_eq!(served.app.stored_state(&OLENA.to_string()).await, before);
    assert_eq!(served.app.store.centres().await.unwrap().len(), 46);
    served.stop().await;
}

#[sqlx::test]
async fn webhook_mode_registers_the_secret_and_refuses_calls_without_it(pool: PgPool) {
    let served = Served::start(pool, true).await;
    served.fake.wait_for("setWebhook", |f| !f.calls("setWebhook").is_empty()).await;
    let registered = &served.fake.calls("setWebhook")[0].body;
    assert_eq!(registered["url"], "https://bot.example.org/telegram/webhook");
    assert_eq!(registered["secret_token"], SECRET);
    assert!(served.fake.calls("getUpdates").is_empty(), "no polling in webhook mode");

    let update = text_update(10, OLENA, "uk", "Бровари").to_string();
    assert_eq!(served.post(None, update.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(served.post(Some("wrong"), update.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(served.post(Some(""), update.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(served.post(Some(SECRET), "{not json".into()).await, StatusCode::BAD_REQUEST);
    assert_eq!(served.app.user_count().await, 0, "nothing was applied");

    assert_eq!(served.post(Some(SECRET), update).await, StatusCode::OK);
    served.fake.wait_for("the answer", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Бровари"))).await;
    served.stop().await;
}

#[sqlx::test]
async fn a_repeated_update_id_is_applied_once(pool: PgPool) {
    let served = Served::start(pool, true).await;
    let update = text_update(77, OLENA, "uk", "Бровари").to_string();
    assert_eq!(served.post(Some(SECRET), update.clone()).await, StatusCode::OK);
    assert_eq!(served.post(Some(SECRET), update.clone()).await, StatusCode::OK);
    served.fake.wait_for("the answer", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Бровари"))).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let answers =
        texts(&served.fake.sent_to(OLENA)).iter().filter(|t| t.contains("Бровари (Київська область)")).count();
    assert_eq!(answers, 1);
    served.stop().await;
}

#[sqlx::test]
async fn a_429_is_retried_after_the_time_telegram_asks_for(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.fail(
        "sendMessage",
        1,
        StatusCode::TOO_MANY_REQUESTS,
        json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1", "parameters": { "retry_after": 1 } }),
    );
    served.fake.push_update(text_update(1, OLENA, "uk", "/help"));
    served.fake.wait_for("the retried message", |f| f.calls("sendMessage").len() >= 2).await;
    let attempts = served.fake.calls("sendMessage");
    assert_eq!(attempts[0].body["text"], attempts[1].body["text"], "the same message again");
    let waited = attempts[1].at - attempts[0].at;
    assert!(waited >= Duration::from_millis(950), "retried after {waited:?}");
    served.stop().await;
}

#[sqlx::test]
async fn a_person_who_blocked_the_bot_is_marked_inactive_and_not_retried(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.fail(
        "sendMessage",
        1,
        StatusCode::FORBIDDEN,
        json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" }),
    );
    // A first message that finds nothing gets two messages (the welcome with
    // "not found" and the share-location keyboard, then the choices): the
    // second must not be tried.
    served.fake.push_update(text_update(1, OLENA, "uk", "Zzyzx"));
    let store = served.app.store.clone();
    let mut inactive = false;
    for _ in 0..200 {
        if !store.is_active(resilience_bot::domain::ChannelKind::Telegram, &OLENA.to_string()).await.unwrap() {
            inactive = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(inactive, "the person was not marked inactive");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(served.fake.calls("sendMessage").len(), 1, "nothing more was sent to them");

    // Writing again makes them reachable.
    served.fake.push_update(text_update(2, OLENA, "uk", "/help"));
    served.fake.wait_for("an answer", |f| f.calls("sendMessage").len() >= 2).await;
    assert!(store.is_active(resilience_bot::domain::ChannelKind::Telegram, &OLENA.to_string()).await.unwrap());
    served.stop().await;
}

#[sqlx::test]
async fn a_telegram_outage_is_waited_out_and_polling_recovers(pool: PgPool) {
    let served = Served::start(pool, false).await;
    // teloxide itself waits 10 s after every 5xx, so one failure of each kind
    // already makes a 20-second outage.
    let bad_gateway = json!({ "ok": false, "error_code": 502, "description": "Bad Gateway" });
    served.fake.fail("getUpdates", 1, StatusCode::BAD_GATEWAY, bad_gateway);
    let internal = json!({ "ok": false, "error_code": 500, "description": "Internal Server Error" });
    served.fake.fail("sendMessage", 1, StatusCode::INTERNAL_SERVER_ERROR, internal);
    served.fake.push_update(text_update(1, OLENA, "uk", "/help"));
    let help = |f: &FakeTelegram| {
        let calls = f.calls("sendMessage");
        calls.iter().filter(|c| c.body["text"].as_str().is_some_and(|t| t.contains("\n\nНадішліть"))).count()
    };
    // The first answer leads with the welcome, in the same message: it fails
    // once and is sent again.
    served.fake.wait_within(Duration::from_secs(60), "the answer after the outage", |f| help(f) == 2).await;
    assert!(served.fake.calls("getUpdates").len() >= 2);
    let welcomes = texts(&served.fake.sent_to(OLENA)).iter().filter(|t| t.starts_with("Вітаю!")).count();
    assert_eq!(welcomes, 2, "the welcome failed once and was sent again");
    // It keeps serving afterwards.
    served.fake.push_update(text_update(2, OLENA, "uk", "/help"));
    served
        .fake
        .wait_for("the next answer", |f| {
            f.calls("sendMessage").iter().any(|c| c.body["text"].as_str().is_some_and(|t| t.starts_with("Надішліть")))
        })
        .await;
    served.stop().await;
}

#[sqlx::test]
async fn a_group_is_told_once_that_the_bot_works_in_private_chats(pool: PgPool) {
    let served = Served::start(pool, false).await;
    for id in 1..=3 {
        served.fake.push_update(json!({ "update_id": id, "message": {
            "message_id": id, "date": 1_700_000_000,
            "chat": { "id": -1001, "type": "supergroup", "title": "Батьки" },
            "from": person(OLENA, "uk"), "text": "/start"
        }}));
    }
    served.fake.wait_for("the notice", |f| !f.sent_to(-1001).is_empty()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sent = texts(&served.fake.sent_to(-1001));
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].starts_with("Я працюю лише в особистих повідомленнях"));
    assert_eq!(served.app.user_count().await, 0, "no conversation state for a group");
    served.stop().await;
}

#[sqlx::test]
async fn edited_messages_and_live_location_updates_get_no_second_answer(pool: PgPool) {
    let served = Served::start(pool, false).await;
    served.fake.push_update(json!({ "update_id": 1, "message": {
        "message_id": 1, "date": 1_700_000_000, "chat": private_chat(OLENA), "from": person(OLENA, "uk"),
        "location": { "latitude": 50.45, "longitude": 30.52, "live_period": 900 }
    }}));
    for id in 2..=4 {
        served.fake.push_update(json!({ "update_id": id, "edited_message": {
            "message_id": 1, "date": 1_700_000_000, "edit_date": 1_700_000_000 + id, "chat": private_chat(OLENA),
            "from": person(OLENA, "uk"), "location": { "latitude": 50.45, "longitude": 30.52, "live_period": 900 }
        }}));
    }
    served.fake.wait_for("the results", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Найближчі"))).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let results = texts(&served.fake.sent_to(OLENA)).iter().filter(|t| t.contains("Найближчі")).count();
    assert_eq!(results, 1);
    served.stop().await;
}

#[sqlx::test]
async fn healthz_reports_the_database(pool: PgPool) {
    let served = Served::start(pool, true).await;
    let status = reqwest::get(format!("http://{}/healthz", served.addr)).await.unwrap().status();
    assert_eq!(status, StatusCode::OK);
    let too_big = "x".repeat(2 * 1024 * 1024);
    assert_eq!(served.post(Some(SECRET), too_big).await, StatusCode::PAYLOAD_TOO_LARGE);
    served.stop().await;
}

const COORDINATOR: i64 = 900;

#[sqlx::test]
async fn groups_on_telegram_sign_up_csv_for_the_coordinator_and_cancelling_tells_the_participant(pool: PgPool) {
    use resilience_bot::domain::ChannelKind;
    use resilience_bot::domain::Person;
    let served = Served::start(pool, false).await;
    crate::helpers::import_sample_groups(&served.app, 1).await;
    let coordinator = Person { channel: ChannelKind::Telegram, external_id: COORDINATOR.to_string() };
    served.app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();
    for (id, data) in [(1, "gc:sample-lvivska"), (2, "join:lviv-pws"), (3, "skip:n:lviv-pws")] {
        served.fake.push_update(callback_update(id, OLENA, data));
    }
    served.fake.push_update(text_update(4, OLENA, "uk", "067 123 45 67"));
    served
        .fake
        .wait_for("the confirmation", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.starts_with("✅ Вас записано")))
        .await;
    let list = texts(&served.fake.sent_to(OLENA));
    assert!(list.iter().any(|t| t.contains("Групи — Центр життєстійкості Львівської")), "{list:?}");

    served.fake.push_update(text_update(5, COORDINATOR, "uk", "/coordinate"));
    served.fake.push_update(callback_update(6, COORDINATOR, "kg:lviv-pws"));
    served.fake.push_update(callback_update(7, COORDINATOR, "kf:lviv-pws"));
    served.fake.wait_for("the CSV file", |f| !f.calls("sendDocument").is_empty()).await;
    let group = served.fake.sent_to(COORDINATOR).into_iter().find(|c| callback_data(c).contains(&"kf:lviv-pws".into()));
    assert!(group.is_some(), "the group screen offers the CSV file on Telegram");
    let document = &served.fake.calls("sendDocument")[0].body;
    assert_eq!(document["chat_id"], json!(COORDINATOR));
    let csv = document["document"].as_str().unwrap();
    assert!(csv.starts_with("№,Статус,Номер у черзі,Ім’я,Телефон"), "{csv}");
    assert!(csv.contains("1,записано,,,+380671234567,"), "{csv}");
    assert!(document["caption"].as_str().unwrap().contains("персональні дані"), "{document}");

    served.fake.push_update(callback_update(8, COORDINATOR, "kxx:lviv-pws"));
    served
        .fake
        .wait_for("the cancellation notice", |f| {
            texts(&f.sent_to(OLENA)).iter().any(|t| t.starts_with("❗ На жаль, центр скасував групу"))
        })
        .await;
    let outcome = crate::helpers::notice_outcome(served.app.store.pool(), &OLENA.to_string()).await;
    assert_eq!(outcome, "sent");
    served.stop().await;
}

#[sqlx::test]
async fn a_notice_to_someone_who_blocked_the_bot_marks_them_inactive(pool: PgPool) {
    use resilience_bot::domain::ChannelKind;
    use resilience_bot::domain::Person;
    use resilience_bot::store::Leaving;
    let served = Served::start(pool, false).await;
    crate::helpers::import_sample_groups(&served.app, 1).await;
    // Olena takes the only seat, then 77 waits for it.
    for (id, chat, answer) in [(1, OLENA, "Вас записано"), (4, 77, "в черзі")] {
        served.fake.push_update(callback_update(id, chat, "join:lviv-pws"));
        served.fake.push_update(callback_update(id + 1, chat, "skip:n:lviv-pws"));
        served.fake.push_update(callback_update(id + 2, chat, "skip:p:lviv-pws"));
        served.fake.wait_for(answer, |f| texts(&f.sent_to(chat)).iter().any(|t| t.contains(answer))).await;
    }
    served.fake.fail(
        "sendMessage",
        1,
        StatusCode::FORBIDDEN,
        json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" }),
    );
    let olena = Person { channel: ChannelKind::Telegram, external_id: OLENA.to_string() };
    let signup: i64 = sqlx::query_scalar("SELECT id FROM signup WHERE external_id = $1")
        .bind(OLENA.to_string())
        .fetch_one(served.app.store.pool())
        .await
        .unwrap();
    served.app.store.leave(signup, &olena, Leaving::Cancelled).await.unwrap();
    assert_eq!(crate::helpers::notice_outcome(served.app.store.pool(), "77").await, "unreachable");
    assert!(!served.app.store.is_active(ChannelKind::Telegram, "77").await.unwrap());
    served.stop().await;
}

#[sqlx::test]
async fn a_broadcast_stopped_mid_way_and_restarted_reaches_everyone_once_at_telegram_s_pace(pool: PgPool) {
    use resilience_bot::domain::ChannelKind;
    use resilience_bot::domain::Person;
    use resilience_bot::store::BroadcastBody;
    // More than one round of the worker (100), so that the stop falls mid-broadcast.
    const SUBSCRIBERS: i64 = 130;
    let app = TestApp::new(pool).await;
    let fake = FakeTelegram::start().await;
    let config = || {
        let telegram = TelegramConfig::new("123:TEST".into(), fake.url.parse().unwrap(), None, None).unwrap();
        ServeConfig { http_addr: "127.0.0.1:0".parse().unwrap(), telegram: Some(telegram), viber: None }
    };
    let coordinator = Person { channel: ChannelKind::Telegram, external_id: COORDINATOR.to_string() };
    app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();
    let server = Server::start(&app, config()).await;
    fake.push_update(text_update(1, COORDINATOR, "uk", "/start"));
    for chat in 1..=SUBSCRIBERS {
        fake.push_update(callback_update(chat + 1, 1000 + chat, "sub:sample-lvivska"));
    }
    let subscribed = |f: &FakeTelegram| {
        texts(&f.calls("sendMessage")).iter().filter(|t| t.contains("надсилатиме вам новини")).count()
    };
    fake.wait_for("everyone subscribed", |f| subscribed(f) == SUBSCRIBERS as usize).await;
    let body = BroadcastBody::Message("Завтра центр не працює: немає світла.".into());
    let at = crate::helpers::kyiv(2026, 11, 23, 12, 0);
    app.store.create_broadcast_as(&coordinator, "sample-lvivska", &body, at).await.unwrap().unwrap();
    let got = |f: &FakeTelegram| texts(&f.calls("sendMessage")).iter().filter(|t| t.contains("немає світла")).count();
    fake.wait_for("a third of the broadcast", |f| got(f) >= 20).await;
    server.stop().await;
    let before = got(&fake);
    assert!(before < SUBSCRIBERS as usize, "stopped mid-way ({before})");

    let server = Server::start(&app, config()).await;
    fake.wait_for("the rest of the broadcast", |f| got(f) >= SUBSCRIBERS as usize).await;
    fake.wait_for("the report", |f| texts(&f.sent_to(COORDINATOR)).iter().any(|t| t.contains("доставлено 130"))).await;
    server.stop().await;
    let calls = fake.calls("sendMessage");
    let broadcast: Vec<_> =
        calls.iter().filter(|c| c.body["text"].as_str().unwrap_or("").contains("немає світла")).collect();
    let mut chats: Vec<i64> = broadcast.iter().map(|c| c.body["chat_id"].as_i64().unwrap()).collect();
    chats.sort_unstable();
    chats.dedup();
    assert_eq!(chats.len(), SUBSCRIBERS as usize, "everyone");
    assert_eq!(broadcast.len(), SUBSCRIBERS as usize, "nobody twice");
    // Never faster than 30 a second overall.
    for window in broadcast.windows(31) {
        let span = window[30].at - window[0].at;
        assert!(span >= Duration::from_millis(990), "31 messages within {span:?}");
    }
}

#[sqlx::test]
async fn a_checkin_in_crisis_makes_7333_tappable_and_coordinators_get_the_weekly_chart_as_a_picture(pool: PgPool) {
    use resilience_bot::domain::ChannelKind;
    use resilience_bot::domain::Person;
    let served = Served::start(pool, false).await;
    served.fake.push_update(callback_update(1, OLENA, "w"));
    served.fake.push_update(callback_update(2, OLENA, "wb"));
    served
        .fake
        .wait_for("the first question", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Запитання 1 з 5")))
        .await;
    let first = served.fake.sent_to(OLENA).into_iter().find(|c| callback_data(c).iter().any(|d| d.starts_with("wa:")));
    let answer = callback_data(&first.unwrap()).into_iter().find(|d| d.starts_with("wa:")).unwrap();
    let token = answer.split(':').nth(1).unwrap().to_owned();
    served.fake.push_update(callback_update(3, OLENA, &format!("wd:{token}:00000:-")));
    served
        .fake
        .wait_for("the result", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Ваш результат: 0 зі 100.")))
        .await;
    let result = served
        .fake
        .sent_to(OLENA)
        .into_iter()
        .find(|c| c.body["text"].as_str().is_some_and(|t| t.contains("Ваш результат")))
        .unwrap();
    let text = result.body["text"].as_str().unwrap();
    let entities = result.body["entities"].as_array().expect("tappable numbers");
    let tappable: Vec<String> = entities
        .iter()
        .filter(|e| e["type"] == "phone_number")
        .map(|e| {
            let units: Vec<u16> = text.encode_utf16().collect();
            let start = e["offset"].as_u64().unwrap() as usize;
            String::from_utf16(&units[start..start + e["length"].as_u64().unwrap() as usize]).unwrap()
        })
        .collect();
    assert!(tappable.contains(&"7333".to_owned()), "{tappable:?} in {text}");

    let coordinator = Person { channel: ChannelKind::Telegram, external_id: COORDINATOR.to_string() };
    served.app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();
    served.fake.push_update(text_update(4, COORDINATOR, "uk", "/stats"));
    served.fake.wait_for("the chart", |f| !f.calls("sendPhoto").is_empty()).await;
    let photo = &served.fake.calls("sendPhoto")[0].body;
    assert_eq!(photo["chat_id"], json!(COORDINATOR));
    assert_eq!(photo["caption"], "Середній бал WHO-5 за тижнями");
    assert!(photo["photo"].as_str().unwrap().contains("PNG"), "a PNG file");
    served
        .fake
        .wait_for("the figures", |f| texts(&f.sent_to(COORDINATOR)).iter().any(|t| t.contains("Уся Україна")))
        .await;
    served.stop().await;
}
