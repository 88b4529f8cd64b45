//! Updates applied without holding the person's row (nearly all of them):
//! read, step, then claim and save in one statement only if the row did not
//! move. A save over a moved row must write nothing, not even the
//! delivery's claim (or the redelivery would be dropped as applied), and
//! updates of one person arriving at once must still be applied one after
//! the other, each once.

use resilience_bot::conversation::{Action, Incoming, User};
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::store::Saved;
use serde_json::json;
use sqlx::PgPool;

use crate::helpers::{TestApp, import_sample_groups};

const UK: Language = Language::Uk;

/// Applies `incoming` as deliveries `keys` of olena's, all at once.
async fn at_once(
    app: &TestApp,
    incoming: &Incoming,
    keys: &[String],
) -> Vec<Option<resilience_bot::conversation::Outgoing>> {
    let mut tasks = tokio::task::JoinSet::new();
    for key in keys {
        let (conversation, incoming, key) = (app.conversation.clone(), incoming.clone(), key.clone());
        tasks.spawn(async move { conversation.handle_delivery(&olena(), incoming, Some(&key)).await.unwrap() });
    }
    tasks.join_all().await
}

fn olena() -> User {
    User { channel: ChannelKind::Console, id: "olena".to_owned(), platform_language: Some("uk".to_owned()) }
}

async fn claimed(app: &TestApp, key: &str) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT FROM applied_delivery WHERE key = $1)")
        .bind(key)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
}

#[sqlx::test]
async fn a_save_over_a_row_that_moved_writes_nothing_and_leaves_its_delivery_unclaimed(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let person = Person { channel: ChannelKind::Console, external_id: "olena".to_owned() };
    let mut first = app.store.read_user(&person, UK).await.unwrap();
    assert!(first.record.is_new, "the read created the row");
    let mut stale = app.store.read_user(&person, UK).await.unwrap();
    assert!(!stale.record.is_new);

    let saved = app.store.save_user_if_unchanged(&mut first, &person, Some("d1"), UK, &json!({"step": 1})).await;
    assert_eq!(saved.unwrap(), Saved::Saved);
    let moved = app.store.save_user_if_unchanged(&mut stale, &person, Some("d2"), UK, &json!({"step": 2})).await;
    assert_eq!(moved.unwrap(), Saved::Moved);
    assert!(claimed(&app, "d1").await && !claimed(&app, "d2").await, "the moved save's claim was undone");
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
    let without_delivery = app.store.save_user_if_unchanged(&mut stale, &person, None, UK, &json!({"step": 3})).await;
    assert_eq!(without_delivery.unwrap(), Saved::Moved);

    // From a fresh read: d2 is applied; d1 again is a repeat and writes nothing.
    let mut fresh = app.store.read_user(&person, UK).await.unwrap();
    let repeat = app.store.save_user_if_unchanged(&mut fresh, &person, Some("d1"), UK, &json!({"step": 4})).await;
    assert_eq!(repeat.unwrap(), Saved::Repeated);
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
    let applied = app.store.save_user_if_unchanged(&mut fresh, &person, Some("d2"), UK, &json!({"step": 5})).await;
    assert_eq!(applied.unwrap(), Saved::Saved);
    assert_eq!(app.stored_state("olena").await, json!({"step": 5}));
}

#[sqlx::test]
async fn twenty_first_messages_of_one_person_at_once_are_each_applied_once_with_one_welcome(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let keys: Vec<String> = (0..20).map(|i| format!("d{i}")).collect();
    let brovary = Incoming::from_text("Бровари");
    let answers = at_once(&app, &brovary, &keys).await;
    let answers: Vec<_> = answers.into_iter().map(|a| app.render(&a.expect("each delivery is applied"))).collect();
    let welcome = "Місцезнаходження використовую тільки для пошуку";
    let welcomed = answers.iter().filter(|a| a.replies.iter().any(|r| r.text.contains(welcome)));
    assert_eq!(welcomed.count(), 1, "one of them was the first");
    assert!(answers.iter().all(|a| a.text().contains("📍 Бровари (Київська область)")));

    let again = at_once(&app, &brovary, &keys).await;
    assert!(again.iter().all(Option::is_none), "a redelivery is applied once");
    let claims: i64 =
        sqlx::query_scalar("SELECT count(*) FROM applied_delivery").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(claims, 20);
}

#[sqlx::test]
async fn a_double_tap_arriving_at_once_is_applied_once_and_the_second_tap_is_stale(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    let ask_name = app.press("olena", UK, &Action::Join("lviv-pws".into())).await;
    let skip_name = Incoming::Button(ask_name.button("Пропустити").encode());
    let taps = at_once(&app, &skip_name, &["tap0".to_owned(), "tap1".to_owned()]).await;
    let taps: Vec<_> = taps.into_iter().map(|t| t.expect("both taps are applied")).collect();
    let texts: Vec<String> = taps.iter().map(|t| app.render(t).text()).collect();
    assert_eq!(texts.iter().filter(|t| t.contains("номер телефону")).count(), 1, "{texts:?}");
    assert_eq!(texts.iter().filter(|t| t.contains("Ця кнопка вже не діє")).count(), 1, "{texts:?}");
    let phone = app.say("olena", UK, "067 123 45 67").await;
    assert!(phone.text().contains("Вас записано"), "the sign-up goes on from the phone: {}", phone.text());
}
