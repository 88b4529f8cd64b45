//! Updates applied without holding the person's row (nearly all of them):
//! read, step, then claim and save in one statement only if the row did not
//! move. A save over a moved row must write nothing, not even the
//! delivery's claim (or the redelivery would be dropped as applied), and
//! updates of one person arriving at once must still be applied one after
//! the other, each once. A state this process remembers from its last save
//! is checked the same way.

use resilience_bot::conversation::{Action, Incoming, Skipped, User};
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

/// A deadline that leaves a save all the time it may take.
fn later() -> tokio::time::Instant {
    tokio::time::Instant::now() + 2 * resilience_bot::store::SAVE_TIME
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

    let saved =
        app.store.save_user_if_unchanged(&mut first, &person, Some("d1"), UK, json!({"step": 1}), later()).await;
    assert_eq!(saved.unwrap(), Saved::Saved);
    let moved =
        app.store.save_user_if_unchanged(&mut stale, &person, Some("d2"), UK, json!({"step": 2}), later()).await;
    assert_eq!(moved.unwrap(), Saved::Moved);
    assert!(claimed(&app, "d1").await && !claimed(&app, "d2").await, "the moved save's claim was undone");
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
    let without_delivery =
        app.store.save_user_if_unchanged(&mut stale, &person, None, UK, json!({"step": 3}), later()).await;
    assert_eq!(without_delivery.unwrap(), Saved::Moved);

    // From a fresh read: d2 is applied; d1 again is a repeat and writes nothing.
    let mut fresh = app.store.read_stored_user(&person, UK).await.unwrap();
    let repeat =
        app.store.save_user_if_unchanged(&mut fresh, &person, Some("d1"), UK, json!({"step": 4}), later()).await;
    assert_eq!(repeat.unwrap(), Saved::Repeated);
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
    let applied =
        app.store.save_user_if_unchanged(&mut fresh, &person, Some("d2"), UK, json!({"step": 5}), later()).await;
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

#[sqlx::test]
async fn a_remembered_state_is_handed_out_once_and_saved_only_over_the_row_it_was_saved_as(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let person = Person { channel: ChannelKind::Console, external_id: "olena".to_owned() };
    let mut read = app.store.read_user(&person, UK).await.unwrap();
    assert!(!read.was_remembered(), "nothing was saved yet");
    let saved = app.store.save_user_if_unchanged(&mut read, &person, Some("d1"), UK, json!({"step": 1}), later()).await;
    assert_eq!(saved.unwrap(), Saved::Saved);

    let mut remembered = app.store.read_user(&person, UK).await.unwrap();
    assert!(remembered.was_remembered(), "the state just saved is remembered");
    assert_eq!((remembered.record.state.clone(), remembered.record.is_new), (json!({"step": 1}), false));
    assert!(!app.store.read_user(&person, UK).await.unwrap().was_remembered(), "handed out once");
    let saved =
        app.store.save_user_if_unchanged(&mut remembered, &person, Some("d2"), UK, json!({"step": 2}), later()).await;
    assert_eq!(saved.unwrap(), Saved::Saved);
    assert_eq!(app.stored_state("olena").await, json!({"step": 2}));

    // Another replica writes the row: the remembered state is stale.
    let mut remembered = app.store.read_user(&person, UK).await.unwrap();
    assert!(remembered.was_remembered());
    sqlx::query("UPDATE chat_user SET state = '{\"step\": 9}' WHERE external_id = 'olena'")
        .execute(app.store.pool())
        .await
        .unwrap();
    let moved =
        app.store.save_user_if_unchanged(&mut remembered, &person, Some("d3"), UK, json!({"step": 3}), later()).await;
    assert_eq!(moved.unwrap(), Saved::Moved);
    assert_eq!(app.stored_state("olena").await, json!({"step": 9}));
    assert!(!claimed(&app, "d3").await, "the moved save claimed nothing");
    assert!(!app.store.read_user(&person, UK).await.unwrap().was_remembered(), "a moved save remembers nothing");
}

#[sqlx::test]
async fn an_update_after_another_replica_wrote_the_row_starts_from_the_row_not_from_memory(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let brovary = Incoming::from_text("Бровари");
    let first = app.conversation.handle_delivery(&olena(), brovary.clone(), Some("d1")).await.unwrap();
    assert_eq!(first.expect("applied").language, UK);
    // Another replica's update switched olena to English after this process
    // saved (and so remembers) her Ukrainian state.
    sqlx::query("UPDATE chat_user SET language = 'en' WHERE external_id = 'olena'")
        .execute(app.store.pool())
        .await
        .unwrap();
    let second = app.conversation.handle_delivery(&olena(), brovary, Some("d2")).await.unwrap();
    let second = second.expect("applied, once");
    assert_eq!(second.language, Language::En, "answered from the row as it is now");
    assert!(app.render(&second).text().contains("Brovary"), "{}", app.render(&second).text());
    let language: String = sqlx::query_scalar("SELECT language FROM chat_user WHERE external_id = 'olena'")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(language, "en", "the other replica's change is kept");
    assert!(claimed(&app, "d2").await);
}

#[sqlx::test]
async fn an_update_holding_the_row_remembers_what_it_saved(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    let person = Person { channel: ChannelKind::Console, external_id: "olena".to_owned() };
    app.press("olena", UK, &Action::Join("lviv-pws".into())).await;
    app.press("olena", UK, &Action::Skip(Skipped::Name("lviv-pws".into()))).await;
    // Takes a seat: applied holding the row.
    let signed_up = app.press("olena", UK, &Action::Skip(Skipped::Phone("lviv-pws".into()))).await;
    assert!(signed_up.text().contains("Вас записано"), "{}", signed_up.text());
    let mut remembered = app.store.read_user(&person, UK).await.unwrap();
    assert!(remembered.was_remembered(), "the locked update's state is remembered");
    assert_eq!(remembered.record.state, app.stored_state("olena").await);
    let saved =
        app.store.save_user_if_unchanged(&mut remembered, &person, None, UK, json!({"kind": "idle"}), later()).await;
    assert_eq!(saved.unwrap(), Saved::Saved, "with the row's version as the locked update left it");
}

#[sqlx::test]
async fn nothing_remembered_is_used_after_the_database_was_unreachable(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let person = Person { channel: ChannelKind::Console, external_id: "olena".to_owned() };
    let mut read = app.store.read_user(&person, UK).await.unwrap();
    let saved = app.store.save_user_if_unchanged(&mut read, &person, None, UK, json!({"step": 1}), later()).await;
    assert_eq!(saved.unwrap(), Saved::Saved);
    // A failover to a standby that had not received the last transactions
    // hands out their ids (row versions) again.
    app.store.mark_down();
    assert!(!app.store.read_user(&person, UK).await.unwrap().was_remembered());
}

#[sqlx::test]
async fn forgetting_a_person_leaves_nothing_of_them_remembered(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let person = Person { channel: ChannelKind::Console, external_id: "olena".to_owned() };
    let mut read = app.store.read_user(&person, UK).await.unwrap();
    let saved = app
        .store
        .save_user_if_unchanged(&mut read, &person, None, UK, json!({"last_search": "Бровари"}), later())
        .await;
    assert_eq!(saved.unwrap(), Saved::Saved);
    drop(read);
    let (update, _) = app.store.begin_user(&person, UK).await.unwrap();
    update.forget().await.unwrap();
    let after = app.store.read_user(&person, UK).await.unwrap();
    assert!(!after.was_remembered(), "the state saved before /forget is gone from memory too");
    assert!(after.record.is_new, "and from the database");
}
