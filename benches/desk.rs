//! The operator desk's pages with 300 and with 100,000 centres, over
//! loopback: the overview, a page of the list, a filtered page of the list
//! and a centre's page (issue 19), and the pages issue 20 added: the reports
//! inbox, a centre's coordinators, poster, groups, a group's sign-ups and
//! messages, the statistics and the coverage map, each fetched one request
//! at a time by a signed-in operator; p50/p95/p99 per page. Targets (issues
//! 19 and 20): p95 ≤ 20 ms with 300 centres, ≤ 100 ms with 100,000. The
//! rows behind the issue-20 pages are in `common/desk_rows.rs`.
//!
//! The server is the desk's real router (`desk::router`) over a fresh
//! database on `DATABASE_URL`'s server (scripts/bench starts a private
//! cluster), reading the centres from the directory snapshot as `serve`
//! does; the client is reqwest in the same process, on the same cores.
//! `cargo bench --bench desk` prints a table; under `cargo test` it runs a
//! small smoke round.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use resilience_bot::desk::{self, DeskConfig, DeskState};
use resilience_bot::directory::{Directory, SharedDirectory, centre_csv};
use resilience_bot::domain::{ChannelKind, Person};
use resilience_bot::i18n::Catalog;
use resilience_bot::store::Store;
use sqlx::AssertSqlSafe;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

#[path = "common/desk_rows.rs"]
mod desk_rows;
#[path = "common/many_centres.rs"]
mod many_centres;

/// A fresh database on DATABASE_URL's server.
async fn fresh_store(admin: &PgConnectOptions, name: &str) -> Store {
    let pool = PgPoolOptions::new().max_connections(1).connect_with(admin.clone()).await.expect("DATABASE_URL answers");
    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    sqlx::query(AssertSqlSafe(drop)).execute(&pool).await.expect("drop");
    sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&pool).await.expect("create");
    pool.close().await;
    Store::connect(admin.clone().database(name)).await.expect("the bench database")
}

/// The desk over `count` synthetic centres; its address and an operator's cookie.
async fn desk_with(admin: &PgConnectOptions, count: usize) -> Cookies {
    let store = fresh_store(admin, &format!("desk_bench_{count}")).await;
    let today = chrono::Utc::now().date_naive();
    let imported = centre_csv::parse(many_centres::many_centres(count).as_bytes(), today).expect("valid centres");
    store.import_centres(&imported, false).await.expect("imported");
    desk_rows::seed(&store, count).await;
    let directory = Directory::new(store.centres().await.expect("centres")).with_closures(Vec::new());
    let operator = Person { channel: ChannelKind::Console, external_id: "bench-operator".into() };
    store.add_operator(&operator).await.expect("an operator");
    let token = store.create_desk_link(&operator, chrono::Utc::now()).await.expect("a link").expect("a role");
    let session = store.sign_in(&token, chrono::Utc::now()).await.expect("signs in").expect("the link works");
    // A coordinator of bench-0 (`desk_rows` made them), whose role is read
    // from the coordinator table on every request.
    let coordinator = Person { channel: ChannelKind::Telegram, external_id: "bench-coordinator-0-0".into() };
    let token = store.create_desk_link(&coordinator, chrono::Utc::now()).await.expect("a link").expect("a role");
    let coordinating = store.sign_in(&token, chrono::Utc::now()).await.expect("signs in").expect("the link works");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    let config = DeskConfig { url: format!("http://{addr}").parse().expect("a URL"), links: Default::default() };
    let catalog = Arc::new(Catalog::load_desk().expect("desk texts"));
    let state = DeskState::new(store.clone(), catalog, &config).with_directory(SharedDirectory::new(directory));
    tokio::spawn(desk::serve(listener, state, std::future::pending()));
    let cookie = |id: &str| format!("{}={id}", desk::SESSION_COOKIE);
    Cookies { addr, operator: cookie(&session.id), coordinator: cookie(&coordinating.id), store }
}

/// A desk being measured: where it answers, the cookies of an operator and
/// of a coordinator of bench-0, and its store.
struct Cookies {
    addr: SocketAddr,
    operator: String,
    coordinator: String,
    store: Store,
}

/// Milliseconds at the given quantiles.
fn quantiles(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    (at(0.50), at(0.95), at(0.99))
}

