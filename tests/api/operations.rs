//! Floods, oversized requests, metrics and structured logs, through the real
//! `serve` code path.

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use resilience_bot::channel::flood;
use resilience_bot::channel::telegram::TelegramConfig;
use resilience_bot::channel::viber::{ViberConfig, signature};
use resilience_bot::server::{MAX_BODY_BYTES, ServeConfig};
use serde_json::Value;
use sqlx::PgPool;

use crate::fake_telegram::FakeTelegram;
use crate::fake_viber::{FakeViber, TOKEN};
use crate::helpers::{Server, TestApp, database_url};

pub(crate) const SECRET: &str = "ops-secret-0123456789";
const FLOODER: &str = "Flooder000000=";
const NEIGHBOUR: &str = "Neighbour0000=";

pub(crate) struct Both {
    pub telegram: FakeTelegram,
    pub viber: FakeViber,
    pub addr: SocketAddr,
    pub server: Server,
}

/// How Telegram's updates come in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Telegram {
    Webhook,
    Polling,
}

/// Telegram and Viber on one server, with fake APIs.
pub(crate) async fn serve_both(app: &TestApp, mode: Telegram) -> Both {
    let telegram_api = FakeTelegram::start().await;
    let viber_api = FakeViber::start().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let http_addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let webhook = (mode == Telegram::Webhook).then(|| "https://bot.example.org/telegram/webhook".parse().unwrap());
    let telegram =
        TelegramConfig::new("123:TEST".into(), telegram_api.url.parse().unwrap(), webhook, Some(SECRET.into()))
            .unwrap();
    let viber = ViberConfig {
        token: TOKEN.into(),
        api_url: viber_api.url.parse().unwrap(),
        webhook_url: Some(format!("http://{http_addr}/viber/webhook").parse().unwrap()),
        bot_name: "Центри життєстійкості".into(),
        broadcast_message: false,
    };
    let config = ServeConfig { http_addr, telegram: Some(telegram), viber: Some(viber) };
    let server = Server::start(app, config).await;
    Both { telegram: telegram_api, viber: viber_api, addr: server.addr, server }
}

/// Posts a callback signed with the bot's token, as Viber does.
pub(crate) async fn post_viber(client: &reqwest::Client, addr: SocketAddr, callback: &Value) -> StatusCode {
    let body = callback.to_string();
    client
        .post(format!("http://{addr}/viber/webhook"))
        .header("X-Viber-Content-Signature", signature::sign(TOKEN, body.as_bytes()))
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
}

