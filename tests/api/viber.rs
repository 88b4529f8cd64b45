//! The Viber channel through the real `serve` code path, against a fake Viber
//! API on 127.0.0.1, with callbacks signed as Viber signs them.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::StatusCode;
use resilience_bot::channel::queue::Outbox;
use resilience_bot::channel::viber::outbound::ViberOut;
use resilience_bot::channel::viber::{ViberClient, ViberConfig, ViberDelivery, signature};
use resilience_bot::domain::ChannelKind;
use resilience_bot::server::ServeConfig;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::fake_viber::{FakeViber, TOKEN};
use crate::helpers::{Server, TestApp, brute_force_nearest};

const OLENA: &str = "01234567890A=";
/// Above 2^53: a float would turn it into its neighbour.
const BIG_TOKEN: u64 = 9_007_199_254_740_993;

pub(crate) struct Served {
    pub(crate) fake: FakeViber,
    addr: SocketAddr,
    pub(crate) app: TestApp,
    server: Server,
}

impl Served {
    pub(crate) async fn start(pool: PgPool) -> Self {
        let app = TestApp::new(pool).await;
        let fake = FakeViber::start().await;
        // The webhook URL must be known before the server binds: pick a free port.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let http_addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let viber = ViberConfig {
            token: TOKEN.into(),
            api_url: fake.url.parse().unwrap(),
            webhook_url: Some(format!("http://{http_addr}/viber/webhook").parse().unwrap()),
            bot_name: "Центри життєстійкості".into(),
            broadcast_message: true,
        };
        let config = ServeConfig { http_addr, telegram: None, viber: Some(viber) };
        let server = Server::start(&app, config).await;
        let addr = server.addr;
        fake.wait_for("set_webhook", |f| f.webhook_check().is_some()).await;
        Self { fake, addr, app, server }
    }

    async fn post_raw(&self, signature: Option<String>, body: String) -> (StatusCode, String) {
        let mut request = reqwest::Client::new().post(format!("http://{}/viber/webhook", self.addr)).body(body);
        if let Some(signature) = signature {
            request = request.header("X-Viber-Content-Signature", signature);
        }
        let response = request.send().await.unwrap();
        (response.status(), response.text().await.unwrap_or_default())
    }

    /// Posts a callback signed with the bot's token, as Viber does.
    pub(crate) async fn post(&self, callback: &Value) -> (StatusCode, String) {
        let body = callback.to_string();
        self.post_raw(Some(signature::sign(TOKEN, body.as_bytes())), body).await
    }

    pub(crate) async fn stop(self) {
        self.server.stop().await;
    }
}

pub(crate) fn message(token: u64, user: &str, message: Value) -> Value {
    json!({
        "event": "message", "timestamp": 1_700_000_000_123u64, "message_token": token, "chat_hostname": "SN-1",
        "sender": { "id": user, "name": "Olena", "language": "uk", "country": "UA", "api_version": 10 },
        "message": message
    })
}

pub(crate) fn text(token: u64, user: &str, text: &str) -> Value {
    message(token, user, json!({ "type": "text", "text": text }))
}

pub(crate) fn texts(calls: &[crate::fake_viber::Call]) -> Vec<String> {
    calls.iter().filter_map(|c| c.body["text"].as_str().map(str::to_owned)).collect()
}

#[sqlx::test]
async fn start_up_registers_the_webhook_which_answers_viber_s_check(pool: PgPool) {
    let served = Served::start(pool).await;
    assert_eq!(served.fake.webhook_check(), Some(200));
    let registered = &served.fake.calls("set_webhook")[0];
    assert_eq!(registered.auth_token, TOKEN);
    assert_eq!(registered.body["url"], format!("http://{}/viber/webhook", served.addr));
    assert!(registered.body["event_types"].as_array().unwrap().contains(&json!("unsubscribed")));
    served.stop().await;
}

