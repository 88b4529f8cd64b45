//! Slow and hostile clients through the real `serve` code path: headers or a
//! body trickled byte by byte are cut off at the timeouts while everyone
//! else is answered, a wrong secret is refused before the body is read, and
//! a slow database probe does not take the bot down with `/healthz`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use resilience_bot::server::BODY_TIMEOUT;
use resilience_bot::server::listen::HEADER_TIMEOUT;
use sqlx::PgPool;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::TestApp;
use crate::operations::{SECRET, Telegram, serve_both};

/// Writes `head` at once, then `trickle` one byte a second for at most 60 s;
/// returns what the server answered and when it closed the connection.
async fn trickle(addr: SocketAddr, head: String, trickle: &'static [u8]) -> (String, Duration) {
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let began = Instant::now();
    writer.write_all(head.as_bytes()).await.unwrap();
    let writing = tokio::spawn(async move {
        for byte in trickle.iter().cycle().take(60) {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if writer.write_all(&[*byte]).await.is_err() {
                return;
            }
        }
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(70), reader.read_to_end(&mut answer)).await;
    let closed = began.elapsed();
    writing.abort();
    (String::from_utf8_lossy(&answer).into_owned(), closed)
}

/// Asks `/livez` and posts a real update once a second until `done`,
/// asserting that every one is answered at once.
async fn others_are_answered(addr: SocketAddr, done: tokio::sync::watch::Receiver<bool>) -> usize {
    let client = reqwest::Client::new();
    let mut answered = 0;
    let mut id = 1;
    while !*done.borrow() {
        let asked = Instant::now();
        let live = client.get(format!("http://{addr}/livez")).send().await.unwrap().status();
        let update = crate::telegram::text_update(id, 90_000 + id, "uk", "Бровари");
        let posted = client
            .post(format!("http://{addr}/telegram/webhook"))
            .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
            .json(&update)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!((live, posted), (StatusCode::OK, StatusCode::OK));
        assert!(asked.elapsed() < Duration::from_secs(3), "answered slowly: {:?}", asked.elapsed());
        answered += 1;
        id += 1;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    answered
}

#[sqlx::test]
async fn a_client_trickling_its_headers_for_60_s_is_cut_off_while_others_are_answered(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let both = serve_both(&app, Telegram::Webhook).await;
    let (done_tx, done) = tokio::sync::watch::channel(false);
    let others = tokio::spawn(others_are_answered(both.addr, done));
    let head = "POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nX-Slow: ".to_owned();
    let (answer, closed) = trickle(both.addr, head, b"abcdefgh").await;
    done_tx.send(true).unwrap();
    let answered = others.await.unwrap();
    assert!(
        closed >= HEADER_TIMEOUT - Duration::from_secs(1) && closed < HEADER_TIMEOUT + Duration::from_secs(5),
        "closed after {closed:?}: {answer:?}"
    );
    assert!(!answer.contains("200 OK"), "{answer:?}");
    assert!(answered >= 5, "only {answered} other requests answered meanwhile");
    both.server.stop().await;
}

#[sqlx::test]
async fn a_webhook_body_trickled_slowly_is_cut_at_the_body_timeout(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let both = serve_both(&app, Telegram::Webhook).await;
    let (done_tx, done) = tokio::sync::watch::channel(false);
    let others = tokio::spawn(others_are_answered(both.addr, done));
    let head = format!(
        "POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nX-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n\
         Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{{"
    );
    let (answer, closed) = trickle(both.addr, head, b" ").await;
    done_tx.send(true).unwrap();
    let answered = others.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(
        closed >= BODY_TIMEOUT - Duration::from_secs(1) && closed < BODY_TIMEOUT + Duration::from_secs(5),
        "answered after {closed:?}"
    );
    assert!(answered >= 5, "only {answered} other requests answered meanwhile");
    both.server.stop().await;
}

#[sqlx::test]
async fn a_telegram_call_without_the_secret_is_refused_before_its_body_is_read(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let both = serve_both(&app, Telegram::Webhook).await;
    // Started fully: a stop during start-up fails the Viber registration.
    both.viber.wait_for("the webhook check", |f| f.webhook_check().is_some()).await;
    // A body announced but never sent: the answer cannot wait for it.
    let head =
        "POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nX-Telegram-Bot-Api-Secret-Token: guessed-secret-000\r\n\
                Content-Type: application/json\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
            .to_owned();
    let (answer, closed) = trickle(both.addr, head, b"").await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer:?}");
    assert!(closed < Duration::from_secs(2), "answered after {closed:?}");
    both.server.stop().await;
}

#[sqlx::test]
async fn a_slow_health_probe_answers_503_within_its_timeout_and_does_not_mark_the_database_down(pool: PgPool) {
    let app = TestApp::new(pool.clone()).await;
    let both = serve_both(&app, Telegram::Webhook).await;
    let client = reqwest::Client::new();
    let health = |client: reqwest::Client| {
        let url = format!("http://{}/healthz", both.addr);
        async move { client.get(url).send().await.unwrap().status() }
    };
    assert_eq!(health(client.clone()).await, StatusCode::OK);
    // Every connection of the pool is held: a probe cannot get one.
    let mut held = Vec::new();
    for _ in 0..app.store.pool().options().get_max_connections() {
        held.push(app.store.pool().acquire().await.unwrap());
    }
    let asked = Instant::now();
    let probes: Vec<_> = (0..20).map(|_| tokio::spawn(health(client.clone()))).collect();
    for probe in probes {
        assert_eq!(probe.await.unwrap(), StatusCode::SERVICE_UNAVAILABLE);
    }
    // Twenty monitors at once share one bounded probe.
    assert!(asked.elapsed() < Duration::from_secs(3), "answered after {:?}", asked.elapsed());
    assert!(app.store.seems_up(), "a slow probe marked the database down for the whole bot");
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(health(client).await, StatusCode::OK);
    both.server.stop().await;
}
