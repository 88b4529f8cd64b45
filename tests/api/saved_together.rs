//! Remembered states saved together, in one statement and one commit
//! (`store::save_batch`): each save must keep the rules of a save on its own
//! (written only over the row it was saved as, its delivery claimed with it,
//! a repeat writing nothing), and one person's save must neither wait for
//! another's locked row nor cost the others anything.

use std::time::Duration;

use resilience_bot::conversation::{Incoming, User};
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::store::testing::{Together, Unchecked};
use resilience_bot::store::{SAVE_TIME, Saved, Store, StoreError};
use serde_json::json;
use sqlx::PgPool;

use crate::helpers::TestApp;

const UK: Language = Language::Uk;

fn person(id: &str) -> Person {
    Person { channel: ChannelKind::Console, external_id: id.to_owned() }
}

/// `state` for `id`, over their row as it is now, claiming `delivery`.
async fn together(store: &Store, id: &str, delivery: Option<&str>, state: serde_json::Value) -> Together {
    let read = store.read_stored_user(&person(id), UK).await.unwrap();
    Together { read, person: person(id), delivery: delivery.map(str::to_owned), state }
}

async fn claimed(store: &Store, key: &str) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT FROM applied_delivery WHERE key = $1)")
        .bind(key)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

fn outcomes(saved: Vec<Result<Saved, StoreError>>) -> Vec<Saved> {
    saved.into_iter().map(|outcome| outcome.expect("each save has an outcome")).collect()
}

#[sqlx::test]
async fn saves_together_each_write_only_over_their_own_row_in_one_commit(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let saves = vec![
        together(store, "anna", Some("a1"), json!({"step": "anna"})).await,
        together(store, "bohdan", None, json!({"step": "bohdan"})).await,
        together(store, "vira", Some("v1"), json!({"step": "vira"})).await,
        together(store, "halyna", Some("h1"), json!({"step": "halyna"})).await,
    ];
    // Since their reads: vira's row was written elsewhere, and halyna's
    // delivery was applied before.
    sqlx::query("UPDATE chat_user SET state = '{\"step\": \"elsewhere\"}' WHERE external_id = 'vira'")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO applied_delivery (channel, key) VALUES ('console', 'h1')")
        .execute(store.pool())
        .await
        .unwrap();

    let saved = outcomes(store.save_together(saves).await.unwrap());
    assert_eq!(saved, [Saved::Saved, Saved::Saved, Saved::Moved, Saved::Repeated]);
    assert_eq!(app.stored_state("anna").await, json!({"step": "anna"}));
    assert_eq!(app.stored_state("bohdan").await, json!({"step": "bohdan"}));
    assert_eq!(app.stored_state("vira").await, json!({"step": "elsewhere"}), "a moved row is not written");
    assert!(!claimed(store, "v1").await, "and its delivery is not claimed");
    assert_ne!(app.stored_state("halyna").await, json!({"step": "halyna"}), "a repeat writes nothing");
    assert!(claimed(store, "a1").await);
    let commits: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT xmin::text) FROM chat_user WHERE external_id IN ('anna', 'bohdan')")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(commits, 1, "written in one transaction");
}

#[sqlx::test]
async fn two_saves_of_one_person_together_write_once_as_if_the_second_came_later(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let first = together(store, "olena", Some("d1"), json!({"tap": 1})).await;
    let second = together(store, "olena", Some("d2"), json!({"tap": 2})).await;
    let saved = outcomes(store.save_together(vec![first, second]).await.unwrap());
    assert_eq!(saved, [Saved::Saved, Saved::Moved], "the first is written; the second finds the row moved by it");
    assert_eq!(app.stored_state("olena").await, json!({"tap": 1}));
    let (mine, other) = ("d1", "d2");
    assert!(claimed(store, mine).await && !claimed(store, other).await, "only the written one is claimed");
}

