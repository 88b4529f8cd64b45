//! The open data API with 100,000 centres, over loopback: the time to a
//! first answer after a directory change (the version's snapshot), page
//! latency (p50/p95/p99, each page's first request, which renders it, and
//! again), throughput of `If-None-Match` hits (304) from 32 connections, and
//! the GeoJSON of every centre.
//!
//! The server is the API's real router (`opendata::router`) with its rate
//! limit set out of the way, served by axum on 127.0.0.1 in this process;
//! the client is reqwest in the same process, on the same two cores.
//! `cargo bench --bench opendata` prints a table (scripts/bench runs it);
//! under `cargo test` it runs a small smoke round.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use resilience_bot::directory::{Directory, SharedDirectory, centre_csv};
use resilience_bot::i18n::Catalog;
use resilience_bot::opendata::config::{Licence, Publisher, RateLimit};
use resilience_bot::opendata::{OpenDataConfig, Publication};

#[path = "common/many_centres.rs"]
mod many_centres;

const CONNECTIONS: usize = 32;

fn config() -> OpenDataConfig {
    let publication = Publication {
        publisher: Publisher {
            name: "Bench".into(),
            website: "https://example.org/".into(),
            email: "bench@example.org".into(),
            edrpou: None,
            configured: true,
        },
        licence: Licence { name: "CC BY 4.0".into(), url: "https://creativecommons.org/licenses/by/4.0/".into() },
    };
    // Every request comes from 127.0.0.1: the limit must not be what is measured.
    let unlimited = NonZeroU32::new(u32::MAX).expect("nonzero");
    OpenDataConfig { publication, rate: RateLimit { per_second: unlimited, burst: unlimited } }
}

async fn serve(directory: SharedDirectory) -> SocketAddr {
    let catalog = Arc::new(Catalog::load().expect("locales"));
    let router = resilience_bot::opendata::router(config(), directory, catalog).expect("taxonomy");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.expect("serves")
    });
    addr
}

/// Milliseconds at the given quantiles.
fn quantiles(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    (at(0.50), at(0.95), at(0.99))
}

/// Fetches each path once in order, one request at a time; their latencies.
async fn fetch_all(client: &reqwest::Client, addr: SocketAddr, paths: &[String]) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(paths.len());
    for path in paths {
        let started = Instant::now();
        let response = client.get(format!("http://{addr}{path}")).send().await.expect("answers");
        assert_eq!(response.status(), 200, "{path}");
        response.bytes().await.expect("a body");
        samples.push(started.elapsed());
    }
    samples
}

/// `connections` clients asking for `path` with `If-None-Match: etag` for
/// `seconds`: requests a second, and the latency quantiles.
async fn not_modified_rate(addr: SocketAddr, path: &str, etag: &str, seconds: u64) -> (f64, (f64, f64, f64)) {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (stop, done) = (stop.clone(), done.clone());
            let (url, etag) = (format!("http://{addr}{path}"), etag.to_owned());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut samples = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let sent = Instant::now();
                    let response = client.get(&url).header("If-None-Match", &etag).send().await.expect("answers");
                    assert_eq!(response.status(), 304);
                    samples.push(sent.elapsed());
                    done.fetch_add(1, Ordering::Relaxed);
                }
                samples
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut samples = Vec::new();
    for worker in workers {
        samples.extend(worker.await.expect("a worker"));
    }
    let rate = done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    (rate, quantiles(samples))
}

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Page paths over `pages` pages in a shuffled but fixed order.
fn page_paths(pages: usize, query: &str) -> Vec<String> {
    let mut order: Vec<usize> = (1..=pages).collect();
    let mut seed: u64 = 11;
    for i in (1..order.len()).rev() {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (seed >> 33) as usize % (i + 1));
    }
    order.into_iter().map(|page| format!("/api/hsds/services?page={page}&{query}")).collect()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let count = if benching { 100_000 } else { 1_000 };
    let today = chrono::Utc::now().date_naive();
    let centres: Vec<_> = centre_csv::parse(many_centres::many_centres(count).as_bytes(), today)
        .expect("valid centres")
        .into_iter()
        .map(|imported| imported.centre)
        .collect();
    let directory = SharedDirectory::new(Directory::new(centres));
    let addr = serve(directory.clone()).await;
    let client = reqwest::Client::new();
    let rss_before = rss_mib();

    let started = Instant::now();
    let first = client.get(format!("http://{addr}/api/hsds/")).send().await.expect("answers");
    let first_answer = started.elapsed();
    let etag = first.headers()["etag"].to_str().expect("an ETag").to_owned();

    let pages = count / 50;
    let summaries = page_paths(pages, "per_page=50");
    let cold = quantiles(fetch_all(&client, addr, &summaries).await);
    let warm = quantiles(fetch_all(&client, addr, &summaries).await);
    let full = page_paths(pages.min(400), "per_page=50&full=true");
    let full_cold = quantiles(fetch_all(&client, addr, &full).await);
    let largest = page_paths((count / 500).min(40), "per_page=500");
    let largest_warm = quantiles(fetch_all(&client, addr, &largest).await);

    let geojson_started = Instant::now();
    let geojson = client.get(format!("http://{addr}/api/centres.geojson")).send().await.expect("answers");
    let geojson_bytes = geojson.bytes().await.expect("a body").len();
    let geojson_first = geojson_started.elapsed();
    let geojson_again = quantiles(fetch_all(&client, addr, &vec!["/api/centres.geojson".to_owned(); 5]).await);
    let rss_after = rss_mib();

    let seconds = if benching { 10 } else { 1 };
    let (rate, not_modified) = not_modified_rate(addr, "/api/hsds/services?page=7", &etag, seconds).await;

    if !benching {
        assert!(rate > 0.0);
        println!("open data smoke: {count} centres, {pages} pages, {rate:.0} 304s a second");
        return;
    }
    let ms = |(p50, p95, p99): (f64, f64, f64)| format!("p50 {p50:.2} ms, p95 {p95:.2} ms, p99 {p99:.2} ms");
    println!("| open data API, {count} centres | result | target |");
    println!("|---|---|---|");
    println!("| first answer after a change (the version's snapshot) | {} ms | |", first_answer.as_millis());
    println!("| a page of 50 services, first request of each ({pages} pages) | {} | p95 ≤ 5 ms |", ms(cold));
    println!("| a page of 50 services, again | {} | p95 ≤ 5 ms |", ms(warm));
    println!("| a page of 50 full services, first request ({} pages) | {} | |", full.len(), ms(full_cold));
    println!("| a page of 500 services ({} pages) | {} | |", largest.len(), ms(largest_warm));
    println!(
        "| `If-None-Match` hit (304), {CONNECTIONS} connections, {seconds} s | {rate:.0} requests/s, {} | ≥ 5,000 requests/s |",
        ms(not_modified)
    );
    println!(
        "| GeoJSON of every centre ({:.1} MB) | first {} ms, then p50 {:.0} ms | |",
        geojson_bytes as f64 / 1e6,
        geojson_first.as_millis(),
        geojson_again.0
    );
    println!(
        "| RSS of this process (server and client): directory loaded / everything above rendered | {rss_before:.0} MiB / {rss_after:.0} MiB | |"
    );
}
