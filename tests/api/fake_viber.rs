//! A fake Viber REST API on 127.0.0.1: records calls, answers chosen calls
//! with a failing `status`, and checks a webhook the way Viber does, by
//! calling it with a signed `webhook` event during `set_webhook`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use resilience_bot::channel::viber::signature;
use serde_json::{Value, json};

pub const TOKEN: &str = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";

#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub auth_token: String,
    pub body: Value,
    pub at: Instant,
}

#[derive(Default)]
struct Inner {
    calls: Vec<Call>,
    statuses: HashMap<String, VecDeque<i64>>,
    next_token: u64,
    /// What our webhook answered when set_webhook checked it.
    webhook_check: Option<u16>,
    /// Receivers broadcast_message reports as failed, with Viber's status.
    failing_receivers: HashMap<String, i64>,
}

#[derive(Clone)]
pub struct FakeViber {
    inner: Arc<Mutex<Inner>>,
    pub url: String,
}

impl FakeViber {
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner { next_token: 5_000_000_000_000_000_000, ..Inner::default() }));
        let app = Router::new().route("/pa/{method}", post(answer)).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { inner, url: format!("http://{addr}/pa/") }
    }

    /// The next calls of `method` answer these statuses, in order.
    pub fn answer_with(&self, method: &str, statuses: &[i64]) {
        self.inner.lock().unwrap().statuses.entry(method.to_owned()).or_default().extend(statuses);
    }

    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.inner.lock().unwrap().calls.iter().filter(|c| c.method == method).cloned().collect()
    }

    /// broadcast_message will report this receiver as failed with `status`.
    pub fn fail_receiver(&self, receiver: &str, status: i64) {
        self.inner.lock().unwrap().failing_receivers.insert(receiver.to_owned(), status);
    }

    pub fn sent_to(&self, user: &str) -> Vec<Call> {
        self.calls("send_message").into_iter().filter(|c| c.body["receiver"] == user).collect()
    }

    pub fn webhook_check(&self) -> Option<u16> {
        self.inner.lock().unwrap().webhook_check
    }

    pub async fn wait_for(&self, what: &str, check: impl Fn(&FakeViber) -> bool) {
        let calls = || {
            let calls = self.inner.lock().unwrap();
            format!("{:#?}", calls.calls.iter().map(|c| (&c.method, c.body.to_string())).collect::<Vec<_>>())
        };
        crate::helpers::wait_until(Duration::from_secs(15), what, || check(self), calls).await;
    }
}

async fn answer(
    State(inner): State<Arc<Mutex<Inner>>>,
    Path(method): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    let auth_token = headers.get("x-viber-auth-token").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (status, token) = {
        let mut inner = inner.lock().unwrap();
        inner.calls.push(Call {
            method: method.clone(),
            auth_token: auth_token.clone(),
            body: body.clone(),
            at: Instant::now(),
        });
        inner.next_token += 1;
        let status = inner.statuses.get_mut(&method).and_then(VecDeque::pop_front).unwrap_or(0);
        (status, inner.next_token)
    };
    if auth_token != TOKEN {
        return Json(json!({ "status": 2, "status_message": "invalidAuthToken" }));
    }
    if method == "set_webhook" && status == 0 {
        // Viber checks the webhook before answering.
        let event =
            json!({ "event": "webhook", "timestamp": 1_700_000_000_000u64, "message_token": token }).to_string();
        let url = body["url"].as_str().unwrap_or_default().to_owned();
        let checked = reqwest::Client::new()
            .post(url)
            .header("X-Viber-Content-Signature", signature::sign(TOKEN, event.as_bytes()))
            .body(event)
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0);
        inner.lock().unwrap().webhook_check = Some(checked);
        if checked != 200 {
            return Json(json!({ "status": 1, "status_message": "invalidUrl" }));
        }
    }
    let message = match status {
        0 => "ok",
        6 => "receiverNotSubscribed",
        12 => "tooManyRequests",
        _ => "error",
    };
    let failed: Vec<Value> = if method == "broadcast_message" {
        let failing = inner.lock().unwrap().failing_receivers.clone();
        body["broadcast_list"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str())
            .filter_map(|r| failing.get(r).map(|s| json!({ "receiver": r, "status": s, "status_message": "failed" })))
            .collect()
    } else {
        Vec::new()
    };
    Json(json!({ "status": status, "status_message": message, "message_token": token, "failed_list": failed }))
}
