//! Messages to a centre's subscribers from the operator desk: the preview
//! in each subscriber language with how many will get it, the bot's rules
//! for the text and the time, scheduling and cancelling, the progress, the
//! audit rows, and, in Chromium, a coordinator's message delivered by the
//! real `serve` worker to a fake Telegram once for each subscriber.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use resilience_bot::channel::telegram::TelegramConfig;
use resilience_bot::conversation::{Action, NoticeSender};
use resilience_bot::domain::{CentreId, ChannelKind, Language, Person};
use resilience_bot::i18n::{Catalog, Text};
use resilience_bot::server::ServeConfig;
use sqlx::PgPool;

use crate::desk::Desk;
use crate::desk_browser::Browser;
use crate::desk_groups::{CENTRE, bot, coordinator, group, unescape};
use crate::fake_telegram::FakeTelegram;
use crate::helpers::{Recorder, Server, TestApp};
use crate::telegram::{callback_update, text_update, texts};

async fn subscribe(desk: &Desk, who: &str, language: Language) {
    desk.app.press(who, language, &Action::Subscribe(CentreId::parse(CENTRE).unwrap())).await;
}

async fn broadcasts(desk: &Desk) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT id, status FROM broadcast ORDER BY id").fetch_all(desk.app.store.pool()).await.unwrap()
}