#[sqlx::test]
async fn a_shared_location_gets_the_nearest_centres_in_one_message_with_a_keyboard(pool: PgPool) {
    let served = Served::start(pool).await;
    let location = message(1, OLENA, json!({ "type": "location", "location": { "lat": 50.45, "lon": 30.52 } }));
    assert_eq!(served.post(&location).await.0, StatusCode::OK);
    served.fake.wait_for("the results", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Найближчі"))).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = served.fake.sent_to(OLENA);
    assert!(sent.iter().all(|c| c.body["sender"]["name"] == "Центри життєстійкості" && c.auth_token == TOKEN));
    // One message: the welcome of a first message leads the list, which has
    // no pin (each card has it a tap away).
    assert_eq!(sent.len(), 1, "{:?}", texts(&sent));
    assert!(texts(&sent)[0].starts_with("Вітаю!"), "{:?}", texts(&sent));
    let nearest = brute_force_nearest(50.45, 30.52, 3);
    let results = sent.iter().find(|c| c.body["text"].as_str().is_some_and(|t| t.contains("Найближчі"))).unwrap();
    let buttons = results.body["keyboard"]["Buttons"].as_array().expect("a keyboard");
    let bodies: Vec<&str> = buttons.iter().filter_map(|b| b["ActionBody"].as_str()).collect();
    let expected: Vec<String> = nearest.iter().map(|id| format!("btn:c:{id}")).collect();
    assert_eq!(bodies[..3], expected.iter().map(String::as_str).collect::<Vec<_>>()[..]);
    assert!(buttons.iter().all(|b| b["ActionType"] == "reply"));
    for call in &sent {
        assert!(call.body.to_string().len() < 30 * 1024);
    }
    served.stop().await;
}

#[sqlx::test]
async fn a_button_press_and_typed_places_work_like_in_the_terminal(pool: PgPool) {
    let served = Served::start(pool).await;
    served.post(&text(1, OLENA, "btn:find")).await;
    served
        .fake
        .wait_for("the location picker", |f| {
            f.sent_to(OLENA).iter().any(|c| c.body["keyboard"]["Buttons"][0]["ActionType"] == "location-picker")
        })
        .await;
    served.post(&text(2, OLENA, "Бровари")).await;
    served
        .fake
        .wait_for("Brovary", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("Бровари (Київська область)")))
        .await;
    served.post(&text(3, OLENA, "btn:c:sample-lvivska")).await;
    served
        .fake
        .wait_for("the Lviv card", |f| {
            texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("🏠 Центр життєстійкості Львівської"))
        })
        .await;
    served.stop().await;
}

