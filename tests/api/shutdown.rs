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
    let post = |update: serde_json::Value| {
        let url = url.clone();
        async move {
            reqwest::Client::new()
                .post(url)
                .header("X-Telegram-Bot-Api-Secret-Token", WEBHOOK_SECRET)
                .json(&update)
                .send()
                .await
                .map(|r| r.status())
        }
    };
    // Twenty places typed and applied: their replies are queued.
    let queued: Vec<_> =
        (1..=20).map(|id| tokio::spawn(post(crate::telegram::text_update(id, 7000 + id, "uk", "Бровари")))).collect();
    for wave in queued {
        assert_eq!(wave.await.unwrap().unwrap(), StatusCode::OK);
    }
    // Ten button presses still being handled when the signal comes: each
    // first stops the button's spinner, which now takes 700 ms.
    fake.delay("answerCallbackQuery", Duration::from_millis(700));
    let in_flight: Vec<_> =
        (21..=30).map(|id| tokio::spawn(post(crate::telegram::callback_update(id, 7000 + id, "help")))).collect();
    fake.wait_for("ten presses in flight", |f| f.calls("answerCallbackQuery").len() == 10).await;
    let signalled = Instant::now();
    let addr = process.addr;
    process.terminate();
    for wave in in_flight {
        assert_eq!(wave.await.unwrap().unwrap(), StatusCode::OK, "an update in flight is finished, not dropped");
    }
    let (status, stderr) = process.exited(Duration::from_secs(30)).await;
    let took = signalled.elapsed();
    assert!(status.success(), "exit status {status:?}; stderr:\n{stderr}");
    println!("SIGTERM to exit: {took:?}; 20 queued replies and 10 updates in flight finished");
    assert!(took < Duration::from_secs(25), "bounded: {took:?}");
    for id in 1..=20 {
        let texts = crate::telegram::texts(&fake.sent_to(7000 + id));
        assert!(texts.iter().any(|t| t.contains("найближчі центри")), "update {id} was acknowledged but not answered");
    }
    for id in 21..=30 {
        let texts = crate::telegram::texts(&fake.sent_to(7000 + id));
        assert!(texts.iter().any(|t| t.contains("7333")), "press {id} was acknowledged but not answered: {texts:?}");
    }
    let after = reqwest::get(format!("http://{addr}/healthz")).await;
    assert!(after.is_err(), "nothing listens any more");
}