#[sqlx::test]
async fn a_row_another_update_holds_is_skipped_rather_than_waited_for(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let saves = vec![
        together(store, "olena", Some("o1"), json!({"step": 1})).await,
        together(store, "petro", Some("p1"), json!({"step": 1})).await,
    ];
    // An update of olena's holding her row, as the locked path does.
    let mut holding = store.pool().begin().await.unwrap();
    sqlx::query("SELECT FROM chat_user WHERE external_id = 'olena' FOR UPDATE").execute(&mut *holding).await.unwrap();

    let saved = tokio::time::timeout(Duration::from_secs(5), store.save_together(saves))
        .await
        .expect("petro's save does not wait for olena's row")
        .unwrap();
    assert_eq!(outcomes(saved), [Saved::Moved, Saved::Saved]);
    holding.rollback().await.unwrap();
    assert_eq!(app.stored_state("petro").await, json!({"step": 1}));
    assert!(!claimed(store, "o1").await, "olena's update is applied again, holding the row");
}

#[sqlx::test]
async fn a_row_only_referred_to_by_a_row_being_written_elsewhere_is_saved(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let saves = vec![together(store, "olena", Some("o1"), json!({"step": 1})).await];
    // A reminder being set for olena on another connection: its foreign key
    // shares her row's key, which a save does not change.
    let mut elsewhere = store.pool().begin().await.unwrap();
    sqlx::query(
        "INSERT INTO checkin_reminder (channel, external_id, due_on) VALUES ('console', 'olena', current_date)",
    )
    .execute(&mut *elsewhere)
    .await
    .unwrap();
    let saved = tokio::time::timeout(Duration::from_secs(5), store.save_together(saves)).await.expect("not waited");
    assert_eq!(outcomes(saved.unwrap()), [Saved::Saved]);
    elsewhere.commit().await.unwrap();
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
}

#[sqlx::test]
async fn a_remembered_save_skips_a_row_another_update_holds_and_is_applied_again(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let olena = person("olena");
    let in_time = || tokio::time::Instant::now() + 2 * SAVE_TIME;
    let mut read = store.read_user(&olena, UK).await.unwrap();
    let saved = store.save_user_if_unchanged(&mut read, &olena, None, UK, json!({"step": 1}), in_time()).await;
    assert_eq!(saved.unwrap(), Saved::Saved);
    drop(read);
    let mut remembered = store.read_user(&olena, UK).await.unwrap();
    assert!(remembered.was_remembered());
    let mut holding = store.pool().begin().await.unwrap();
    sqlx::query("SELECT FROM chat_user WHERE external_id = 'olena' FOR NO KEY UPDATE")
        .execute(&mut *holding)
        .await
        .unwrap();
    let save = store.save_user_if_unchanged(&mut remembered, &olena, Some("d2"), UK, json!({"step": 2}), in_time());
    let moved = tokio::time::timeout(Duration::from_secs(5), save).await.expect("the queue does not wait for her row");
    assert_eq!(moved.unwrap(), Saved::Moved);
    holding.rollback().await.unwrap();
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
    assert!(!claimed(store, "d2").await);
}

#[sqlx::test]
async fn a_redelivery_claimed_while_saving_together_is_a_repeat_and_costs_the_others_nothing(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let saves = vec![
        together(store, "olena", Some("race"), json!({"step": "olena"})).await,
        together(store, "petro", Some("p1"), json!({"step": "petro"})).await,
    ];
    // The same delivery, applied by another replica, not yet committed: the
    // statement cannot see it, and its claim waits for it.
    let mut other_replica = store.pool().begin().await.unwrap();
    sqlx::query("INSERT INTO applied_delivery (channel, key) VALUES ('console', 'race')")
        .execute(&mut *other_replica)
        .await
        .unwrap();
    let saving = tokio::spawn({
        let store = store.clone();
        async move { store.save_together(saves).await }
    });
    let waiting =
        "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database())";
    while !sqlx::query_scalar::<_, bool>(waiting).fetch_one(store.pool()).await.unwrap() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    other_replica.commit().await.unwrap();

    let saved = outcomes(saving.await.unwrap().unwrap());
    assert_eq!(saved, [Saved::Repeated, Saved::Saved], "the claim waited for the other replica's, and found it");
    assert_ne!(app.stored_state("olena").await, json!({"step": "olena"}), "the repeat's state was undone");
    assert_eq!(app.stored_state("petro").await, json!({"step": "petro"}));
    assert!(claimed(store, "p1").await);
}

