//! A broadcast through the real worker and Telegram channel to a fake Bot API
//! on 127.0.0.1, with Postgres in the loop:
//! - paced: the fake allows 30 messages a second (answering 429 with
//!   `retry_after` above it); reports the rate as a fraction of 30;
//! - unlimited: the engine's own ceiling;
//! - killed: the worker task is aborted a third of the way through (messages
//!   in flight are dropped, claims left behind) and a new one started;
//!   reports duplicates and losses.
//!
//! `cargo bench --bench broadcast -- [PACED UNLIMITED KILLED]` (subscriber
//! counts; default 3000 100000 1500) needs `DATABASE_URL`, and creates and
//! drops a database of its own. Under `cargo test` it runs a small smoke round.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use resilience_bot::channel::telegram::pacing::Pacing;
use resilience_bot::channel::telegram::{Telegram, TelegramConfig};
use resilience_bot::conversation::{Clock, Conversation, NoticeSender};
use resilience_bot::directory::{Directory, Gazetteer, SharedDirectory, centre_csv};
use resilience_bot::domain::{ChannelKind, Hotlines, Person, Programme};
use resilience_bot::i18n::Catalog;
use resilience_bot::store::{BroadcastBody, Store};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection};

/// What the fake Bot API saw.
#[derive(Default)]
struct Seen {
    /// Messages accepted per chat.
    per_chat: HashMap<i64, u32>,
    /// Times of accepted messages (for the rate).
    accepted: Vec<Instant>,
    refused_429: u64,
    /// The limit per second, if any.
    limit: Option<usize>,
}

async fn api(
    State(seen): State<Arc<Mutex<Seen>>>,
    Path((_bot, method)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Json<Value> {
    if !method.eq_ignore_ascii_case("sendMessage") {
        return Json(json!({ "ok": true, "result": true }));
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let now = Instant::now();
    let mut seen = seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(limit) = seen.limit {
        let window =
            seen.accepted.iter().rev().take_while(|t| now.duration_since(**t) < Duration::from_secs(1)).count();
        if window >= limit {
            seen.refused_429 += 1;
            return Json(json!({ "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
                                "parameters": { "retry_after": 1 } }));
        }
    }
    seen.accepted.push(now);
    *seen.per_chat.entry(chat).or_default() += 1;
    Json(json!({ "ok": true, "result": {
        "message_id": 1, "date": 0, "chat": { "id": chat, "type": "private", "first_name": "S" }, "text": "ok" } }))
}

struct Bench {
    store: Store,
    conversation: Conversation,
    telegram: Arc<dyn NoticeSender>,
    seen: Arc<Mutex<Seen>>,
}

async fn setup(admin: &PgConnectOptions, database: &str, limit: Option<usize>) -> Bench {
    let mut conn = admin.connect().await.expect("DATABASE_URL answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {database}")))
        .execute(&mut conn)
        .await
        .expect("drop");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}"))).execute(&mut conn).await.expect("create");
    conn.close().await.ok();
    let pool =
        PgPoolOptions::new().max_connections(10).connect_with(admin.clone().database(database)).await.expect("connect");
    let store = Store::from_pool(pool).await.expect("migrate");
    let today = chrono::Utc::now().date_naive();
    let centres = centre_csv::parse(include_str!("../data/centres.sample.csv").as_bytes(), today).expect("sample");
    store.import_centres(&centres, false).await.expect("import");
    let directory = SharedDirectory::new(Directory::new(store.centres().await.expect("centres")));
    let conversation = Conversation::new(
        store.clone(),
        directory,
        Arc::new(Gazetteer::built_in().expect("gazetteer")),
        Arc::new(Hotlines::built_in().expect("hotlines")),
        Arc::new(Programme::built_in().expect("programmes")),
        Clock::System,
    );
    let seen = Arc::new(Mutex::new(Seen { limit, ..Seen::default() }));
    let app = Router::new().route("/{bot}/{method}", post(api)).with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    let config = TelegramConfig::new("1:BENCH".into(), url.parse().expect("url"), None, None).expect("config");
    let catalog = Arc::new(Catalog::load().expect("locales"));
    // Unlimited runs lift our own pacing too, to find the engine's ceiling.
    let pacing = if limit.is_some() { Pacing::telegram() } else { Pacing::new(1_000_000, 1, 1, 3) };
    let telegram: Arc<dyn NoticeSender> =
        Arc::new(Telegram::with_pacing(&config, conversation.clone(), store.clone(), catalog, pacing));
    Bench { store, conversation, telegram, seen }
}

/// `subscribers` people subscribed to the Lviv sample centre, and a message to them from its coordinator.
async fn broadcast_to(bench: &Bench, subscribers: i64) {
    let pool = bench.store.pool();
    sqlx::query("INSERT INTO chat_user (channel, external_id, language) SELECT 'telegram', (1000000 + n)::text, 'uk' FROM generate_series(1, $1) n")
        .bind(subscribers).execute(pool).await.expect("users");
    sqlx::query("INSERT INTO subscription (centre_id, channel, external_id) SELECT 'sample-lvivska', 'telegram', (1000000 + n)::text FROM generate_series(1, $1) n")
        .bind(subscribers).execute(pool).await.expect("subscriptions");
    let coordinator = Person { channel: ChannelKind::Telegram, external_id: "42".into() };
    sqlx::query("INSERT INTO chat_user (channel, external_id, language) VALUES ('telegram', '42', 'uk')")
        .execute(pool)
        .await
        .expect("coordinator");
    bench.store.add_coordinator("sample-lvivska", &coordinator).await.expect("coordinator");
    let body = BroadcastBody::Message("Завтра центр не працює: немає світла.".into());
    bench
        .store
        .create_broadcast_as(&coordinator, "sample-lvivska", &body, chrono::Utc::now())
        .await
        .expect("broadcast");
}