#[sqlx::test]
async fn fifty_messages_a_second_get_one_polite_notice_and_a_neighbour_is_answered_as_usual(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let both = serve_both(&app, Telegram::Webhook).await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    let flood_began = std::time::Instant::now();
    for i in 0..50u64 {
        let flood = crate::viber::text(1000 + i, FLOODER, "/help");
        statuses.push(post_viber(&client, both.addr, &flood).await);
        if i % 10 == 5 {
            let neighbour = crate::viber::text(2000 + i, NEIGHBOUR, "/help");
            assert_eq!(post_viber(&client, both.addr, &neighbour).await, StatusCode::OK);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let flood_took = flood_began.elapsed().as_secs_f64();
    assert!(statuses.iter().all(|s| *s == StatusCode::OK), "dropped updates are acknowledged: {statuses:?}");
    let texts = |f: &FakeViber, user| crate::viber::texts(&f.sent_to(user));
    let helps = |f: &FakeViber, user| texts(f, user).iter().filter(|t| t.contains("Команди:")).count();
    both.viber.wait_for("the neighbour's five answers", |f| helps(f, NEIGHBOUR) == 5).await;
    both.viber
        .wait_for("the notice", |f| texts(f, FLOODER).iter().any(|t| t.contains("не встигаю за вашими повідомленнями")))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let flooder = texts(&both.viber, FLOODER);
    let notices = flooder.iter().filter(|t| t.contains("не встигаю за вашими повідомленнями")).count();
    let answered = helps(&both.viber, FLOODER);
    assert_eq!(notices, 1, "{flooder:?}");
    // The burst, and what refilled while the fifty were sent (about a
    // second; longer on a busy machine).
    let most = (flood::BURST + flood::PER_SECOND * flood_took).floor() as usize;
    assert!((flood::BURST as usize..=most).contains(&answered), "{answered} answered in {flood_took:.2} s");
    assert!(answered < 50 / 2, "most of the flood was dropped: {answered}");
    let metrics = reqwest::get(format!("http://{}/metrics", both.addr)).await.unwrap().text().await.unwrap();
    let limited = format!(r#"resilience_updates_total{{channel="viber",outcome="rate_limited"}} {}"#, 50 - answered);
    assert!(metrics.contains(&limited), "{metrics}");
    both.server.stop().await;
}

#[sqlx::test]
async fn every_route_refuses_an_oversized_body_and_metrics_describe_the_process(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let both = serve_both(&app, Telegram::Webhook).await;
    let client = reqwest::Client::new();
    let huge = vec![b' '; MAX_BODY_BYTES + 1];
    for (path, header, value) in [
        ("/telegram/webhook", "X-Telegram-Bot-Api-Secret-Token", SECRET.to_owned()),
        ("/viber/webhook", "X-Viber-Content-Signature", signature::sign(TOKEN, &huge)),
    ] {
        let response = client
            .post(format!("http://{}{path}", both.addr))
            .header(header, value)
            .header("content-type", "application/json")
            .body(huge.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE, "{path}");
    }
    // The GET routes read no body at all, whatever is sent.
    for path in ["/healthz", "/livez", "/metrics"] {
        let response = client.get(format!("http://{}{path}", both.addr)).body(huge.clone()).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }

    let update = crate::telegram::text_update(1, 61, "uk", "Бровари");
    let response = client
        .post(format!("http://{}/telegram/webhook", both.addr))
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let refused = client.post(format!("http://{}/telegram/webhook", both.addr)).json(&update).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    both.telegram.wait_for("the answer", |f| !f.sent_to(61).is_empty()).await;
    let response = client.get(format!("http://{}/metrics", both.addr)).send().await.unwrap();
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("application/openmetrics-text"), "{content_type}");
    let metrics = response.text().await.unwrap();
    for expected in [
        r#"resilience_updates_total{channel="telegram",outcome="applied"} 1"#,
        r#"resilience_updates_total{channel="telegram",outcome="refused"} 1"#,
        r#"resilience_reply_seconds_count{channel="telegram"} 1"#,
        r#"resilience_outbox_messages{channel="telegram"} "#,
        r#"resilience_outbox_messages{channel="viber"} 0"#,
        r#"resilience_db_connections{state="idle"} "#,
        "resilience_db_max_connections ",
        "resilience_db_up 1",
        "# EOF",
    ] {
        assert!(metrics.contains(expected), "missing {expected:?} in\n{metrics}");
    }
    both.server.stop().await;
}

#[sqlx::test]
async fn log_format_json_writes_one_json_object_per_line_and_a_typo_is_refused(pool: PgPool) {
    let url = database_url(&pool);
    let output = Command::new(env!("CARGO_BIN_EXE_resilience-bot"))
        .args(["import", "centres", "data/centres.sample.csv"])
        .env("DATABASE_URL", &url)
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<Value> = stderr.lines().map(|line| serde_json::from_str(line).expect(line)).collect();
    assert!(!lines.is_empty(), "some lines were logged");
    for line in &lines {
        assert!(line["timestamp"].is_string() && line["level"].is_string() && line["target"].is_string(), "{line}");
        assert!(line["fields"]["message"].is_string(), "{line}");
    }

    let typo = Command::new(env!("CARGO_BIN_EXE_resilience-bot"))
        .args(["import", "centres", "data/centres.sample.csv"])
        .env("DATABASE_URL", &url)
        .env("LOG_FORMAT", "jsno")
        .output()
        .unwrap();
    assert!(!typo.status.success());
    let message = String::from_utf8_lossy(&typo.stderr);
    assert!(message.contains("jsno") && message.contains("json"), "{message}");
}