#[sqlx::test]
async fn a_message_is_previewed_in_each_language_with_its_readers_then_scheduled_cancelled_or_sent(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group(&desk, 10).await;
    subscribe(&desk, "s1", Language::Uk).await;
    subscribe(&desk, "s2", Language::Uk).await;
    subscribe(&desk, "s3", Language::En).await;
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let path = format!("/centres/{CENTRE}/messages");
    let page = unescape(&desk.get(&path, Some(&cookie)).await.text().await.unwrap());
    assert!(page.contains("3 підписники · українською: 2 · англійською: 1"), "{page}");

    let message = "csrf={csrf}&kind=message&text=%D0%97%D0%B0%D0%B2%D1%82%D1%80%D0%B0+%D0%BD%D0%B5+%D0%BF%D1%80%D0%B0%D1%86%D1%8E%D1%94%D0%BC%D0%BE.&at=";
    let message = message.replace("{csrf}", &csrf);
    let preview = desk.post(&format!("{path}/preview"), Some(&cookie), &message).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let preview = unescape(&preview.text().await.unwrap());
    let catalog = Catalog::load().unwrap();
    let centre = desk.app.store.centres().await.unwrap().into_iter().find(|c| c.id.as_str() == CENTRE).unwrap();
    for (language, name, readers) in [(Language::Uk, &centre.name_uk, 2), (Language::En, &centre.name_en, 1)] {
        let from = catalog.render(language, &Text::new("broadcast-from").plain("centre", name.as_str()));
        let section = preview.split(&format!("id=\"preview-{}\"", language.code())).nth(1).unwrap();
        let section = section.split("</section>").next().unwrap();
        assert!(section.contains(&from) && section.contains("Завтра не працюємо."), "{section}");
        assert!(section.contains(&format!("· {readers} ")), "{section}");
    }
    assert!(preview.contains(&bot(Text::new("broadcast-preview-now").count("subscribers", 3))), "{preview}");
    let stop = catalog.render(Language::En, &Text::new("subscribe-stop"));
    assert!(preview.contains(&format!("<span class=\"button\">{stop}</span>")), "the buttons under it: {preview}");
    let schedule = desk.post(&format!("{path}/preview"), Some(&cookie), &format!("csrf={csrf}&kind=schedule")).await;
    let schedule = unescape(&schedule.text().await.unwrap());
    assert!(schedule.contains(&bot(Text::new("broadcast-schedule-title").plain("centre", centre.name_uk.as_str()))));
    assert!(broadcasts(&desk).await.is_empty(), "a preview sends nothing");

    let too_long = "я".repeat(3001);
    for body in [format!("csrf={csrf}&kind=message&text=+++"), format!("csrf={csrf}&kind=message&text={too_long}")] {
        let refused = desk.post(&path, Some(&cookie), &body).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let words = bot(Text::new("broadcast-bad-length").count("max", 3000));
        assert!(unescape(&refused.text().await.unwrap()).contains(&words));
    }
    let past = desk.post(&path, Some(&cookie), &format!("{message}01.01.2020+09:00")).await;
    assert_eq!(past.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unescape(&past.text().await.unwrap()).contains(&bot(Text::new("draft-past-date"))));
    assert!(broadcasts(&desk).await.is_empty());

    let tomorrow = (Utc::now() + chrono::Duration::days(1)).with_timezone(&chrono_tz::Europe::Kyiv);
    let at = tomorrow.format("%d.%m.%Y+09:00").to_string();
    let scheduled = desk.post(&path, Some(&cookie), &format!("{message}{at}")).await;
    assert_eq!(scheduled.status(), StatusCode::SEE_OTHER);
    let queued = broadcasts(&desk).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].1, "scheduled");
    let send_at: chrono::DateTime<Utc> =
        sqlx::query_scalar("SELECT send_at FROM broadcast").fetch_one(desk.app.store.pool()).await.unwrap();
    assert_eq!(
        send_at.with_timezone(&chrono_tz::Europe::Kyiv).format("%d.%m.%Y %H:%M").to_string(),
        at.replace('+', " ")
    );
    let listed = desk.get(&path, Some(&cookie)).await.text().await.unwrap();
    assert!(listed.contains(&format!("id=\"cancel-{}\"", queued[0].0)) && listed.contains("заплановано"), "{listed}");
    assert!(!listed.contains("http-equiv=\"refresh\""), "nothing is going out");
    let cancel = desk.post(&format!("{path}/{}/cancel", queued[0].0), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(cancel.status(), StatusCode::SEE_OTHER);
    assert_eq!(broadcasts(&desk).await[0].1, "cancelled");
    let again = desk.post(&format!("{path}/{}/cancel", queued[0].0), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    let now = desk.post(&path, Some(&cookie), &message).await;
    assert_eq!(now.status(), StatusCode::SEE_OTHER);
    let going = desk.get(&path, Some(&cookie)).await.text().await.unwrap();
    assert!(going.contains("http-equiv=\"refresh\""), "the page follows it while it goes: {going}");
    let recorder = Arc::new(Recorder::default());
    let senders: Vec<Arc<dyn NoticeSender>> = vec![recorder.clone()];
    let worker = desk.app.restarted(Utc::now());
    while worker.run_broadcasts(&senders).await.unwrap() > 0 {}
    let mut to: Vec<String> = recorder.sent.lock().unwrap().iter().map(|(to, _)| to.clone()).collect();
    to.sort_unstable();
    assert_eq!(to, ["s1", "s2", "s3"]);
    let done = unescape(&desk.get(&path, Some(&cookie)).await.text().await.unwrap());
    assert!(done.contains("надіслано</td><td class=\"sent\">3</td>"), "{done}");
    assert!(!done.contains("http-equiv=\"refresh\""));

    let audit: Vec<String> = crate::desk::changes(&desk).await.into_iter().rev().map(|e| e.action).collect();
    assert_eq!(audit, ["send-message", "cancel-message", "send-message"]);
}

#[sqlx::test]
async fn a_coordinator_sends_a_message_from_the_desk_and_each_telegram_subscriber_gets_it_once(pool: PgPool) {
    const COORDINATOR: i64 = 900;
    const SUBSCRIBERS: i64 = 3;
    // The desk queues the message for the real now; the bot's worker (whose
    // clock tests fix) runs ten minutes later, so the message is due for it.
    let bot = TestApp::at(pool.clone(), Utc::now() + chrono::Duration::minutes(10)).await;
    let desk = Desk::start(pool).await;
    let fake = FakeTelegram::start().await;
    let telegram = TelegramConfig::new("123:TEST".into(), fake.url.parse().unwrap(), None, None).unwrap();
    let config = ServeConfig { http_addr: "127.0.0.1:0".parse().unwrap(), telegram: Some(telegram), viber: None };
    let server = Server::start(&bot, config).await;
    let coordinator = Person { channel: ChannelKind::Telegram, external_id: COORDINATOR.to_string() };
    desk.app.store.add_coordinator(CENTRE, &coordinator).await.unwrap();
    fake.push_update(text_update(1, COORDINATOR, "uk", "/start"));
    for chat in 1..=SUBSCRIBERS {
        fake.push_update(callback_update(chat + 1, 1000 + chat, &format!("sub:{CENTRE}")));
    }
    let subscribed = |f: &FakeTelegram| {
        texts(&f.calls("sendMessage")).iter().filter(|t| t.contains("надсилатиме вам новини")).count()
    };
    fake.wait_for("everyone subscribed", |f| subscribed(f) == SUBSCRIBERS as usize).await;

    let token = desk.app.store.create_desk_link(&coordinator, Utc::now()).await.unwrap().unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&format!("{}/sign-in/{token}", desk.base)).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    // The groups and a sign-up list, for the README's pictures.
    group(&desk, 12).await;
    desk.app.say("olena", Language::Uk, "меню").await;
    let phone = resilience_bot::domain::Phone::parse("067 123 45 67").unwrap();
    let olena = crate::desk::console("olena");
    desk.app.store.sign_up("desk-pws", &olena, Some("Олена"), Some(&phone), Utc::now()).await.unwrap();
    browser.client.goto(&format!("{}/centres/{CENTRE}/groups", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("1 / 12"));
    browser.screenshot("groups").await;
    browser.client.goto(&format!("{}/centres/{CENTRE}/groups/desk-pws/signups", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("Олена"));
    browser.screenshot("signups").await;
    browser.client.goto(&format!("{}/centres/{CENTRE}", desk.base)).await.unwrap();
    browser
        .client
        .find(fantoccini::Locator::Css("#centre-groups-messages a + a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let text = browser.client.wait().for_element(fantoccini::Locator::Css("#message-text")).await.unwrap();
    text.send_keys("Завтра центр не працює: немає світла.").await.unwrap();
    browser.submit("#message-preview", "#preview-uk").await;
    let preview = browser.text().await;
    assert!(preview.contains("Завтра центр не працює: немає світла.") && preview.contains("3 підписники"), "{preview}");
    browser.screenshot("messages-preview").await;
    browser.submit("#message-send", "#messages").await;

    let got = |f: &FakeTelegram| texts(&f.calls("sendMessage")).iter().filter(|t| t.contains("немає світла")).count();
    fake.wait_for("the message to every subscriber", |f| got(f) >= SUBSCRIBERS as usize).await;
    // The page refreshes itself until the message has gone to everyone.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let page = browser.text().await;
        if page.contains("надіслано") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the list never showed it sent: {page}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    browser.screenshot("messages").await;
    server.stop().await;

    let calls = fake.calls("sendMessage");
    let mut chats: Vec<i64> = calls
        .iter()
        .filter(|c| c.body["text"].as_str().unwrap_or("").contains("немає світла"))
        .map(|c| c.body["chat_id"].as_i64().unwrap())
        .collect();
    chats.sort_unstable();
    assert_eq!(chats, [1001, 1002, 1003], "each subscriber once, nobody else");
}
