//! SIGTERM: `serve` stops taking new work, finishes what is in flight within
//! a bounded time, and exits 0.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use sqlx::PgPool;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::{TestApp, database_url};
use crate::served_binary::{Mode, WEBHOOK_SECRET, start};

#[sqlx::test]
async fn sigterm_finishes_the_updates_in_flight_sends_their_replies_and_exits_0(pool: PgPool) {
    let _app = TestApp::new(pool.clone()).await;
    let fake = FakeTelegram::start().await;
    // Every message takes a while, so that replies are still queued when
    // the signal comes.
    fake.delay("sendMessage", Duration::from_millis(150));
    let process = start(&database_url(&pool), &fake.url, Mode::Webhook, None);
    process.ready().await;
    let url = format!("http://{}/telegram/webhook", process.addr);
    let post = |id: i64| {
        let url = url.clone();
        async move {
            let update = crate::telegram::text_update(id, 7000 + id, "uk", "Бровари");
            reqwest::Client::new()
                .post(url)
                .header("X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET)
                .json(&update)
                .send()
                .await
                .map(|r| r.status())
        }
    };
    let first_wave: Vec<_> = (1..=20).map(|id| tokio::spawn(post(id))).collect();
    let mut applied = Vec::new();
    for (id, wave) in (1..=20).zip(first_wave) {
        assert_eq!(wave.await.unwrap().unwrap(), StatusCode::OK);
        applied.push(id);
    }
    // A second wave races the signal: each is either applied and answered,
    // or refused (left for Telegram to deliver again), never half done.
    let second_wave: Vec<_> = (21..=40).map(|id| tokio::spawn(post(id))).collect();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let signalled = Instant::now();
    let addr = process.addr;
    process.terminate();
    for (id, wave) in (21..=40).zip(second_wave) {
        if let Ok(Ok(StatusCode::OK)) = wave.await {
            applied.push(id);
        }
    }
    let (status, stderr) = process.exited(Duration::from_secs(30)).await;
    let took = signalled.elapsed();
    assert!(status.success(), "exit status {status:?}; stderr:\n{stderr}");
    println!("SIGTERM to exit: {took:?}, {} updates applied", applied.len());
    assert!(took < Duration::from_secs(25), "bounded: {took:?}");
    for id in applied {
        let texts = crate::telegram::texts(&fake.sent_to(7000 + id));
        assert!(texts.iter().any(|t| t.contains("Найближчі")), "update {id} was acknowledged but not answered");
    }
    let after = reqwest::get(format!("http://{addr}/healthz")).await;
    assert!(after.is_err(), "nothing listens any more");
}
