//! Seats, waiting lists and promotions under concurrency, on a real Postgres.

use std::sync::Arc;

use chrono::{Duration, Utc};
use resilience_bot::domain::{ChannelKind, Person};
use resilience_bot::store::testing::Unchecked;
use resilience_bot::store::{Cancellation, CapacityChange, Leaving, SignUp, Store};
use sqlx::PgPool;

use crate::helpers::TestApp;

/// A cohort at the Lviv sample centre starting in a week, with `capacity` seats.
async fn cohort(store: &Store, id: &str, capacity: i32) {
    sqlx::query(
        "INSERT INTO programme (id, kind, title_uk, title_en) VALUES ('pws', 'parenting', 'Батьківство без стресу', \
         'Parenting Without Stress') ON CONFLICT DO NOTHING",
    )
    .execute(store.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO cohort (id, programme_id, centre_id, language, format, capacity) \
         VALUES ($1, 'pws', 'sample-lvivska', 'uk', 'in_person', $2)",
    )
    .bind(id)
    .bind(capacity)
    .execute(store.pool())
    .await
    .unwrap();
    for number in 1..=5 {
        sqlx::query(
            "INSERT INTO cohort_session (cohort_id, number, starts_at, duration_minutes) VALUES ($1, $2, $3, 90)",
        )
        .bind(id)
        .bind(number)
        .bind(Utc::now() + Duration::days(7 * i64::from(number)))
        .execute(store.pool())
        .await
        .unwrap();
    }
}

async fn people(store: &Store, count: usize) -> Vec<Person> {
    let mut people = Vec::new();
    for i in 0..count {
        let person = Person { channel: ChannelKind::Telegram, external_id: format!("{}", 1000 + i) };
        sqlx::query("INSERT INTO chat_user (channel, external_id, language) VALUES ('telegram', $1, 'uk')")
            .bind(&person.external_id)
            .execute(store.pool())
            .await
            .unwrap();
        people.push(person);
    }
    people
}

async fn statuses(store: &Store, cohort: &str) -> Vec<(i64, String, String)> {
    sqlx::query_as("SELECT id, external_id, status FROM signup WHERE cohort_id = $1 ORDER BY id")
        .bind(cohort)
        .fetch_all(store.pool())
        .await
        .unwrap()
}

#[sqlx::test]
async fn fifty_concurrent_sign_ups_for_five_seats_confirm_five_and_queue_the_rest_in_order(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = Arc::new(app.store.clone());
    cohort(&store, "g1", 5).await;
    let people = people(&store, 50).await;
    let mut tasks = tokio::task::JoinSet::new();
    for person in people.clone() {
        let store = store.clone();
        tasks.spawn(async move { store.sign_up("g1", &person, None, None, Utc::now()).await.unwrap() });
    }
    let mut outcomes = Vec::new();
    while let Some(outcome) = tasks.join_next().await {
        outcomes.push(outcome.unwrap());
    }
    let confirmed = outcomes.iter().filter(|o| matches!(o, SignUp::Confirmed { .. })).count();
    let mut positions: Vec<i64> = outcomes
        .iter()
        .filter_map(|o| match o {
            SignUp::Waitlisted { position, .. } => Some(*position),
            _ => None,
        })
        .collect();
    positions.sort_unstable();
    assert_eq!(confirmed, 5);
    assert_eq!(positions, (1..=45).collect::<Vec<_>>(), "every waiting place given once, in order");

    // In the database: the first five arrivals hold the seats, the rest wait in arrival order.
    let rows = statuses(&store, "g1").await;
    assert_eq!(rows.len(), 50, "nobody twice");
    assert!(rows[..5].iter().all(|(_, _, s)| s == "confirmed"));
    assert!(rows[5..].iter().all(|(_, _, s)| s == "waitlisted"));
    for (index, (signup, _, _)) in rows[5..].iter().enumerate() {
        assert_eq!(store.waitlist_position(*signup).await.unwrap(), Some(index as i64 + 1));
    }
}

