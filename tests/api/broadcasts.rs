//! Coordinators' messages to a centre's subscribers: compose, preview,
//! send now or later, cancel, progress and report, over a durable queue.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use resilience_bot::conversation::{Action, NoticeSender};
use resilience_bot::domain::{CentreId, ChannelKind, Language, Person};
use sqlx::PgPool;

use crate::helpers::{Recorder, TestApp, import_sample_groups, kyiv};

const UK: Language = Language::Uk;
const COORDINATOR: &str = "coordinator";

fn lviv() -> CentreId {
    CentreId::parse("sample-lvivska").unwrap()
}

async fn setup(pool: PgPool, subscribers: usize) -> TestApp {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    let person = Person { channel: ChannelKind::Console, external_id: COORDINATOR.into() };
    app.store.add_coordinator("sample-lvivska", &person).await.unwrap();
    app.say(COORDINATOR, UK, "меню").await;
    for i in 0..subscribers {
        app.press(&format!("s{i}"), UK, &Action::Subscribe(lviv())).await;
    }
    app
}

/// Runs broadcast rounds at `now` until nothing is left; returns what was sent.
async fn work(app: &TestApp, now: DateTime<Utc>, recorder: Arc<Recorder>) -> Vec<(String, String)> {
    let conversation = app.restarted(now);
    let senders: Vec<Arc<dyn NoticeSender>> = vec![recorder.clone()];
    while conversation.run_broadcasts(&senders).await.unwrap() > 0 {}
    let sent = recorder.sent.lock().unwrap();
    sent.iter().map(|(to, outgoing)| (to.clone(), app.render(outgoing).text())).collect()
}

#[sqlx::test]
async fn a_coordinator_previews_a_message_sends_it_and_gets_a_report(pool: PgPool) {
    let app = setup(pool, 3).await;
    let desk = app.say(COORDINATOR, UK, "/coordinate").await;
    assert!(desk.text().contains("Підписників на новини: 3"), "{}", desk.text());
    let list = app.press(COORDINATOR, UK, &desk.button("Підписникам:")).await;
    assert!(list.text().contains("Повідомлень ще не було."), "{}", list.text());
    let ask = app.press(COORDINATOR, UK, &list.button("Нове повідомлення")).await;
    assert!(ask.text().contains("для підписників центру (зараз їх 3)"), "{}", ask.text());
    let empty = app.say(COORDINATOR, UK, "   ").await;
    assert!(empty.text().contains("не довший за 3000 символів"), "{}", empty.text());
    let long = app.say(COORDINATOR, UK, &"я".repeat(3001)).await;
    assert!(long.text().contains("не довший за 3000 символів"), "{}", long.text());
    let preview = app.say(COORDINATOR, UK, "Сьогодні центр зачинено: немає світла.").await;
    let text = preview.text();
    assert!(text.contains("📣 Центр життєстійкості Львівської громади:"), "{text}");
    assert!(text.contains("Сьогодні центр зачинено: немає світла."), "{text}");
    assert!(text.contains("Повідомлення буде надіслано зараз; отримають 3 підписники."), "{text}");
    let none: i64 = sqlx::query_scalar("SELECT count(*) FROM broadcast").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(none, 0, "nothing goes before it is confirmed");

    let sending = app.press(COORDINATOR, UK, &preview.button("Надіслати зараз")).await;
    assert!(sending.text().contains("📣 Надсилаю."), "{}", sending.text());
    let blocked = Recorder { blocked: HashSet::from(["s2".to_owned()]), ..Recorder::default() };
    let sent = work(&app, kyiv(2026, 11, 23, 12, 1), Arc::new(blocked)).await;
    let mut to: Vec<&str> = sent.iter().map(|(to, _)| to.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, vec!["s0", "s1"]);
    assert!(sent[0].1.contains("Сьогодні центр зачинено"), "{}", sent[0].1);
    let report = app.notices_for(COORDINATOR, kyiv(2026, 11, 23, 12, 2)).await;
    assert_eq!(report.len(), 1);
    assert!(
        report[0].text().contains(
            "надіслано (Центр життєстійкості Львівської громади): доставлено 2, заблокували бота 1, не вдалося 0"
        ),
        "{}",
        report[0].text()
    );
    let list = app.press(COORDINATOR, UK, &Action::Broadcasts(lviv())).await;
    assert!(list.text().contains("надіслано — доставлено 2, заблокували бота 1"), "{}", list.text());
    // A second run sends nothing again.
    assert!(work(&app, kyiv(2026, 11, 23, 12, 5), Arc::new(Recorder::default())).await.is_empty());
}