/// Runs the worker until the broadcast is done.
async fn work(bench: &Bench) {
    let senders = vec![bench.telegram.clone()];
    loop {
        let handled = bench.conversation.run_broadcasts(&senders).await.expect("worker");
        let open: i64 = sqlx::query_scalar("SELECT count(*) FROM broadcast WHERE status <> 'done'")
            .fetch_one(bench.store.pool())
            .await
            .expect("status");
        if open == 0 {
            return;
        }
        if handled == 0 {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

struct Outcome {
    rate: f64,
    duplicates: u64,
    losses: i64,
    refused_429: u64,
    seconds: f64,
}

fn outcome(bench: &Bench, subscribers: i64, seconds: f64) -> Outcome {
    let seen = bench.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let delivered: u64 = seen.per_chat.values().map(|&n| u64::from(n)).sum();
    let distinct = seen.per_chat.keys().filter(|&&chat| chat != 42).count() as i64;
    let duplicates = delivered - seen.per_chat.len() as u64;
    // The rate between the first and the last accepted message.
    let span = match (seen.accepted.first(), seen.accepted.last()) {
        (Some(first), Some(last)) if seen.accepted.len() > 1 => last.duration_since(*first).as_secs_f64(),
        _ => seconds,
    };
    let rate = (seen.accepted.len().saturating_sub(1)) as f64 / span.max(f64::EPSILON);
    Outcome { rate, duplicates, losses: subscribers - distinct, refused_429: seen.refused_429, seconds }
}

async fn run(admin: &PgConnectOptions, name: &str, subscribers: i64, limit: Option<usize>, kill: bool) -> Outcome {
    let database = format!("bench_broadcast_{name}_{}", std::process::id());
    let bench = setup(admin, &database, limit).await;
    broadcast_to(&bench, subscribers).await;
    let started = Instant::now();
    if kill {
        let first = Bench {
            store: bench.store.clone(),
            conversation: bench.conversation.clone(),
            telegram: bench.telegram.clone(),
            seen: bench.seen.clone(),
        };
        let worker = tokio::spawn(async move { work(&first).await });
        let third = (subscribers / 3) as usize;
        while bench.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).accepted.len() < third {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // As if the process died: messages in flight are dropped unmarked.
        worker.abort();
        let _ = worker.await;
    }
    work(&bench).await;
    let seconds = started.elapsed().as_secs_f64();
    bench.store.pool().close().await;
    let mut conn = admin.connect().await.expect("admin");
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")))
        .execute(&mut conn)
        .await
        .ok();
    outcome(&bench, subscribers, seconds)
}

fn print(label: &str, subscribers: i64, limit: Option<usize>, o: &Outcome) {
    let fraction = limit.map_or(String::from("—"), |l| format!("{:.3}", o.rate / l as f64));
    println!(
        "{label:<10} {subscribers:>7} subscribers  {:>8.1} msg/s  fraction of limit {fraction:>5}  duplicates {:>3}  losses {:>2}  429s {:>3}  {:>6.1} s",
        o.rate, o.duplicates, o.losses, o.refused_429, o.seconds
    );
}

fn main() {
    let url = std::env::var("DATABASE_URL").expect("set DATABASE_URL (scripts/test and scripts/chat start a cluster)");
    let admin: PgConnectOptions = url.parse().expect("DATABASE_URL is a Postgres URL");
    let benching = std::env::args().any(|a| a == "--bench");
    let counts: Vec<i64> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    // Under `cargo test`: a quick round without the kill (whose restart waits
    // out the 60-second lease); the integration tests cover the kill.
    let (paced, unlimited, killed) = match (benching, counts.as_slice()) {
        (false, _) => (20, 200, 0),
        (true, [p, u, k, ..]) => (*p, *u, *k),
        (true, _) => (3_000, 100_000, 1_500),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let paced_limit = if benching { Some(30) } else { None };
        let o = run(&admin, "paced", paced, paced_limit, false).await;
        print("paced", paced, paced_limit, &o);
        assert_eq!((o.duplicates, o.losses), (0, 0), "paced: nobody twice, nobody missed");
        if unlimited > 0 {
            let o = run(&admin, "unlimited", unlimited, None, false).await;
            print("unlimited", unlimited, None, &o);
            assert_eq!((o.duplicates, o.losses), (0, 0), "unlimited: nobody twice, nobody missed");
        }
        if killed > 0 {
            let o = run(&admin, "killed", killed, paced_limit, true).await;
            print("killed", killed, paced_limit, &o);
            assert_eq!(o.losses, 0, "killed: nobody missed");
        }
    });
}
