//! End-to-end load, memory and start-up of `resilience-bot serve`.
//!
//! Simulated people play real conversations (a place typed, more results, a
//! centre's card, a shared location, the crisis screen, groups, the menu) as
//! webhook updates against `serve`, half on Telegram and half on Viber (signed
//! as Viber signs them), with fake Bot and Viber APIs on loopback and Postgres
//! in the loop. A webhook call returns once its update is
//! applied and committed (the replies then go through Telegram's pacing), so
//! its latency is the time to apply an update. Reported:
//! - throughput at saturation (32 connections, closed loop);
//! - p50/p99 at fixed rates of 100, 500 and 1,000 updates/s (open loop:
//!   latency counts from when an update was due, so a stall is not hidden);
//! - start to ready (`/healthz` answers 200) and peak RSS, idle with the
//!   sample directory, and with 100,000 centres.
//!
//! `cargo bench --bench load` needs `DATABASE_URL` (scripts/bench provides
//! one) and creates databases of its own. Under `cargo test` it runs a small
//! smoke round that checks every update was applied and answered.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use serde_json::{Value, json};

#[path = "common/gazetteer_queries.rs"]
mod gazetteer_queries;
#[path = "common/many_centres.rs"]
mod many_centres;
#[path = "common/served.rs"]
mod served;
use many_centres::many_centres;
use served::{
    Move, Served, Update, database_and_mode, fresh_database, import, send_update, serve_fake, telegram_update,
};

const SAMPLE: &str = include_str!("../data/centres.sample.csv");
const PLACES: [&str; 6] = ["Бровари", "Львів", "Харків", "brovary", "Одеса", "Kyiv"];

/// Counts what the bot sent to the fake Bot API.
#[derive(Default)]
struct Fake {
    sent: AtomicU64,
}

async fn bot_api(
    State(fake): State<Arc<Fake>>,
    Path((_bot, method)): Path<(String, String)>,
    body: String,
) -> axum::Json<Value> {
    let method = method.to_ascii_lowercase();
    let chat = serde_json::from_str::<Value>(&body).ok().map(|b| b["chat_id"].clone()).unwrap_or(json!(1));
    let result = match method.as_str() {
        "getme" => json!({ "id": 1, "is_bot": true, "first_name": "Load", "username": "load_bot" }),
        "sendmessage" | "sendvenue" | "senddocument" | "sendphoto" => {
            fake.sent.fetch_add(1, Ordering::Relaxed);
            json!({ "message_id": 1, "date": 1_700_000_000, "chat": { "id": chat, "type": "private", "first_name": "L" }, "text": "" })
        }
        _ => json!(true),
    };
    axum::Json(json!({ "ok": true, "result": result }))
}

async fn viber_api(State(fake): State<Arc<Fake>>, Path(method): Path<String>) -> axum::Json<Value> {
    if method == "send_message" {
        fake.sent.fetch_add(1, Ordering::Relaxed);
    }
    axum::Json(json!({ "status": 0, "status_message": "ok", "message_token": 1, "chat_hostname": "load" }))
}

async fn start_fake() -> (SocketAddr, Arc<Fake>) {
    let fake = Arc::new(Fake::default());
    let app = Router::new()
        .route("/pa/{method}", post(viber_api))
        .route("/{bot}/{method}", post(bot_api))
        .with_state(fake.clone());
    (serve_fake(app).await, fake)
}

fn next_move(person: u64, step: u64, centres: &[String]) -> Move {
    let centre = &centres[(person as usize + step as usize) % centres.len()];
    match step % 8 {
        0 => Move::Text("/start"),
        1 => Move::Text(PLACES[(person as usize + step as usize) % PLACES.len()]),
        2 => Move::Button("more".into()),
        3 => Move::Button(format!("c:{centre}")),
        4 => Move::Location(46.0 + (person % 50) as f64 * 0.1, 24.0 + (step % 120) as f64 * 0.1),
        5 => Move::Button("help".into()),
        6 => Move::Button("groups".into()),
        _ => Move::Text("меню"),
    }
}