#[sqlx::test]
async fn a_save_postgres_refuses_costs_the_others_in_its_batch_nothing(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    // A rule the schema could have: refuses one of the states below.
    sqlx::query("ALTER TABLE chat_user ADD CONSTRAINT not_refused CHECK (state->>'step' IS DISTINCT FROM 'refused')")
        .execute(store.pool())
        .await
        .unwrap();
    let saves = vec![
        together(store, "olena", Some("o1"), json!({"step": "olena"})).await,
        together(store, "petro", Some("p1"), json!({"step": "refused"})).await,
        together(store, "vira", None, json!({"step": "vira"})).await,
    ];
    let saved = store.save_together(saves).await.unwrap();
    assert!(matches!(saved[1], Err(StoreError::Refused { .. })), "petro's save is refused: {:?}", saved[1]);
    assert_eq!((saved[0].as_ref().unwrap(), saved[2].as_ref().unwrap()), (&Saved::Saved, &Saved::Saved));
    assert_eq!(app.stored_state("olena").await, json!({"step": "olena"}));
    assert_eq!(app.stored_state("vira").await, json!({"step": "vira"}));
    assert!(claimed(store, "o1").await && !claimed(store, "p1").await, "the refused save claimed nothing");
}

#[sqlx::test]
async fn a_save_with_too_little_time_left_is_not_started(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = &app.store;
    let olena = person("olena");
    let mut read = store.read_user(&olena, UK).await.unwrap();
    let too_late = || tokio::time::Instant::now() + SAVE_TIME - Duration::from_secs(1);
    let late = store.save_user_if_unchanged(&mut read, &olena, Some("d1"), UK, json!({"step": 1}), too_late()).await;
    assert_eq!(late.unwrap(), Saved::Late, "read from the database, saved on its connection");
    let in_time = tokio::time::Instant::now() + 2 * SAVE_TIME;
    let saved = store.save_user_if_unchanged(&mut read, &olena, Some("d1"), UK, json!({"step": 1}), in_time).await;
    assert_eq!(saved.unwrap(), Saved::Saved);

    let mut remembered = store.read_user(&olena, UK).await.unwrap();
    assert!(remembered.was_remembered());
    let late =
        store.save_user_if_unchanged(&mut remembered, &olena, Some("d2"), UK, json!({"step": 2}), too_late()).await;
    assert_eq!(late.unwrap(), Saved::Late, "remembered, saved with others");
    assert_eq!(app.stored_state("olena").await, json!({"step": 1}));
    assert!(!claimed(store, "d2").await);
}

#[sqlx::test]
async fn forty_people_writing_at_once_are_each_answered_from_their_own_state(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let users: Vec<User> = (0..40)
        .map(|i| User { channel: ChannelKind::Console, id: format!("p{i}"), platform_language: Some("uk".to_owned()) })
        .collect();
    for user in &users {
        let answer = app.conversation.handle_delivery(user, Incoming::from_text("Бровари"), None).await.unwrap();
        assert!(answer.is_some());
    }
    let after_brovary = app.stored_state("p0").await;
    // Their second messages start from the states remembered, saved with
    // whichever others wait at the same time.
    let mut tasks = tokio::task::JoinSet::new();
    for (i, user) in users.iter().enumerate() {
        let (conversation, user) = (app.conversation.clone(), user.clone());
        let place = if i % 2 == 0 { "Ірпінь" } else { "Львів" };
        tasks.spawn(async move {
            let answer = conversation.handle_delivery(&user, Incoming::from_text(place), Some(&format!("k{i}"))).await;
            (i, answer.unwrap().expect("applied"))
        });
    }
    let mut states = [Vec::new(), Vec::new()];
    for (i, answer) in tasks.join_all().await {
        let text = app.render(&answer).text();
        let place = if i % 2 == 0 { "Ірпінь" } else { "Львів" };
        assert!(text.contains(place), "p{i} answered about their own search: {text}");
        states[i % 2].push(app.stored_state(&format!("p{i}")).await);
    }
    for searched in &states {
        assert!(searched.iter().all(|state| *state == searched[0]), "the same search, the same state: {searched:?}");
        assert_ne!(searched[0], after_brovary, "each person's new state is saved");
    }
    assert_ne!(states[0][0], states[1][0], "each from their own search");
    let claims: i64 =
        sqlx::query_scalar("SELECT count(*) FROM applied_delivery").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(claims, 40);
}
