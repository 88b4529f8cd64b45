//! A fake Telegram Bot API on 127.0.0.1: records every call, serves queued
//! updates to getUpdates, and can answer chosen calls with errors.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use serde_json::{Value, json};

/// One recorded Bot API call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    updates: Vec<Value>,
    /// Scripted answers per method, used before the normal one.
    failures: HashMap<String, VecDeque<(StatusCode, Value)>>,
    /// How long calls of a method take.
    delays: HashMap<String, Duration>,
}

#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Mutex<Inner>>,
    pub url: String,
}

impl FakeTelegram {
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new().route("/{bot}/{method}", post(answer)).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { inner, url: format!("http://{addr}/") }
    }

    /// Makes an update available to getUpdates.
    pub fn push_update(&self, update: Value) {
        self.inner.lock().unwrap().updates.push(update);
    }

    /// The next `count` calls of `method` get this answer.
    pub fn fail(&self, method: &str, count: usize, status: StatusCode, body: Value) {
        let mut inner = self.inner.lock().unwrap();
        let queue = inner.failures.entry(method.to_owned()).or_default();
        for _ in 0..count {
            queue.push_back((status, body.clone()));
        }
    }

    /// Calls of `method` take this long from now on.
    pub fn delay(&self, method: &str, delay: Duration) {
        self.inner.lock().unwrap().delays.insert(method.to_owned(), delay);
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.inner.lock().unwrap().calls.iter().filter(|c| c.method == method).cloned().collect()
    }

    /// Messages sent to a chat (sendMessage and sendVenue), in order.
    pub fn sent_to(&self, chat: i64) -> Vec<Call> {
        let inner = self.inner.lock().unwrap();
        inner
            .calls
            .iter()
            .filter(|c| (c.method == "sendMessage" || c.method == "sendVenue") && c.body["chat_id"] == json!(chat))
            .cloned()
            .collect()
    }

    /// Waits (up to 15 s) until `check` holds, polling the recorded calls.
    pub async fn wait_for(&self, what: &str, check: impl Fn(&FakeTelegram) -> bool) {
        self.wait_within(Duration::from_secs(15), what, check).await;
    }

    pub async fn wait_within(&self, limit: Duration, what: &str, check: impl Fn(&FakeTelegram) -> bool) {
        let calls = || {
            let calls = self.inner.lock().unwrap();
            format!("{:#?}", calls.calls.iter().map(|c| (&c.method, c.body.to_string())).collect::<Vec<_>>())
        };
        crate::helpers::wait_until(limit, what, || check(self), calls).await;
    }
}

fn message(chat: &Value, extra: Value) -> Value {
    let mut message = json!({
        "message_id": 1000,
        "date": 1_700_000_000,
        "chat": { "id": chat.clone(), "type": "private", "first_name": "Test" },
    });
    if let (Some(m), Some(e)) = (message.as_object_mut(), extra.as_object()) {
        m.extend(e.clone());
    }
    message
}

async fn answer(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path((_bot, method)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    raw: axum::body::Bytes,
) -> (StatusCode, Json<Value>) {
    // Method names are case-insensitive; teloxide writes "SendMessage".
    let mut chars = method.chars();
    let method: String = chars.next().map(|c| c.to_ascii_lowercase()).into_iter().chain(chars).collect();
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let body = match content_type.split_once("boundary=") {
        Some((_, boundary)) => multipart_fields(&String::from_utf8_lossy(&raw), boundary),
        None => serde_json::from_slice(&raw).unwrap_or(Value::Null),
    };
    let (scripted, delay) = {
        let mut inner = inner.lock().unwrap();
        inner.calls.push(Call { method: method.clone(), body: body.clone(), at: Instant::now() });
        (inner.failures.get_mut(&method).and_then(VecDeque::pop_front), inner.delays.get(&method).copied())
    };
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    if let Some((status, failure)) = scripted {
        return (status, Json(failure));
    }
    let result = match method.as_str() {
        "getMe" => json!({ "id": 1, "is_bot": true, "first_name": "Resilience", "username": "resilience_test_bot" }),
        "getUpdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let pending: Vec<Value> = {
                let mut inner = inner.lock().unwrap();
                // Telegram forgets updates below the offset once it is confirmed.
                inner.updates.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                inner.updates.clone()
            };
            if pending.is_empty() {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            json!(pending)
        }
        "sendMessage" => message(&body["chat_id"], json!({ "text": body["text"].clone() })),
        "sendVenue" => message(
            &body["chat_id"],
            json!({ "venue": {
                "location": { "latitude": body["latitude"].clone(), "longitude": body["longitude"].clone() },
                "title": body["title"].clone(), "address": body["address"].clone()
            }}),
        ),
        "sendPhoto" => message(
            &body["chat_id"],
            json!({ "photo": [{ "file_id": "p", "file_unique_id": "p", "width": 900, "height": 500 }] }),
        ),
        "sendDocument" => message(&body["chat_id"], json!({ "document": { "file_id": "d", "file_unique_id": "d" } })),
        _ => json!(true),
    };
    (StatusCode::OK, Json(json!({ "ok": true, "result": result })))
}

/// The text fields of a multipart form (teloxide sends setWebhook that way).
fn multipart_fields(body: &str, boundary: &str) -> Value {
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else { continue };
        let Some(name) = head.split("name=\"").nth(1).and_then(|n| n.split('"').next()) else { continue };
        let value = value.trim_end_matches("\r\n");
        let parsed = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
        fields.insert(name.to_owned(), parsed);
    }
    // Files are parts of their own, referred to as "attach://<part name>".
    let attached: Vec<(String, Value)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let part = value.as_str()?.strip_prefix("attach://")?;
            Some((name.clone(), fields.get(part)?.clone()))
        })
        .collect();
    fields.extend(attached);
    Value::Object(fields)
}