/// Even people write on Telegram, odd ones on Viber.
fn update(id: u64, person: u64, step: u64, centres: &[String]) -> Update {
    let action = next_move(person, step, centres);
    if person % 2 == 1 {
        let message = match action {
            Move::Text(text) => json!({ "type": "text", "text": text }),
            Move::Button(data) => json!({ "type": "text", "text": format!("btn:{data}") }),
            Move::Location(lat, lon) => json!({ "type": "location", "location": { "lat": lat, "lon": lon } }),
        };
        let body = json!({ "event": "message", "timestamp": 1_700_000_000_000u64, "message_token": id,
            "sender": { "id": format!("viber-{person}="), "name": "Load", "language": "uk", "api_version": 10 },
            "message": message });
        return Update { path: "/viber/webhook", body: body.to_string() };
    }
    telegram_update(id, 1_000_000 + person as i64, action)
}

/// Who sends the next update, so that one person's updates never overlap.
struct Script {
    people: u64,
    next_id: AtomicU64,
    centres: Vec<String>,
}

impl Script {
    /// The `n`-th update of the run: people in turn, each one step further.
    fn nth(&self, n: u64) -> Update {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        update(id, n % self.people, n / self.people, &self.centres)
    }
}

#[derive(Debug, Clone, Copy)]
struct Latencies {
    count: usize,
    failed: usize,
    rate: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn summarise(mut samples: Vec<Duration>, failed: usize, elapsed: Duration) -> Latencies {
    samples.sort_unstable();
    let at = |q: f64| samples.get(((samples.len() as f64 * q) as usize).min(samples.len().saturating_sub(1)));
    let ms = |d: Option<&Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
    Latencies {
        count: samples.len(),
        failed,
        rate: samples.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: ms(at(0.50)),
        p99_ms: ms(at(0.99)),
    }
}

/// Open loop: update `i` is due at `i / rate` seconds; latency counts from then.
async fn fixed_rate(script: &Arc<Script>, served: &Served, rate: u64, seconds: u64) -> Latencies {
    let client = reqwest::Client::new();
    let started = tokio::time::Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..rate * seconds {
        let due = started + Duration::from_secs_f64(i as f64 / rate as f64);
        tokio::time::sleep_until(due).await;
        let (client, body, addr) = (client.clone(), script.nth(i), served.addr);
        tasks.spawn(async move {
            let ok = send_update(&client, addr, &body).await;
            (ok, due.elapsed())
        });
    }
    let (mut samples, mut failed) = (Vec::new(), 0);
    while let Some(Ok((ok, latency))) = tasks.join_next().await {
        if ok { samples.push(latency) } else { failed += 1 }
    }
    summarise(samples, failed, started.elapsed())
}

/// Closed loop: `connections` senders, each with its own people, as fast as
/// the bot answers.
async fn saturation(script: &Arc<Script>, served: &Served, connections: u64, seconds: u64) -> Latencies {
    let client = reqwest::Client::new();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for sender in 0..connections {
        let (client, script, addr) = (client.clone(), script.clone(), served.addr);
        tasks.spawn(async move {
            let (mut samples, mut failed, mut n) = (Vec::new(), 0, sender);
            while Instant::now() < deadline {
                let body = script.nth(n);
                n += connections;
                let sent = Instant::now();
                if send_update(&client, addr, &body).await { samples.push(sent.elapsed()) } else { failed += 1 }
            }
            (samples, failed)
        });
    }
    let (mut samples, mut failed) = (Vec::new(), 0);
    while let Some(Ok((s, f))) = tasks.join_next().await {
        samples.extend(s);
        failed += f;
    }
    summarise(samples, failed, started.elapsed())
}

/// The median of one criterion benchmark (`cargo bench --bench nearest`,
/// run first by scripts/bench), in microseconds.
fn criterion_median_us(path: &str) -> Option<f64> {
    let target =
        std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target").to_owned());
    let file = format!("{target}/criterion/{path}/new/estimates.json");
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
    Some(estimates["median"]["point_estimate"].as_f64()? / 1000.0)
}

fn print_lookups() {
    let us = |v: Option<f64>| {
        v.map_or("not run".to_owned(), |v| if v < 10.0 { format!("{v:.2} µs") } else { format!("{v:.0} µs") })
    };
    println!(
        "| nearest 3 (median) | R-tree | brute-force haversine | PostGIS KNN (GiST, loopback) | PostGIS ÷ R-tree |"
    );
    println!("|---|---|---|---|---|");
    for size in ["300", "10000", "100000"] {
        let rtree = criterion_median_us(&format!("nearest3/rtree/{size}"));
        let scan = criterion_median_us(&format!("nearest3/brute_force_haversine/{size}"));
        let postgis = criterion_median_us(&format!("nearest3/postgis_knn/{size}"));
        let ratio = rtree.zip(postgis).map_or("-".to_owned(), |(r, p)| format!("{:.0}×", p / r));
        println!("| {size} centres | {} | {} | {} | {ratio} |", us(rtree), us(scan), us(postgis));
    }
    println!();
    println!("| gazetteer search (median) | time | target |");
    println!("|---|---|---|");
    for (name, query) in gazetteer_queries::QUERIES {
        println!("| {name} (\"{query}\") | {} | ≤ 50 µs |", us(criterion_median_us(&format!("gazetteer/{name}"))));
    }
}

fn sample_ids() -> Vec<String> {
    SAMPLE.lines().skip(1).filter_map(|l| l.split(',').next()).map(str::to_owned).collect()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (admin, benching) = database_and_mode();
    let (api, fake) = start_fake().await;

    let sample_db = fresh_database(&admin, "rb_bench_load").await;
    import(&sample_db, SAMPLE);
    let served = Served::start(&sample_db, api, &[]).await;
    let idle_rss = served.peak_rss_mib();
    let script = Arc::new(Script { people: 2_000, next_id: AtomicU64::new(1), centres: sample_ids() });

    if !benching {
        let smoke = fixed_rate(&script, &served, 50, 2).await;
        assert_eq!((smoke.count, smoke.failed), (100, 0), "every update applied: {smoke:?}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while fake.sent.load(Ordering::Relaxed) < 100 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(fake.sent.load(Ordering::Relaxed) >= 100, "every update answered");
        println!("load smoke: 100 updates applied and answered; p99 {:.1} ms", smoke.p99_ms);
        return;
    }

    // Warm up (connections, caches, the directory), then measure.
    fixed_rate(&script, &served, 200, 2).await;
    let mut rows = Vec::new();
    for rate in [100, 500, 1_000] {
        let measured = fixed_rate(&script, &served, rate, 10).await;
        eprintln!("{rate}/s: {measured:?}");
        rows.push((format!("{rate} updates/s"), measured));
    }
    let saturated = saturation(&script, &served, 32, 10).await;
    eprintln!("saturation: {saturated:?}");
    let after_load_rss = served.peak_rss_mib();
    let ready_sample = served.ready_after;
    drop(served);

    let big_db = fresh_database(&admin, "rb_bench_load_100k").await;
    let imported = Instant::now();
    import(&big_db, &many_centres(100_000));
    let import_time = imported.elapsed();
    let big = Served::start(&big_db, api, &[]).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let big_rss = big.peak_rss_mib();
    let ready_big = big.ready_after;
    drop(big);

    print_lookups();
    println!();
    println!("| measurement | result | target |");
    println!("|---|---|---|");
    println!(
        "| throughput at saturation (32 connections) | {:.0} updates/s, p50 {:.1} ms, p99 {:.1} ms, {} failed | ≥ 3,000 updates/s |",
        saturated.rate, saturated.p50_ms, saturated.p99_ms, saturated.failed
    );
    for (name, l) in &rows {
        let target = if name.starts_with("500 ") || name.starts_with("1000 ") { "p99 ≤ 50 ms" } else { "" };
        println!(
            "| {name} | p50 {:.1} ms, p99 {:.1} ms ({:.0}/s done, {} failed) | {target} |",
            l.p50_ms, l.p99_ms, l.rate, l.failed
        );
    }
    println!("| peak RSS idle, sample directory and gazetteer | {idle_rss:.1} MiB | ≤ 60 MB |");
    println!("| peak RSS after the load above | {after_load_rss:.1} MiB | |");
    println!("| peak RSS idle, 100,000 centres | {big_rss:.1} MiB | ≤ 200 MB |");
    println!("| start to ready, sample directory | {} ms | ≤ 1 s |", ready_sample.as_millis());
    println!("| start to ready, 100,000 centres | {} ms | ≤ 1 s |", ready_big.as_millis());
    println!("| importing 100,000 centres (CLI) | {:.1} s | |", import_time.as_secs_f64());
}