#[sqlx::test]
async fn a_missing_or_wrong_signature_is_refused_before_the_body_is_read(pool: PgPool) {
    let served = Served::start(pool).await;
    let body = text(1, OLENA, "Бровари").to_string();
    assert_eq!(served.post_raw(None, body.clone()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(served.post_raw(Some("0".repeat(64)), body.clone()).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        served.post_raw(Some(signature::sign("other-token", body.as_bytes())), body.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    // Malformed JSON with a wrong signature is still a 403: it is never parsed.
    assert_eq!(served.post_raw(Some("zz".into()), "{not json".into()).await.0, StatusCode::FORBIDDEN);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(served.app.user_count().await, 0);
    assert!(served.fake.calls("send_message").is_empty());
    served.stop().await;
}

#[sqlx::test]
async fn malformed_oversized_and_unknown_callbacks_are_answered_properly(pool: PgPool) {
    let served = Served::start(pool).await;
    let malformed = "{not json".to_owned();
    let signed = signature::sign(TOKEN, malformed.as_bytes());
    assert_eq!(served.post_raw(Some(signed), malformed).await.0, StatusCode::BAD_REQUEST);
    let huge = format!("{{\"event\":\"message\",\"pad\":\"{}\"}}", "x".repeat(1024 * 1024));
    let signed = signature::sign(TOKEN, huge.as_bytes());
    assert_eq!(served.post_raw(Some(signed), huge).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    let unknown = json!({ "event": "client_status", "timestamp": 1_700_000_000_000u64 });
    assert_eq!(served.post(&unknown).await.0, StatusCode::OK);
    served.stop().await;
}

#[sqlx::test]
async fn conversation_started_is_welcomed_in_the_response_and_stores_nothing(pool: PgPool) {
    let served = Served::start(pool).await;
    let started = json!({
        "event": "conversation_started", "timestamp": 1_700_000_000_000u64, "message_token": 42u64,
        "type": "open", "context": "", "subscribed": false,
        "user": { "id": "new-user=", "name": "John", "language": "en-GB", "country": "GB", "api_version": 10 }
    });
    let (status, body) = served.post(&started).await;
    assert_eq!(status, StatusCode::OK);
    let welcome: Value = serde_json::from_str(&body).expect("a JSON welcome");
    assert_eq!(welcome["type"], "text");
    assert!(welcome["text"].as_str().unwrap().starts_with("Hello!"), "{welcome}");
    assert_eq!(welcome["sender"]["name"], "Центри життєстійкості");
    assert_eq!(welcome["keyboard"]["Buttons"][0]["ActionBody"], "btn:find");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(served.fake.calls("send_message").is_empty(), "nothing is sent to someone who has not written");
    assert_eq!(served.app.user_count().await, 0);
    served.stop().await;
}

#[sqlx::test]
async fn an_unsubscribed_user_is_never_messaged_again(pool: PgPool) {
    let served = Served::start(pool).await;
    served.post(&text(1, OLENA, "/help")).await;
    served.fake.wait_for("the help", |f| !f.sent_to(OLENA).is_empty()).await;
    let unsubscribed =
        json!({ "event": "unsubscribed", "timestamp": 1_700_000_000_000u64, "user_id": OLENA, "message_token": 7u64 });
    assert_eq!(served.post(&unsubscribed).await.0, StatusCode::OK);
    assert!(!served.app.store.is_active(ChannelKind::Viber, OLENA).await.unwrap());

    // Nothing the bot starts reaches them: a notice due to them (a check-in
    // reminder) is marked unreachable by the worker and never sent.
    let before = served.fake.calls("send_message").len();
    let olena = resilience_bot::domain::Person { channel: ChannelKind::Viber, external_id: OLENA.into() };
    let today = crate::helpers::monday_noon().date_naive();
    served.app.store.set_checkin_reminder(&olena, today).await.unwrap();
    served.app.conversation.schedule_reminders().await.unwrap();
    assert_eq!(crate::helpers::notice_outcome(served.app.store.pool(), OLENA).await, "unreachable");
    assert_eq!(served.fake.calls("send_message").len(), before);
    // A reply to someone the bot has just forgotten at their request (no
    // row) still goes: replies answer a person who has just written.
    let client = ViberClient::new(served.fake.url.parse().unwrap(), TOKEN.into(), "Бот").unwrap();
    let outbox = Outbox::new(ViberDelivery { client, store: served.app.store.clone() });
    let note = ViberOut { kind: "text", text: Some("Готово".into()), location: None, keyboard: None };
    outbox.enqueue("stranger=".to_owned(), vec![note]).await;
    while !outbox.is_idle() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let sent = served.fake.calls("send_message");
    assert_eq!(sent.len(), before + 1);
    assert_eq!(sent[before].body["receiver"], "stranger=");
    served.stop().await;
}

#[sqlx::test]
async fn status_6_marks_the_user_inactive_and_drops_the_rest(pool: PgPool) {
    let served = Served::start(pool).await;
    served.fake.answer_with("send_message", &[6]);
    // A first message is answered with two messages: the second must not be tried.
    served.post(&text(1, OLENA, "Бровари")).await;
    let store = served.app.store.clone();
    let mut inactive = false;
    for _ in 0..200 {
        if !store.is_active(ChannelKind::Viber, OLENA).await.unwrap() {
            inactive = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(inactive);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(served.fake.sent_to(OLENA).len(), 1);
    served.stop().await;
}

#[sqlx::test]
async fn status_12_is_retried_after_a_pause(pool: PgPool) {
    let served = Served::start(pool).await;
    served.fake.answer_with("send_message", &[12, 12]);
    // One message: the welcome leads the help of a first message.
    served.post(&text(1, OLENA, "/help")).await;
    served.fake.wait_for("the delivered help", |f| f.sent_to(OLENA).len() >= 3).await;
    let sent = served.fake.sent_to(OLENA);
    assert_eq!(sent[0].body["text"], sent[2].body["text"], "the same message until it went through");
    assert!(sent[2].at - sent[0].at >= Duration::from_millis(1400), "waited {:?}", sent[2].at - sent[0].at);
    served.stop().await;
}

#[sqlx::test]
async fn a_repeated_message_token_above_2_53_is_applied_once(pool: PgPool) {
    let served = Served::start(pool).await;
    let callback = text(BIG_TOKEN, OLENA, "Бровари");
    assert_eq!(served.post(&callback).await.0, StatusCode::OK);
    assert_eq!(served.post(&callback).await.0, StatusCode::OK);
    // Its float neighbour is a different message.
    assert_eq!(served.post(&text(BIG_TOKEN - 1, OLENA, "lviv")).await.0, StatusCode::OK);
    served
        .fake
        .wait_for("both answers", |f| {
            let t = texts(&f.sent_to(OLENA));
            t.iter().any(|t| t.contains("Бровари (Київська")) && t.iter().any(|t| t.contains("Львів (Львівська"))
        })
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let brovary = texts(&served.fake.sent_to(OLENA)).iter().filter(|t| t.contains("Бровари (Київська")).count();
    assert_eq!(brovary, 1);
    let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM applied_delivery WHERE channel = 'viber' ORDER BY key")
        .fetch_all(served.app.store.pool())
        .await
        .unwrap();
    assert_eq!(keys, vec![(BIG_TOKEN - 1).to_string(), BIG_TOKEN.to_string()]);
    served.stop().await;
}

#[sqlx::test]
async fn two_concurrent_messages_of_one_user_are_both_applied(pool: PgPool) {
    let served = Served::start(pool).await;
    let (switch, search) = (text(11, OLENA, "btn:lang:en"), text(12, OLENA, "Бровари"));
    let (first, second) = tokio::join!(served.post(&switch), served.post(&search));
    assert_eq!((first.0, second.0), (StatusCode::OK, StatusCode::OK));
    served
        .fake
        .wait_for("two answers", |f| {
            let t = texts(&f.sent_to(OLENA));
            t.iter().any(|t| t.contains("we’ll continue in English"))
                && t.iter().any(|t| t.contains("Brovary") || t.contains("Бровари"))
        })
        .await;
    assert_eq!(served.app.user_count().await, 1);
    let language: String =
        sqlx::query_scalar("SELECT language FROM chat_user").fetch_one(served.app.store.pool()).await.unwrap();
    assert_eq!(language, "en", "the language change was not lost");
    let applied: i64 =
        sqlx::query_scalar("SELECT count(*) FROM applied_delivery").fetch_one(served.app.store.pool()).await.unwrap();
    assert_eq!(applied, 2);
    served.stop().await;
}

#[sqlx::test]
async fn contacts_and_pictures_get_polite_answers_and_receipts_are_accepted_but_not_kept(pool: PgPool) {
    let served = Served::start(pool).await;
    let contact =
        message(1, OLENA, json!({ "type": "contact", "contact": { "name": "O", "phone_number": "+380671234567" } }));
    served.post(&contact).await;
    served.post(&message(2, OLENA, json!({ "type": "picture", "media": "https://example.org/x.jpg" }))).await;
    served
        .fake
        .wait_for("two answers", |f| {
            let t = texts(&f.sent_to(OLENA));
            t.iter().any(|t| t.contains("номер телефону мені не потрібен"))
                && t.iter().any(|t| t.contains("я розумію лише текст"))
        })
        .await;
    let stored = sqlx::query_scalar::<_, String>("SELECT state::text FROM chat_user")
        .fetch_one(served.app.store.pool())
        .await
        .unwrap();
    assert!(!stored.contains("380671234567"), "the phone number is not kept");
    let delivered = json!({ "event": "delivered", "timestamp": 1_700_000_000_000u64, "message_token": BIG_TOKEN, "user_id": OLENA });
    assert_eq!(served.post(&delivered).await.0, StatusCode::OK);
    // A receipt names a person and when a message reached them: not kept.
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' \
         AND column_name IN ('user_id', 'message_token')",
    )
    .fetch_one(served.app.store.pool())
    .await
    .unwrap();
    assert_eq!(tables, 0, "no table keeps Viber receipts");
    served.stop().await;
}

const COORDINATOR: &str = "coordinator+id=";
const TARAS: &str = "taras+viber=";

fn buttons(call: &crate::fake_viber::Call) -> Vec<String> {
    call.body["keyboard"]["Buttons"]
        .as_array()
        .map(|b| b.iter().filter_map(|b| b["ActionBody"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// The Lviv group (one seat): Olena takes it, Taras waits.
async fn olena_signed_up_and_taras_waiting(served: &Served) {
    crate::helpers::import_sample_groups(&served.app, 1).await;
    let mut token = 100;
    for (user, answer) in [(OLENA, "✅ Вас записано"), (TARAS, "Усі місця вже зайняті")] {
        for body in ["btn:join:lviv-pws", "btn:skip:n:lviv-pws", "btn:skip:p:lviv-pws"] {
            token += 1;
            served.post(&text(token, user, body)).await;
        }
        served.fake.wait_for(answer, |f| texts(&f.sent_to(user)).iter().any(|t| t.starts_with(answer))).await;
    }
}

#[sqlx::test]
async fn groups_on_viber_list_instead_of_a_file_and_notices_reach_only_subscribed_people(pool: PgPool) {
    use resilience_bot::domain::Person;
    let served = Served::start(pool).await;
    olena_signed_up_and_taras_waiting(&served).await;
    let coordinator = Person { channel: ChannelKind::Viber, external_id: COORDINATOR.into() };
    served.app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();

    served.post(&text(201, COORDINATOR, "/coordinate")).await;
    served.post(&text(202, COORDINATOR, "btn:kg:lviv-pws")).await;
    served
        .fake
        .wait_for("the group screen", |f| {
            f.sent_to(COORDINATOR).iter().any(|c| buttons(c).contains(&"btn:kk:lviv-pws".into()))
        })
        .await;
    let screen = served.fake.sent_to(COORDINATOR).into_iter().find(|c| buttons(c).contains(&"btn:kk:lviv-pws".into()));
    assert!(!buttons(&screen.unwrap()).contains(&"btn:kf:lviv-pws".into()), "Viber cannot take a file from memory");
    // A forged file request gets the list page instead.
    served.post(&text(203, COORDINATOR, "btn:kf:lviv-pws")).await;
    served
        .fake
        .wait_for("the list", |f| texts(&f.sent_to(COORDINATOR)).iter().any(|t| t.contains("сторінка 1 з 1")))
        .await;

    // Taras unsubscribes; then Olena leaves and the seat goes to him: he is not messaged.
    let unsubscribed =
        json!({ "event": "unsubscribed", "timestamp": 1_700_000_000_000u64, "user_id": TARAS, "message_token": 7u64 });
    assert_eq!(served.post(&unsubscribed).await.0, StatusCode::OK);
    served.post(&text(204, OLENA, "btn:mine")).await;
    served
        .fake
        .wait_for("my sign-ups", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.starts_with("Ваші записи:")))
        .await;
    let signup: i64 = sqlx::query_scalar("SELECT id FROM signup WHERE external_id = $1")
        .bind(OLENA)
        .fetch_one(served.app.store.pool())
        .await
        .unwrap();
    served.post(&text(205, OLENA, &format!("btn:leave:{signup}"))).await;
    served.fake.wait_for("left", |f| texts(&f.sent_to(OLENA)).iter().any(|t| t.starts_with("Запис скасовано."))).await;
    assert_eq!(crate::helpers::notice_outcome(served.app.store.pool(), TARAS).await, "unreachable");
    assert!(!texts(&served.fake.sent_to(TARAS)).iter().any(|t| t.contains("Звільнилося місце")));

    // The coordinator cancels the group: Taras's seat ends, and Olena, who left, is not told.
    served.post(&text(206, COORDINATOR, "btn:kxx:lviv-pws")).await;
    served
        .fake
        .wait_for("the coordinator's report", |f| {
            texts(&f.sent_to(COORDINATOR)).iter().any(|t| t.starts_with("Групу скасовано."))
        })
        .await;
    assert!(!texts(&served.fake.sent_to(OLENA)).iter().any(|t| t.starts_with("❗")));
    served.stop().await;
}

#[sqlx::test]
async fn a_promotion_on_viber_is_sent_by_the_notice_worker(pool: PgPool) {
    let served = Served::start(pool).await;
    olena_signed_up_and_taras_waiting(&served).await;
    let signup: i64 = sqlx::query_scalar("SELECT id FROM signup WHERE external_id = $1")
        .bind(OLENA)
        .fetch_one(served.app.store.pool())
        .await
        .unwrap();
    served.post(&text(300, OLENA, &format!("btn:leave:{signup}"))).await;
    served
        .fake
        .wait_for("the promotion", |f| texts(&f.sent_to(TARAS)).iter().any(|t| t.starts_with("🎉 Звільнилося місце")))
        .await;
    let promotion = served.fake.sent_to(TARAS).into_iter().last().unwrap();
    assert!(buttons(&promotion).iter().any(|b| b.starts_with("btn:decline:")), "{:?}", buttons(&promotion));
    served.stop().await;
}

#[sqlx::test]
async fn broadcasts_go_by_broadcast_message_and_its_failed_list_is_honoured(pool: PgPool) {
    use resilience_bot::domain::Person;
    use resilience_bot::store::BroadcastBody;
    let served = Served::start(pool).await;
    let coordinator = Person { channel: ChannelKind::Viber, external_id: COORDINATOR.into() };
    served.app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();
    served.post(&text(1, COORDINATOR, "меню")).await;
    for (token, user) in [(2, OLENA), (3, TARAS), (4, "third+viber=")] {
        served.post(&text(token, user, "btn:sub:sample-lvivska")).await;
    }
    served
        .fake
        .wait_for("three subscriptions", |f| {
            [OLENA, TARAS, "third+viber="]
                .iter()
                .all(|u| texts(&f.sent_to(u)).iter().any(|t| t.contains("надсилатиме вам")))
        })
        .await;
    served.fake.fail_receiver(TARAS, 6);
    let body = BroadcastBody::Message("Сьогодні зачинено.".into());
    let at = crate::helpers::kyiv(2026, 11, 23, 12, 0);
    served.app.store.create_broadcast_as(&coordinator, "sample-lvivska", &body, at).await.unwrap().unwrap();
    served
        .fake
        .wait_for("the report", |f| {
            texts(&f.sent_to(COORDINATOR)).iter().any(|t| t.contains("доставлено 2, заблокували бота 1"))
        })
        .await;
    let calls = served.fake.calls("broadcast_message");
    assert_eq!(calls.len(), 1, "one call for the three");
    let mut list: Vec<&str> =
        calls[0].body["broadcast_list"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    list.sort_unstable();
    assert_eq!(list, vec![OLENA, TARAS, "third+viber="]);
    assert!(calls[0].body["text"].as_str().unwrap().contains("Сьогодні зачинено."));
    assert!(!served.app.store.is_active(ChannelKind::Viber, TARAS).await.unwrap(), "status 6: unsubscribed");
    served.stop().await;
}

#[sqlx::test]
async fn forget_on_viber_deletes_olena_and_her_seat_goes_to_taras_who_is_told(pool: PgPool) {
    let served = Served::start(pool).await;
    olena_signed_up_and_taras_waiting(&served).await;
    served.post(&text(400, OLENA, "/forget")).await;
    served
        .fake
        .wait_for("the confirmation", |f| {
            texts(&f.sent_to(OLENA)).iter().any(|t| t.contains("бот знав про вас, видалено"))
        })
        .await;
    served
        .fake
        .wait_for("the promotion", |f| texts(&f.sent_to(TARAS)).iter().any(|t| t.starts_with("🎉 Звільнилося місце")))
        .await;
    let known: i64 = sqlx::query_scalar("SELECT count(*) FROM chat_user WHERE external_id = $1")
        .bind(OLENA)
        .fetch_one(served.app.store.pool())
        .await
        .unwrap();
    assert_eq!(known, 0);
    served.stop().await;
}

#[sqlx::test]
async fn a_deep_links_centre_context_is_answered_with_that_centres_card_and_an_invitation_with_the_welcome(
    pool: PgPool,
) {
    let served = Served::start(pool).await;
    let centre = served.app.store.centres().await.unwrap()[2].clone();
    let started = |context: String| {
        json!({
            "event": "conversation_started", "timestamp": 1_700_000_000_000u64, "message_token": 43u64,
            "type": "open", "context": context, "subscribed": false,
            "user": { "id": "poster-reader=", "name": "Oksana", "language": "uk", "api_version": 10 }
        })
    };
    let (status, body) = served.post(&started(format!("centre-{}", centre.id.as_str()))).await;
    assert_eq!(status, StatusCode::OK);
    let card: Value = serde_json::from_str(&body).expect("a JSON answer");
    assert!(body.contains(&centre.name_uk), "the poster's centre: {card}");

    // An invitation cannot be used before the person writes: only the welcome.
    let (_, body) = served.post(&started(format!("coord-{}", "ab".repeat(10)))).await;
    let welcome: Value = serde_json::from_str(&body).expect("a JSON welcome");
    assert!(welcome["text"].as_str().unwrap().starts_with("Вітаю"), "{welcome}");
    assert_eq!(served.app.user_count().await, 0, "nothing is stored");
    served.stop().await;
}