#[sqlx::test]
async fn this_week_s_schedule_is_written_in_each_subscriber_s_language(pool: PgPool) {
    let app = setup(pool, 1).await;
    app.press("english", Language::En, &Action::Subscribe(lviv())).await;
    let compose = app.press(COORDINATOR, UK, &Action::BroadcastNew(lviv())).await;
    let preview = app.press(COORDINATOR, UK, &compose.button("Розклад на тиждень")).await;
    assert!(
        preview.text().contains("📅 Центр життєстійкості Львівської громади: розклад на цей тиждень"),
        "{}",
        preview.text()
    );
    app.press(COORDINATOR, UK, &preview.button("Надіслати зараз")).await;
    // On Wednesday 25 November the first session (Tuesday 1 December) is within the week.
    let sent = work(&app, kyiv(2026, 11, 25, 10, 0), Arc::new(Recorder::default())).await;
    let english = &sent.iter().find(|(to, _)| to == "english").unwrap().1;
    assert!(english.contains(": this week’s schedule"), "{english}");
    assert!(english.contains("Parenting Without Stress: 1. 1 December 2026 (Tue), 18:00–19:30"), "{english}");
    let ukrainian = &sent.iter().find(|(to, _)| to == "s0").unwrap().1;
    assert!(ukrainian.contains("Батьківство без стресу: 1. 01.12.2026 (Вт), 18:00–19:30"), "{ukrainian}");
}

#[sqlx::test]
async fn a_scheduled_message_waits_for_its_time_and_can_be_cancelled_until_then(pool: PgPool) {
    let app = setup(pool, 2).await;
    let schedule = |text: &'static str, at: &'static str| {
        let app = &app;
        async move {
            app.press(COORDINATOR, UK, &Action::BroadcastNew(lviv())).await;
            let preview = app.say(COORDINATOR, UK, text).await;
            let ask = app.press(COORDINATOR, UK, &preview.button("Надіслати пізніше")).await;
            assert!(ask.text().contains("Коли надіслати?"), "{}", ask.text());
            let past = app.say(COORDINATOR, UK, "01.01.2026 09:00").await;
            assert!(past.text().contains("Цей час уже минув."), "{}", past.text());
            let preview = app.say(COORDINATOR, UK, at).await;
            assert!(preview.text().contains("Повідомлення буде надіслано"), "{}", preview.text());
            let done = app.press(COORDINATOR, UK, &preview.button("Запланувати")).await;
            assert!(done.text().contains("🗓 Заплановано на"), "{}", done.text());
        }
    };
    schedule("Перше", "30.11.2026 09:00").await;
    schedule("Друге", "30.11.2026 10:00").await;
    assert!(work(&app, kyiv(2026, 11, 30, 8, 59), Arc::new(Recorder::default())).await.is_empty(), "not yet");
    let list = app.press(COORDINATOR, UK, &Action::Broadcasts(lviv())).await;
    assert!(list.text().contains("заплановано"), "{}", list.text());
    let second: i64 =
        sqlx::query_scalar("SELECT id FROM broadcast WHERE body = 'Друге'").fetch_one(app.store.pool()).await.unwrap();
    // Someone who does not coordinate the centre cannot cancel it.
    let forged = app.press("s0", UK, &Action::BroadcastCancel(second)).await;
    assert!(forged.text().contains("не можна скасувати"), "{}", forged.text());
    let cancelled = app.press(COORDINATOR, UK, &list.button(&format!("Скасувати №\u{a0}{second}"))).await;
    assert!(cancelled.text().contains("Повідомлення скасовано"), "{}", cancelled.text());
    let sent = work(&app, kyiv(2026, 11, 30, 10, 30), Arc::new(Recorder::default())).await;
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|(_, text)| text.contains("Перше")), "{sent:?}");
    let again = app.press(COORDINATOR, UK, &Action::BroadcastCancel(second)).await;
    assert!(again.text().contains("не можна скасувати"), "{}", again.text());
}

#[sqlx::test]
async fn a_worker_that_dies_mid_broadcast_leaves_nobody_skipped_or_messaged_twice(pool: PgPool) {
    let app = setup(pool, 50).await;
    let person = Person { channel: ChannelKind::Console, external_id: COORDINATOR.into() };
    let body = resilience_bot::store::BroadcastBody::Message("Зміна розкладу".into());
    let id = app.store.create_broadcast_as(&person, "sample-lvivska", &body, kyiv(2026, 11, 23, 12, 0)).await.unwrap();
    assert!(id.is_some());
    // A replica starts the broadcast, claims 20 deliveries and is killed before sending them.
    app.store.start_due_broadcasts(kyiv(2026, 11, 23, 12, 0), &[ChannelKind::Console]).await.unwrap();
    let lost = app.store.claim_deliveries(&[ChannelKind::Console], 20).await.unwrap();
    assert_eq!(lost.len(), 20);
    // Another replica sends the rest at once; the 20 wait for their lease to end.
    let first = work(&app, kyiv(2026, 11, 23, 12, 1), Arc::new(Recorder::default())).await;
    assert_eq!(first.len(), 30);
    assert!(app.notices_at(kyiv(2026, 11, 23, 12, 2)).await.is_empty(), "not finished: no report yet");
    sqlx::query("UPDATE broadcast_delivery SET claimed_until = now() - interval '1 second' WHERE status = 'pending'")
        .execute(app.store.pool())
        .await
        .unwrap();
    let second = work(&app, kyiv(2026, 11, 23, 12, 3), Arc::new(Recorder::default())).await;
    assert_eq!(second.len(), 20);
    let mut everyone: Vec<String> = first.into_iter().chain(second).map(|(to, _)| to).collect();
    everyone.sort_unstable();
    everyone.dedup();
    assert_eq!(everyone.len(), 50, "each subscriber exactly once");
    let reports = app.notices_for(COORDINATOR, kyiv(2026, 11, 23, 12, 4)).await;
    assert_eq!(reports.len(), 1);
    assert!(reports[0].text().contains("доставлено 50"), "{}", reports[0].text());
}