/// Fetches each path in turn, one request at a time; their latencies.
async fn fetch_all(client: &reqwest::Client, addr: SocketAddr, cookie: &str, paths: &[String]) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(paths.len());
    for path in paths {
        let started = Instant::now();
        let response =
            client.get(format!("http://{addr}{path}")).header("cookie", cookie).send().await.expect("answers");
        assert_eq!(response.status(), 200, "{path}");
        response.bytes().await.expect("a body");
        samples.push(started.elapsed());
    }
    samples
}

/// The pages measured, each `rounds` times, spread over the list's pages
/// and the centres (those with groups and messages for their pages, those
/// with coordinators for theirs: see `desk_rows`).
fn pages(count: usize, rounds: usize) -> Vec<(&'static str, Vec<String>)> {
    let pages = count.div_ceil(50);
    let spread = |i: usize, n: usize| (i * 7_919) % n;
    let each = |path: &dyn Fn(usize) -> String| (0..rounds).map(path).collect::<Vec<_>>();
    let with_groups = |i: usize| 5 * spread(i, count.div_ceil(5));
    vec![
        ("overview", vec!["/".to_owned(); rounds]),
        ("list, a page of 50", each(&|i| format!("/centres?page={}", spread(i, pages) + 1))),
        (
            "list filtered (oblast, no coordinator, search), newest first",
            each(&|i| {
                format!(
                    "/centres?oblast=%D0%9A%D0%B8%D1%97%D0%B2%D1%81%D1%8C%D0%BA%D0%B0+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D1%8C\
                     &flag=no-coordinator&q={}&sort=newest&page=1",
                    spread(i, 10)
                )
            }),
        ),
        ("a centre", each(&|i| format!("/centres/bench-{}", spread(i, count)))),
        ("reports inbox (open)", vec!["/reports".to_owned(); rounds]),
        (
            "a centre's coordinators and invitations",
            each(&|i| format!("/centres/bench-{}/coordinators", 2 * spread(i, count.div_ceil(2)))),
        ),
        ("a centre's poster (QR codes)", each(&|i| format!("/centres/bench-{}/poster", spread(i, count)))),
        ("a centre's groups", each(&|i| format!("/centres/bench-{}/groups", with_groups(i)))),
        (
            "a group's sign-ups (14)",
            each(&|i| format!("/centres/bench-{0}/groups/bench-{0}-{1}/signups", with_groups(i), i % 2)),
        ),
        ("a centre's messages", each(&|i| format!("/centres/bench-{}/messages", with_groups(i)))),
        ("statistics (52 weeks of check-ins and counters)", vec!["/statistics".to_owned(); rounds]),
        ("coverage (52 weeks × 1,500 hromadas stored; a page of 100)", vec!["/coverage".to_owned(); rounds]),
    ]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let url = std::env::var("DATABASE_URL").expect("set DATABASE_URL (scripts/bench starts a cluster)");
    let admin: PgConnectOptions = url.parse().expect("DATABASE_URL is a Postgres URL");
    let sizes: &[(usize, f64)] = if benching { &[(300, 20.0), (100_000, 100.0)] } else { &[(300, 20.0)] };
    let rounds = if benching { 200 } else { 5 };
    let client = reqwest::Client::new();
    let mut table = Vec::new();
    for &(count, target) in sizes {
        let desk = desk_with(&admin, count).await;
        let (addr, store) = (desk.addr, &desk.store);
        let as_coordinator =
            ("a centre's groups, as its coordinator", vec!["/centres/bench-0/groups".to_owned(); rounds]);
        let every = pages(count, rounds).into_iter().map(|page| (page, &desk.operator));
        for ((name, paths), cookie) in every.chain([(as_coordinator, &desk.coordinator)]) {
            // One request first, reported apart: it fills what the desk
            // keeps between requests (the tallies, the weekly figures).
            let first = fetch_all(&client, addr, cookie, &paths[..1]).await[0].as_secs_f64() * 1e3;
            let (p50, p95, p99) = quantiles(fetch_all(&client, addr, cookie, &paths).await);
            table.push(format!(
                "| {name}, {count} centres | first {first:.1} ms; then p50 {p50:.1} ms, p95 {p95:.1} ms, p99 {p99:.1} ms | p95 ≤ {target} ms |"
            ));
        }
        store.pool().close().await;
    }
    if !benching {
        println!("desk smoke: {} page kinds answered", table.len());
        return;
    }
    println!("| operator desk page ({rounds} requests each) | result | target |");
    println!("|---|---|---|");
    for row in table {
        println!("{row}");
    }
}