#[sqlx::test]
async fn one_person_cannot_hold_two_places_and_a_double_tap_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = app.store.clone();
    cohort(&store, "g1", 1).await;
    let people = people(&store, 2).await;
    let first = store.sign_up("g1", &people[0], Some("Олена"), None, Utc::now()).await.unwrap();
    let SignUp::Confirmed { signup } = first else { panic!("{first:?}") };
    let again = store.sign_up("g1", &people[0], None, None, Utc::now()).await.unwrap();
    assert_eq!(again, SignUp::AlreadyConfirmed { signup });
    let waiting = store.sign_up("g1", &people[1], None, None, Utc::now()).await.unwrap();
    let SignUp::Waitlisted { signup: waiting_id, position: 1 } = waiting else { panic!("{waiting:?}") };
    assert_eq!(
        store.sign_up("g1", &people[1], None, None, Utc::now()).await.unwrap(),
        SignUp::AlreadyWaiting { signup: waiting_id, position: 1 }
    );
    assert_eq!(statuses(&store, "g1").await.len(), 2);
}

#[sqlx::test]
async fn a_cancellation_promotes_the_first_waiting_and_a_decline_promotes_the_next(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = app.store.clone();
    cohort(&store, "g1", 1).await;
    let people = people(&store, 3).await;
    let mut ids = Vec::new();
    for person in &people {
        ids.push(match store.sign_up("g1", person, None, None, Utc::now()).await.unwrap() {
            SignUp::Confirmed { signup } | SignUp::Waitlisted { signup, .. } => signup,
            other => panic!("{other:?}"),
        });
    }
    let Cancellation::Cancelled { promoted } = store.leave(ids[0], &people[0], Leaving::Cancelled).await.unwrap()
    else {
        panic!("not cancelled");
    };
    assert_eq!(promoted.len(), 1);
    assert_eq!(promoted[0].person, people[1]);
    assert_eq!(store.waitlist_position(ids[2]).await.unwrap(), Some(1));

    let Cancellation::Cancelled { promoted } = store.leave(ids[1], &people[1], Leaving::Declined).await.unwrap() else {
        panic!("not declined");
    };
    assert_eq!(promoted[0].person, people[2]);
    let rows = statuses(&store, "g1").await;
    let confirmed = rows.iter().filter(|(_, _, s)| s == "confirmed").count();
    assert_eq!(confirmed, 1, "never more than the capacity");
    assert_eq!(rows[1].2, "declined");
}

#[sqlx::test]
async fn nobody_can_cancel_someone_elses_sign_up_or_one_twice(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = app.store.clone();
    cohort(&store, "g1", 2).await;
    let people = people(&store, 2).await;
    let SignUp::Confirmed { signup } = store.sign_up("g1", &people[0], None, None, Utc::now()).await.unwrap() else {
        panic!("not confirmed");
    };
    assert_eq!(store.leave(signup, &people[1], Leaving::Cancelled).await.unwrap(), Cancellation::NotFound);
    assert_eq!(store.leave(signup + 1000, &people[0], Leaving::Cancelled).await.unwrap(), Cancellation::NotFound);
    assert!(matches!(
        store.leave(signup, &people[0], Leaving::Cancelled).await.unwrap(),
        Cancellation::Cancelled { .. }
    ));
    assert_eq!(store.leave(signup, &people[0], Leaving::Cancelled).await.unwrap(), Cancellation::NotFound);
}

#[sqlx::test]
async fn more_capacity_promotes_in_order_and_less_than_confirmed_is_refused(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = app.store.clone();
    cohort(&store, "g1", 2).await;
    let people = people(&store, 5).await;
    for person in &people {
        store.sign_up("g1", person, None, None, Utc::now()).await.unwrap();
    }
    let (change, promoted) = store.set_capacity("g1", 4).await.unwrap();
    assert_eq!(change, CapacityChange::Changed { promoted_count: 2 });
    assert_eq!(promoted.iter().map(|p| p.person.clone()).collect::<Vec<_>>(), people[2..4].to_vec());
    assert_eq!(store.set_capacity("g1", 3).await.unwrap().0, CapacityChange::BelowConfirmed { confirmed: 4 });
    assert_eq!(store.set_capacity("nope", 3).await.unwrap().0, CapacityChange::NotFound);
    let over = sqlx::query("UPDATE cohort SET capacity = 10000 WHERE id = 'g1'").execute(store.pool()).await;
    assert!(over.is_err(), "the schema refuses a capacity of 10,000");
    let zero = sqlx::query("UPDATE cohort SET capacity = 0 WHERE id = 'g1'").execute(store.pool()).await;
    assert!(zero.is_err(), "the schema refuses a capacity of 0");
}