#[sqlx::test]
async fn only_a_centre_s_coordinator_can_write_to_its_subscribers(pool: PgPool) {
    let app = setup(pool, 1).await;
    let forged = app.press("s0", UK, &Action::BroadcastNew(lviv())).await;
    assert!(forged.text().contains("Ця група не ваша"), "{}", forged.text());
    let other = app.press(COORDINATOR, UK, &Action::BroadcastNew(CentreId::parse("sample-kreminska").unwrap())).await;
    assert!(other.text().contains("Ця група не ваша"), "{}", other.text());
    let stray = app.press("s0", UK, &Action::BroadcastSend).await;
    assert!(stray.text().contains("Ця кнопка вже не діє"), "{}", stray.text());
    let person = Person { channel: ChannelKind::Console, external_id: "s0".into() };
    let body = resilience_bot::store::BroadcastBody::Schedule;
    assert_eq!(app.store.create_broadcast_as(&person, "sample-lvivska", &body, Utc::now()).await.unwrap(), None);
    let none: i64 = sqlx::query_scalar("SELECT count(*) FROM broadcast").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(none, 0);
}

#[sqlx::test]
async fn a_closure_shows_on_cards_and_nearest_answers_and_subscribers_are_told(pool: PgPool) {
    let app = setup(pool, 1).await;
    app.press("english", Language::En, &Action::Subscribe(lviv())).await;
    let desk = app.say(COORDINATOR, UK, "/coordinate").await;
    let ask = app.press(COORDINATOR, UK, &desk.button("Позначити як зачинений")).await;
    assert!(ask.text().contains("Центр життєстійкості Львівської громади: чому центр зачинено?"), "{}", ask.text());
    let long = app.say(COORDINATOR, UK, &"б".repeat(301)).await;
    assert!(long.text().contains("причину до 300 символів"), "{}", long.text());
    app.say(COORDINATOR, UK, "Немає світла").await;
    let past = app.say(COORDINATOR, UK, "22.11.2026 10:00").await;
    assert!(past.text().contains("Цей час уже минув."), "{}", past.text());
    let done = app.say(COORDINATOR, UK, "24.11.2026 09:00").await;
    assert!(done.text().contains("позначено як зачинений до 24.11.2026 о 9:00"), "{}", done.text());
    // Every bot reloads its directory on the notification; here, by hand.
    app.reload_directory().await;

    let card = app.say("visitor", UK, "/start centre-sample-lvivska").await;
    assert!(card.text().contains("⛔ Тимчасово зачинено до 24.11.2026 о 9:00: Немає світла"), "{}", card.text());
    let nearest = app.say("visitor", UK, "Львів").await;
    assert!(nearest.text().contains("⛔ Тимчасово зачинено до 24.11.2026 о 9:00"), "{}", nearest.text());
    let sent = work(&app, kyiv(2026, 11, 23, 12, 1), Arc::new(Recorder::default())).await;
    let english = &sent.iter().find(|(to, _)| to == "english").unwrap().1;
    assert!(english.contains("is temporarily closed until 24 November 2026 at 9:00: Немає світла"), "{english}");
    // After the end the card is back to its opening hours.
    let later = app.restarted(kyiv(2026, 11, 24, 9, 30));
    let card = app
        .send_to(&later, "visitor", UK, resilience_bot::conversation::Incoming::Button(Action::Centre(lviv()).encode()))
        .await;
    assert!(!card.text().contains("Тимчасово зачинено"), "{}", card.text());

    let desk = app.say(COORDINATOR, UK, "/coordinate").await;
    let reopened = app.press(COORDINATOR, UK, &desk.button("Центр знову працює")).await;
    assert!(reopened.text().contains("знову показано відкритим"), "{}", reopened.text());
    app.reload_directory().await;
    let card = app.say("visitor", UK, "/start centre-sample-lvivska").await;
    assert!(!card.text().contains("Тимчасово зачинено"), "{}", card.text());
    let forged = app.press("visitor", UK, &Action::CloseCentre(lviv())).await;
    assert!(forged.text().contains("Ця група не ваша"), "{}", forged.text());
}
