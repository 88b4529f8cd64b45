//! A database outage under the real `serve` code path: Telegram by long
//! polling and Viber by webhook, with Postgres reached through a proxy that
//! the test cuts and restores.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use sqlx::PgPool;

use crate::fake_telegram::FakeTelegram;
use crate::fake_viber::FakeViber;
use crate::helpers::TestApp;
use crate::operations::{Both, Telegram, post_viber, serve_both};
use crate::pg_proxy::PgProxy;
use crate::telegram::{callback_update, location_update, text_update};

const OLENA: i64 = 5151;
const TARAS: i64 = 5252;
const IRYNA: &str = "IrynaViber0000=";
const OUTAGE_NOTICE: &str = "технічна перерва";

async fn get(addr: SocketAddr, path: &str) -> (StatusCode, String) {
    let response = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    (response.status(), response.text().await.unwrap())
}

fn telegram_texts(fake: &FakeTelegram, chat: i64) -> Vec<String> {
    crate::telegram::texts(&fake.sent_to(chat))
}

fn count(texts: &[String], part: &str) -> usize {
    texts.iter().filter(|t| t.contains(part)).count()
}

#[sqlx::test]
async fn updates_sent_while_the_database_is_down_are_applied_once_it_is_back(pool: PgPool) {
    let proxy = PgProxy::start(&pool).await;
    let app = TestApp::new(proxy.pool(10).await).await;
    let Both { telegram: telegram_api, viber: viber_api, addr, server } = serve_both(&app, Telegram::Polling).await;
    let client = reqwest::Client::new();
    telegram_api.push_update(text_update(1, OLENA, "uk", "/start"));
    telegram_api.wait_for("the welcome", |f| !f.sent_to(OLENA).is_empty()).await;
    assert_eq!(get(addr, "/healthz").await.0, StatusCode::OK);

    proxy.cut();
    // Olena subscribes (needs the database); Taras shares a location (memory
    // is enough); on Viber, Iryna subscribes and then shares a location.
    telegram_api.push_update(callback_update(2, OLENA, "sub:sample-lvivska"));
    telegram_api.push_update(location_update(3, TARAS, 50.45, 30.52));
    let subscribe = crate::viber::text(77, IRYNA, "btn:sub:sample-brovarska");
    let location =
        crate::viber::message(78, IRYNA, json!({ "type": "location", "location": { "lat": 49.84, "lon": 24.03 } }));
    assert_eq!(
        post_viber(&client, addr, &subscribe).await,
        StatusCode::SERVICE_UNAVAILABLE,
        "Viber must deliver it again"
    );
    assert_eq!(post_viber(&client, addr, &location).await, StatusCode::OK, "answered from memory");
    telegram_api
        .wait_for("Taras's nearest centres from memory", |f| count(&telegram_texts(f, TARAS), "Найближчі") == 1)
        .await;
    telegram_api.wait_for("Olena told to try again", |f| count(&telegram_texts(f, OLENA), OUTAGE_NOTICE) == 1).await;
    let iryna = |f: &FakeViber| crate::viber::texts(&f.sent_to(IRYNA));
    viber_api.wait_for("Iryna's nearest centres", |f| count(&iryna(f), "Найближчі") == 1).await;
    assert_eq!(count(&iryna(&viber_api), OUTAGE_NOTICE), 1, "{:?}", iryna(&viber_api));
    assert_eq!(get(addr, "/healthz").await.0, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(get(addr, "/livez").await.0, StatusCode::OK);
    let (_, metrics) = get(addr, "/metrics").await;
    assert!(metrics.contains(r#"resilience_updates_total{channel="telegram",outcome="from_memory"} 1"#), "{metrics}");
    assert!(metrics.contains(r#"resilience_updates_total{channel="viber",outcome="deferred"} 1"#), "{metrics}");
    assert!(metrics.contains("resilience_db_up 0"), "{metrics}");

    // The outage goes on: polling fetches Olena's update again and again, and
    // Viber delivers Iryna's again; nobody is told twice or answered twice.
    assert_eq!(post_viber(&client, addr, &subscribe).await, StatusCode::SERVICE_UNAVAILABLE);
    let fetched = telegram_api.calls("getUpdates").len();
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert!(telegram_api.calls("getUpdates").len() >= fetched + 2, "polling fetched Olena's update again");
    assert_eq!(count(&telegram_texts(&telegram_api, OLENA), OUTAGE_NOTICE), 1);
    assert_eq!(count(&iryna(&viber_api), OUTAGE_NOTICE), 1);

    proxy.restore();
    let back = std::time::Instant::now();
    telegram_api
        .wait_within(Duration::from_secs(15), "Olena's subscription, applied", |f| {
            count(&telegram_texts(f, OLENA), "надсилатиме вам новини") == 1
        })
        .await;
    // Viber's next delivery of the same callback is applied.
    let mut status = post_viber(&client, addr, &subscribe).await;
    while status != StatusCode::OK && back.elapsed() < Duration::from_secs(15) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        status = post_viber(&client, addr, &subscribe).await;
    }
    assert_eq!(status, StatusCode::OK);
    viber_api.wait_for("Iryna's subscription", |f| count(&iryna(f), "надсилатиме вам новини") == 1).await;
    let mut health = get(addr, "/healthz").await.0;
    while health != StatusCode::OK && back.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        health = get(addr, "/healthz").await.0;
    }
    assert_eq!(health, StatusCode::OK, "/healthz reports the recovery");
    println!("recovered {:?} after the database came back", back.elapsed());

    // Once more from Viber, and a later Telegram update: nothing is doubled.
    assert_eq!(post_viber(&client, addr, &subscribe).await, StatusCode::OK);
    telegram_api.push_update(text_update(4, TARAS, "uk", "/start"));
    // One message for the location (the list: its pin is on the cards), one for /start.
    telegram_api.wait_for("Taras's next answer", |f| f.sent_to(TARAS).len() >= 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.stop().await;
    assert_eq!(count(&telegram_texts(&telegram_api, TARAS), "Найближчі"), 1, "the location is not answered twice");
    assert_eq!(count(&telegram_texts(&telegram_api, OLENA), "надсилатиме вам новини"), 1);
    assert_eq!(count(&iryna(&viber_api), "надсилатиме вам новини"), 1);
    let mut subscriptions: Vec<(String, String)> =
        sqlx::query_as("SELECT external_id, centre_id FROM subscription").fetch_all(&pool).await.unwrap();
    subscriptions.sort();
    let mut expected =
        vec![(IRYNA.to_owned(), "sample-brovarska".to_owned()), (OLENA.to_string(), "sample-lvivska".to_owned())];
    expected.sort();
    assert_eq!(subscriptions, expected, "each applied once");
}

/// Postgres itself stopped and started again (a private cluster of the
/// test's own) while updates keep coming to a real `serve` process.
#[tokio::test]
async fn stopping_and_restarting_postgres_under_load_loses_nothing_and_doubles_nothing() {
    use std::sync::{Arc, Mutex};

    use resilience_bot::store::PrivateCluster;

    use crate::served_binary::{Mode, start};

    const PEOPLE: i64 = 60;
    let dir = crate::cluster::reachable_temp_dir();
    let cluster = PrivateCluster::start(dir.path()).await.unwrap();
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(2))
        .connect_with(cluster.connect_options())
        .await
        .unwrap();
    let _app = TestApp::new(pool.clone()).await;
    let fake = FakeTelegram::start().await;
    let process = start(&cluster.url(), &fake.url, Mode::Polling, None);
    process.ready().await;
    let began = std::time::Instant::now();

    // /healthz as a monitor sees it, every 100 ms.
    let statuses: Arc<Mutex<Vec<(Duration, u16)>>> = Arc::default();
    let monitor = {
        let (statuses, addr) = (statuses.clone(), process.addr);
        tokio::spawn(async move {
            loop {
                let asked = began.elapsed();
                let status = match reqwest::get(format!("http://{addr}/healthz")).await {
                    Ok(response) => response.status().as_u16(),
                    Err(_) => 0,
                };
                statuses.lock().unwrap().push((asked, status));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    // Load: every 100 ms one person subscribes and another shares a location.
    let load = {
        let fake = fake.clone();
        tokio::spawn(async move {
            for i in 0..PEOPLE {
                fake.push_update(callback_update(2 * i + 1, 40_000 + i, "sub:sample-lvivska"));
                fake.push_update(location_update(2 * i + 2, 50_000 + i, 50.45, 30.52));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    cluster.stop_server().await.unwrap();
    let stopped = began.elapsed();
    tokio::time::sleep(Duration::from_secs(4)).await;
    let restarting = began.elapsed();
    let restarted_cluster = PrivateCluster::start(dir.path()).await.unwrap();
    let restarted = began.elapsed();
    load.await.unwrap();

    let subscribed =
        |f: &FakeTelegram| (0..PEOPLE).all(|i| count(&telegram_texts(f, 40_000 + i), "надсилатиме вам новини") == 1);
    fake.wait_within(Duration::from_secs(60), "every subscription applied", subscribed).await;
    fake.wait_for("every location answered", |f| {
        (0..PEOPLE).all(|i| count(&telegram_texts(f, 50_000 + i), "Найближчі") >= 1)
    })
    .await;
    let all_applied = began.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    monitor.abort();
    process.terminate();
    let (status, stderr) = process.exited(Duration::from_secs(30)).await;
    assert!(status.success(), "{stderr}");

    let subscriptions: i64 = sqlx::query_scalar("SELECT count(*) FROM subscription").fetch_one(&pool).await.unwrap();
    assert_eq!(subscriptions, PEOPLE, "each subscription applied once");
    let mut deferred_told = 0;
    for i in 0..PEOPLE {
        let subscriber = telegram_texts(&fake, 40_000 + i);
        assert_eq!(count(&subscriber, "надсилатиме вам новини"), 1, "{subscriber:?}");
        let notices = count(&subscriber, OUTAGE_NOTICE);
        assert!(notices <= 1, "told once at most: {subscriber:?}");
        deferred_told += notices;
        let locator = telegram_texts(&fake, 50_000 + i);
        assert_eq!(count(&locator, "Найближчі"), 1, "answered once: {locator:?}");
    }
    assert!(deferred_told > 0, "some subscriptions came during the outage");
    let statuses = statuses.lock().unwrap().clone();
    let during: Vec<u16> = statuses
        .iter()
        .filter(|(at, _)| *at > stopped + Duration::from_millis(500) && *at < restarting)
        .map(|s| s.1)
        .collect();
    assert!(!during.is_empty() && during.iter().all(|s| *s == 503), "/healthz during the outage: {during:?}");
    let back = statuses.iter().find(|(at, status)| *at > restarted && *status == 200).map(|(at, _)| *at - restarted);
    let back = back.expect("/healthz reports the recovery");
    println!(
        "postgres stopped at {stopped:?}, started again at {restarted:?}: /healthz 200 again {back:?} later, \
         all {PEOPLE} subscriptions applied once {:?} after the restart; {deferred_told} people told to try again, \
         {PEOPLE} locations answered once",
        all_applied - restarted
    );
    pool.close().await;
    restarted_cluster.stop().await.unwrap();
    drop(cluster);
}