#[sqlx::test]
async fn a_started_cancelled_or_unknown_cohort_takes_no_sign_ups(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = app.store.clone();
    cohort(&store, "g1", 5).await;
    let people = people(&store, 1).await;
    let later = Utc::now() + Duration::days(8);
    assert_eq!(store.sign_up("g1", &people[0], None, None, later).await.unwrap(), SignUp::Closed, "started");
    assert_eq!(store.sign_up("nope", &people[0], None, None, Utc::now()).await.unwrap(), SignUp::Closed);
    sqlx::query("UPDATE cohort SET cancelled = true WHERE id = 'g1'").execute(store.pool()).await.unwrap();
    assert_eq!(store.sign_up("g1", &people[0], None, None, Utc::now()).await.unwrap(), SignUp::Closed);
    assert!(statuses(&store, "g1").await.is_empty());
}

fn known<'a>(
    programmes: &'a std::collections::HashSet<String>,
    centres: &'a std::collections::HashSet<String>,
) -> resilience_bot::cohort::csv::Known<'a> {
    resilience_bot::cohort::csv::Known { programmes, centres, now: Utc::now() }
}

fn groups_file(capacity: i32) -> String {
    let start = (Utc::now() + Duration::days(10)).with_timezone(&chrono_tz::Europe::Kyiv).format("%Y-%m-%d 18:00");
    format!(
        "id,programme,centre,capacity,starts,sessions,every,duration\n\
         lviv-pws-1,parenting-without-stress,sample-lvivska,{capacity},{start},5,,90\n\
         izmail-shp-1,self-help-plus,sample-izmailska,20,{start},5,,120\n"
    )
}

#[sqlx::test]
async fn a_groups_file_is_imported_whole_and_a_capacity_below_confirmed_refuses_it(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let store = app.store.clone();
    let programmes = resilience_bot::domain::Programme::built_in().unwrap();
    let programme_ids = programmes.iter().map(|p| p.id.clone()).collect();
    let centres = store.centres().await.unwrap().into_iter().map(|c| c.id.to_string()).collect();
    let rows = resilience_bot::cohort::csv::parse(groups_file(2).as_bytes(), known(&programme_ids, &centres)).unwrap();
    let summary = store.import_cohorts(&programmes, &rows).await.unwrap();
    assert_eq!((summary.added, summary.updated), (2, 0));
    let sessions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM cohort_session").fetch_one(store.pool()).await.unwrap();
    assert_eq!(sessions, 10);

    let people = people(&store, 3).await;
    for person in &people {
        store.sign_up("lviv-pws-1", person, None, None, Utc::now()).await.unwrap();
    }
    // Shrinking below the two confirmed is refused, and nothing changes.
    let shrink =
        resilience_bot::cohort::csv::parse(groups_file(1).as_bytes(), known(&programme_ids, &centres)).unwrap();
    let refused = store.import_cohorts(&programmes, &shrink).await;
    assert!(matches!(refused, Err(resilience_bot::store::StoreError::Conflict(_))), "{refused:?}");
    let capacity: i32 = sqlx::query_scalar("SELECT capacity FROM cohort WHERE id = 'lviv-pws-1'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(capacity, 2);
    // Growing promotes the person waiting.
    let grow = resilience_bot::cohort::csv::parse(groups_file(3).as_bytes(), known(&programme_ids, &centres)).unwrap();
    let summary = store.import_cohorts(&programmes, &grow).await.unwrap();
    assert_eq!(summary.updated, 2);
    assert_eq!(summary.promoted.iter().map(|p| p.person.clone()).collect::<Vec<_>>(), vec![people[2].clone()]);
}

#[sqlx::test]
async fn a_coordinator_is_bound_only_to_an_existing_centre(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let person = Person { channel: ChannelKind::Telegram, external_id: "777".into() };
    assert!(app.store.add_coordinator("sample-lvivska", &person).await.unwrap());
    assert!(app.store.add_coordinator("sample-lvivska", &person).await.unwrap(), "idempotent");
    assert!(!app.store.add_coordinator("nowhere", &person).await.unwrap());
    assert_eq!(app.store.coordinated_centres(&person).await.unwrap(), vec!["sample-lvivska".to_owned()]);
}
