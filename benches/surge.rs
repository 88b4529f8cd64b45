//! A surge after a TV mention: what people feel when the bot is named on
//! television and thousands write within minutes, with Telegram's limits as
//! the bottleneck.
//!
//! The real `serve` runs against a fake Bot API on 127.0.0.1 that enforces
//! Telegram's limits: 30 messages a second in all, one a second per chat
//! (a burst of three), and, for messages sent with `allow_paid_broadcast`, a
//! separate 1,000 a second; beyond them it answers HTTP 429 with
//! `retry_after`. It logs every message it accepted: when, to which chat,
//! text or venue, paid or not.
//!
//! `SURGE_PEOPLE` new people (default 20,000) arrive evenly over
//! `SURGE_SECONDS` (default 600). Each sends `/start`; once the reply's
//! buttons arrive and after a think time (2 s), a shared location near a
//! sample centre; after that reply, presses the first centre's button in it.
//! Subscribers of three centres (`SURGE_SUBSCRIBERS`, default 3 for every 20
//! people) were seeded with SQL, and each centre has a coordinator's
//! broadcast due a tenth into the window.
//!
//! Reported per round (free rate only; `TELEGRAM_PAID_RATE=300`; pick with
//! `SURGE_ROUNDS=free,paid`): time to the first and the last reply from a
//! person's first update (p50/p95/p99), messages per update, the backlog over
//! time, broadcast messages that went out while some reply waited, and for
//! the people who arrived in the window's last tenth, their first-reply wait
//! against the first-reply messages ahead of them at arrival divided by the
//! rate.
//!
//! `cargo bench --bench surge` needs `DATABASE_URL` and creates databases of
//! its own. Under `cargo test` it runs a small smoke round (30 people over
//! 3 s) that checks every person got all three replies and that no message
//! beyond the limits was accepted.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::sync::mpsc;
use tokio::time::Instant;

#[path = "common/served.rs"]
mod served;
use served::{Move, Served, database_and_mode, fresh_database, import, send_update, serve_fake, telegram_update};

const SAMPLE: &str = include_str!("../data/centres.sample.csv");
/// People in the surge write from chats from here on; broadcast recipients
/// from [`SUBSCRIBER_CHATS`].
const PEOPLE_CHATS: i64 = 2_000_000;
const SUBSCRIBER_CHATS: i64 = 1_000_000;
/// Telegram's free limit for the whole bot, a second.
const FREE_PER_SECOND: usize = 30;
/// Telegram's limit for paid messages (`allow_paid_broadcast`), a second.
const PAID_PER_SECOND: usize = 1_000;
/// One message a second per chat, a burst of three (as Telegram tolerates
/// short bursts), with a quarter second's leeway for loopback jitter.
const CHAT_INTERVAL: Duration = Duration::from_secs(1);
const CHAT_BURST: u32 = 3;
const CHAT_LEEWAY: Duration = Duration::from_millis(250);
/// The bot's own free pace (`Pacing::telegram`), for "backlog ÷ rate".
const BOT_FREE_RATE: f64 = 29.0;
/// The paid rate of the paid round: the target is set for it.
const PAID_RATE: u32 = 300;
/// The centres whose subscribers get a broadcast.
const BROADCAST_CENTRES: usize = 3;

/// What a platform message was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Venue,
    Other,
}

/// A message the fake accepted.
#[derive(Debug, Clone, Copy)]
struct Accepted {
    /// From the round's start.
    at: Duration,
    chat: i64,
    kind: Kind,
    paid: bool,
}

impl Accepted {
    fn broadcast(&self) -> bool {
        self.chat < PEOPLE_CHATS
    }
}

/// A message with inline buttons, told to the person it went to: the last
/// message of each reply in this script carries them.
struct Keyboard {
    at: Duration,
    data: Vec<String>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Refused {
    free: u64,
    paid: u64,
    chat: u64,
}

/// The fake Bot API's state for one round.
struct Fake {
    epoch: Instant,
    /// Free and paid messages accepted within the last second.
    free: VecDeque<Instant>,
    paid: VecDeque<Instant>,
    /// Each chat's theoretical arrival time (a cell-rate schedule).
    chat_due: HashMap<i64, Instant>,
    log: Vec<Accepted>,
    refused: Refused,
    /// The people in the round, told of each message with buttons.
    listeners: HashMap<i64, mpsc::UnboundedSender<Keyboard>>,
}

impl Fake {
    fn new(epoch: Instant) -> Self {
        Self {
            epoch,
            free: VecDeque::new(),
            paid: VecDeque::new(),
            chat_due: HashMap::new(),
            log: Vec::new(),
            refused: Refused::default(),
            listeners: HashMap::new(),
        }
    }

    /// Accepts a message to `chat` at `now`, or returns the seconds to wait.
    fn admit(&mut self, chat: i64, paid: bool, now: Instant) -> Option<u64> {
        let tolerance = CHAT_INTERVAL * (CHAT_BURST - 1) + CHAT_LEEWAY;
        let due = self.chat_due.get(&chat).copied();
        if let Some(due) = due
            && due > now + tolerance
        {
            self.refused.chat += 1;
            return Some(seconds_until(due - tolerance, now));
        }
        let (window, limit) = if paid { (&mut self.paid, PAID_PER_SECOND) } else { (&mut self.free, FREE_PER_SECOND) };
        while window.front().is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1)) {
            window.pop_front();
        }
        if window.len() >= limit {
            let wait = seconds_until(window[0] + Duration::from_secs(1), now);
            if paid {
                self.refused.paid += 1;
            } else {
                self.refused.free += 1;
            }
            return Some(wait);
        }
        window.push_back(now);
        self.chat_due.insert(chat, due.map_or(now, |due| due.max(now)) + CHAT_INTERVAL);
        None
    }
}

/// Telegram's `retry_after`: whole seconds, at least one.
fn seconds_until(at: Instant, now: Instant) -> u64 {
    at.saturating_duration_since(now).as_secs_f64().ceil().max(1.0) as u64
}

fn lock(fake: &Mutex<Fake>) -> MutexGuard<'_, Fake> {
    fake.lock().unwrap_or_else(PoisonError::into_inner)
}

fn answer(status: StatusCode, body: Value) -> (StatusCode, Json<Value>) {
    (status, Json(body))
}

/// The callback data of a message's inline buttons, in order.
fn callback_data(body: &Value) -> Vec<String> {
    let rows = body["reply_markup"]["inline_keyboard"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["callback_data"].as_str().map(str::to_owned))
        .collect()
}

async fn bot_api(
    State(fake): State<Arc<Mutex<Fake>>>,
    Path((_bot, method)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> (StatusCode, Json<Value>) {
    let kind = match method.to_ascii_lowercase().as_str() {
        "sendmessage" => Kind::Text,
        "sendvenue" => Kind::Venue,
        "senddocument" | "sendphoto" => Kind::Other,
        "getme" => {
            let me = json!({ "id": 1, "is_bot": true, "first_name": "Surge", "username": "surge_bot" });
            return answer(StatusCode::OK, json!({ "ok": true, "result": me }));
        }
        _ => return answer(StatusCode::OK, json!({ "ok": true, "result": true })),
    };
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let chat = body["chat_id"].as_i64().unwrap_or(0);
    let paid = body["allow_paid_broadcast"].as_bool().unwrap_or(false);
    let mut fake = lock(&fake);
    // Read under the lock, so that the log is in time order.
    let now = Instant::now();
    if let Some(wait) = fake.admit(chat, paid, now) {
        let refusal = json!({ "ok": false, "error_code": 429,
            "description": format!("Too Many Requests: retry after {wait}"), "parameters": { "retry_after": wait } });
        return answer(StatusCode::TOO_MANY_REQUESTS, refusal);
    }
    let at = now - fake.epoch;
    fake.log.push(Accepted { at, chat, kind, paid });
    let data = callback_data(&body);
    if !data.is_empty()
        && let Some(listener) = fake.listeners.get(&chat)
    {
        let _ = listener.send(Keyboard { at, data });
    }
    let message = json!({ "message_id": fake.log.len(), "date": 1_700_000_000,
        "chat": { "id": chat, "type": "private", "first_name": "S" }, "text": "" });
    answer(StatusCode::OK, json!({ "ok": true, "result": message }))
}

/// `serve` also starts its Viber channel; this answers its start-up calls.
async fn viber_api() -> Json<Value> {
    Json(json!({ "status": 0, "status_message": "ok", "message_token": 1, "chat_hostname": "surge" }))
}

async fn start_fake() -> (SocketAddr, Arc<Mutex<Fake>>) {
    let fake = Arc::new(Mutex::new(Fake::new(Instant::now())));
    let app = Router::new()
        .route("/pa/{method}", post(viber_api))
        .route("/{bot}/{method}", post(bot_api))
        .with_state(fake.clone());
    (serve_fake(app).await, fake)
}

/// Messages accepted beyond a limit, recounted from the log: more than 30
/// free or 1,000 paid in a second, or a chat ahead of its schedule.
fn beyond_limits(log: &[Accepted]) -> usize {
    let second = Duration::from_secs(1);
    let crowded =
        |times: &[Duration], limit: usize| times.windows(limit + 1).filter(|w| w[limit] - w[0] < second).count();
    let free: Vec<Duration> = log.iter().filter(|m| !m.paid).map(|m| m.at).collect();
    let paid: Vec<Duration> = log.iter().filter(|m| m.paid).map(|m| m.at).collect();
    let tolerance = CHAT_INTERVAL * (CHAT_BURST - 1) + CHAT_LEEWAY;
    let mut due: HashMap<i64, Duration> = HashMap::new();
    let mut early = 0;
    for message in log {
        let chat_due = due.entry(message.chat).or_insert(message.at);
        if *chat_due > message.at + tolerance {
            early += 1;
        }
        *chat_due = (*chat_due).max(message.at) + CHAT_INTERVAL;
    }
    crowded(&free, FREE_PER_SECOND) + crowded(&paid, PAID_PER_SECOND) + early
}

/// A sample centre: where people near it share their location from.
struct Centre {
    lat: f64,
    lon: f64,
}

fn sample_centres() -> Vec<(String, Centre)> {
    SAMPLE
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.splitn(6, ',').collect();
            let centre = Centre { lat: fields.get(3)?.parse().ok()?, lon: fields.get(4)?.parse().ok()? };
            Some((fields[0].to_owned(), centre))
        })
        .collect()
}

/// One round's settings.
#[derive(Debug, Clone)]
struct Round {
    label: &'static str,
    people: usize,
    window: Duration,
    think: Duration,
    subscribers: usize,
    paid_rate: Option<u32>,
}

/// What the people of a round share.
struct Crowd {
    client: reqwest::Client,
    addr: SocketAddr,
    epoch: Instant,
    round: Round,
    centres: Vec<(String, Centre)>,
    /// Nobody waits for a reply beyond this.
    deadline: Instant,
}

/// One person's three updates: when each was posted and when its reply's
/// buttons arrived, from the round's start.
#[derive(Debug, Default, Clone, Copy)]
struct Trace {
    sent: [Option<Duration>; 3],
    answered: [Option<Duration>; 3],
    refused: bool,
}

impl Trace {
    fn complete(&self) -> bool {
        self.answered.iter().all(Option::is_some)
    }
}

/// A new person: `/start`, a shared location, the first centre's card.
async fn person(crowd: Arc<Crowd>, index: usize, mut keyboards: mpsc::UnboundedReceiver<Keyboard>) -> Trace {
    let round = &crowd.round;
    let chat = PEOPLE_CHATS + index as i64;
    tokio::time::sleep_until(crowd.epoch + round.window.mul_f64(index as f64 / round.people as f64)).await;
    let (_, near) = &crowd.centres[index % crowd.centres.len()];
    let offset = (index % 7) as f64 * 0.002;
    let mut trace = Trace::default();
    let mut next = Move::Text("/start");
    for step in 0..3 {
        let sent = crowd.epoch.elapsed();
        trace.sent[step] = Some(sent);
        let update = telegram_update((index * 3 + step + 1) as u64, chat, next);
        if !send_update(&crowd.client, crowd.addr, &update).await {
            trace.refused = true;
            return trace;
        }
        let keyboard = loop {
            match tokio::time::timeout_at(crowd.deadline, keyboards.recv()).await {
                Ok(Some(keyboard)) if keyboard.at >= sent => break keyboard,
                Ok(Some(_)) => {}
                _ => return trace,
            }
        };
        trace.answered[step] = Some(keyboard.at);
        if step == 2 {
            break;
        }
        tokio::time::sleep(round.think).await;
        next = if step == 0 {
            Move::Location(near.lat + offset, near.lon - offset)
        } else {
            // The list's first centre (its buttons open the cards).
            let Some(card) = keyboard.data.into_iter().find(|data| data.starts_with("c:")) else { return trace };
            Move::Button(card)
        };
    }
    trace
}

/// Subscribers of the first three sample centres, and a broadcast to each
/// centre's subscribers due `after` from now.
async fn seed_broadcasts(database_url: &str, round: &Round, centres: &[(String, Centre)], after: Duration) {
    let pool = PgPoolOptions::new().max_connections(1).connect(database_url).await.expect("the round's database");
    let ids: Vec<String> = centres.iter().take(BROADCAST_CENTRES).map(|(id, _)| id.clone()).collect();
    let subscribers = round.subscribers as i64;
    sqlx::query(
        "INSERT INTO chat_user (channel, external_id, language) \
         SELECT 'telegram', ($1 + n)::text, 'uk' FROM generate_series(1, $2) n",
    )
    .bind(SUBSCRIBER_CHATS)
    .bind(subscribers)
    .execute(&pool)
    .await
    .expect("subscribers");
    sqlx::query(
        "INSERT INTO subscription (centre_id, channel, external_id) \
         SELECT ($3::text[])[1 + n % cardinality($3::text[])], 'telegram', ($1 + n)::text \
         FROM generate_series(1, $2) n",
    )
    .bind(SUBSCRIBER_CHATS)
    .bind(subscribers)
    .bind(&ids)
    .execute(&pool)
    .await
    .expect("subscriptions");
    sqlx::query(
        "INSERT INTO broadcast (centre_id, author_channel, author_id, kind, body, send_at) \
         SELECT id, 'telegram', 'surge-coordinator', 'message', \
                'Завтра о 18:00 зустріч групи підтримки в малій залі.', now() + make_interval(secs => $2) \
         FROM unnest($1::text[]) id",
    )
    .bind(&ids)
    .bind(after.as_secs_f64())
    .execute(&pool)
    .await
    .expect("broadcasts");
    pool.close().await;
}

/// Plays one round and returns what the fake saw with each person's trace.
async fn play(admin: &PgConnectOptions, api: SocketAddr, fake: &Arc<Mutex<Fake>>, round: Round) -> Report {
    let database = format!("rb_bench_surge_{}_{}", round.label, round.people);
    let database_url = fresh_database(admin, &database).await;
    import(&database_url, SAMPLE);
    let centres = sample_centres();
    let mut env = Vec::new();
    if let Some(rate) = round.paid_rate {
        env.push(("TELEGRAM_PAID_RATE", rate.to_string()));
        env.push(("TELEGRAM_PAID_DAILY_LIMIT", "100000000".to_owned()));
    }
    let served = Served::start(&database_url, api, &env).await;
    let broadcasts_after = round.window / 10;
    seed_broadcasts(&database_url, &round, &centres, broadcasts_after).await;

    let epoch = Instant::now();
    // Every message takes a turn at about 29 a second; allow twice that.
    let drain = Duration::from_secs_f64((round.people * 3 + round.subscribers) as f64 * 2.0 / BOT_FREE_RATE + 60.0);
    let deadline = epoch + round.window + drain;
    let mut receivers = Vec::with_capacity(round.people);
    {
        let mut state = lock(fake);
        *state = Fake::new(epoch);
        for index in 0..round.people {
            let (sender, receiver) = mpsc::unbounded_channel();
            state.listeners.insert(PEOPLE_CHATS + index as i64, sender);
            receivers.push(receiver);
        }
    }
    let crowd = Arc::new(Crowd { client: reqwest::Client::new(), addr: served.addr, epoch, round, centres, deadline });
    let mut people = tokio::task::JoinSet::new();
    for (index, receiver) in receivers.into_iter().enumerate() {
        people.spawn(person(crowd.clone(), index, receiver).map_index(index));
    }
    let mut traces = vec![Trace::default(); crowd.round.people];
    while let Some(done) = people.join_next().await {
        let (index, trace) = done.expect("a person's task");
        traces[index] = trace;
    }
    // Then the broadcasts' tail, which waits behind every reply.
    while Instant::now() < deadline && lock(fake).log.iter().filter(|m| m.broadcast()).count() < crowd.round.subscribers
    {
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss = served.peak_rss_mib();
    let ready = served.ready_after;
    drop(served);
    let state = lock(fake);
    analyse(&crowd.round, &traces, &state.log, state.refused, rss, ready, broadcasts_after)
}

/// Tags a person's trace with its index.
trait MapIndex: std::future::Future<Output = Trace> + Sized {
    fn map_index(self, index: usize) -> impl std::future::Future<Output = (usize, Trace)> {
        async move { (index, self.await) }
    }
}

impl<F: std::future::Future<Output = Trace>> MapIndex for F {}

/// p50, p95 and p99 of `values` (NaN when empty).
fn percentiles(mut values: Vec<f64>) -> [f64; 3] {
    values.sort_by(f64::total_cmp);
    [0.50, 0.95, 0.99].map(|q| {
        let rank = ((values.len() as f64 * q).ceil() as usize).saturating_sub(1);
        values.get(rank.min(values.len().saturating_sub(1))).copied().unwrap_or(f64::NAN)
    })
}

/// How many of the half-open intervals `(start, end]` hold `t`: starts
/// before it minus ends at or before it (every end follows its start).
struct Intervals {
    starts: Vec<Duration>,
    ends: Vec<Duration>,
}

impl Intervals {
    fn new(spans: impl Iterator<Item = (Duration, Option<Duration>)>) -> Self {
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for (start, end) in spans {
            starts.push(start);
            if let Some(end) = end {
                ends.push(end);
            }
        }
        starts.sort_unstable();
        ends.sort_unstable();
        Self { starts, ends }
    }

    fn open_at(&self, t: Duration) -> usize {
        self.starts.partition_point(|s| *s < t) - self.ends.partition_point(|e| *e <= t)
    }
}

/// The people who arrived in the window's last tenth: their first-reply
/// wait, and the first-reply messages ahead of them at arrival.
#[derive(Debug, Default)]
struct LastTenth {
    people: usize,
    waited: [f64; 3],
    /// First-reply messages ahead ÷ the rate.
    allowed: [f64; 3],
    ahead: [f64; 3],
    rate: f64,
    /// Waited over the allowed time plus a second.
    over: usize,
    /// The messages a second the platform took (free and paid) from the
    /// first of these arrivals to the last of their first replies, and the
    /// same allowance and count at that rate.
    measured: f64,
    allowed_measured: [f64; 3],
    over_measured: usize,
}

#[derive(Debug)]
struct Report {
    round: Round,
    complete: usize,
    refused_updates: usize,
    first: [f64; 3],
    last: [f64; 3],
    updates: usize,
    per_step: [f64; 3],
    per_update: f64,
    venues: usize,
    paid: usize,
    broadcasts: usize,
    broadcasts_while_waiting: usize,
    broadcasts_while_waiting_1s: usize,
    refused: Refused,
    beyond: usize,
    finished: Duration,
    rss: f64,
    ready: Duration,
    broadcasts_after: Duration,
    /// Every tenth of the window: (time, updates waiting for their reply,
    /// first replies among them, broadcast messages not yet sent).
    backlog: Vec<(Duration, usize, usize, usize)>,
    last_tenth: LastTenth,
}

fn analyse(
    round: &Round,
    traces: &[Trace],
    log: &[Accepted],
    refused: Refused,
    rss: f64,
    ready: Duration,
    broadcasts_after: Duration,
) -> Report {
    let secs = Duration::as_secs_f64;
    let mut by_chat: HashMap<i64, Vec<&Accepted>> = HashMap::new();
    for message in log.iter().filter(|m| !m.broadcast()) {
        by_chat.entry(message.chat).or_default().push(message);
    }
    let none = Vec::new();
    let messages = |index: usize| by_chat.get(&(PEOPLE_CHATS + index as i64)).unwrap_or(&none);
    // A step's messages: from its update to the next update.
    let step_messages = |index: usize, step: usize| {
        let trace = &traces[index];
        let from = trace.sent[step];
        let to = trace.sent.get(step + 1).copied().flatten();
        messages(index)
            .iter()
            .filter(move |m| from.is_some_and(|f| m.at >= f) && to.is_none_or(|t| m.at < t))
            .map(|m| m.at)
    };

    let complete = traces.iter().filter(|t| t.complete()).count();
    let (mut first, mut last) = (Vec::new(), Vec::new());
    for (index, trace) in traces.iter().enumerate().filter(|(_, t)| t.complete()) {
        let start = trace.sent[0].unwrap_or_default();
        let times = messages(index);
        if let (Some(f), Some(l)) = (times.first(), times.last()) {
            first.push(secs(&(f.at - start)));
            last.push(secs(&(l.at - start)));
        }
    }
    let updates = traces.iter().flat_map(|t| t.sent).flatten().count();
    let mut per_step = [0.0; 3];
    for (step, count) in per_step.iter_mut().enumerate() {
        let posted = traces.iter().filter(|t| t.sent[step].is_some()).count().max(1);
        *count = (0..traces.len()).map(|i| step_messages(i, step).count()).sum::<usize>() as f64 / posted as f64;
    }
    let to_people = log.iter().filter(|m| !m.broadcast()).count();

    // Waiting: from an update to its reply's buttons (never, if they did not come).
    let spans = || traces.iter().flat_map(|t| (0..3).filter_map(move |s| Some((t.sent[s]?, t.answered[s]))));
    let waiting = Intervals::new(spans());
    let waiting_1s = Intervals::new(spans().filter_map(|(sent, answered)| {
        let late = sent + Duration::from_secs(1);
        answered.is_none_or(|a| a > late).then_some((late, answered))
    }));
    let first_waiting = Intervals::new(traces.iter().filter_map(|t| Some((t.sent[0]?, t.answered[0]))));
    let broadcast_times: Vec<Duration> = log.iter().filter(|m| m.broadcast()).map(|m| m.at).collect();
    let finished = log.last().map_or(Duration::ZERO, |m| m.at);
    let step = round.window / 10;
    let backlog = (0..)
        .map(|k| step * k)
        .take_while(|t| *t <= finished + step)
        .map(|t| {
            let left = if t < broadcasts_after {
                round.subscribers
            } else {
                broadcast_times.len() - broadcast_times.partition_point(|b| *b <= t)
            };
            (t, waiting.open_at(t), first_waiting.open_at(t), left)
        })
        .collect();

    // Part 3: first replies are served in arrival order, so a person waits
    // for the first-reply messages ahead of them, at the rate.
    let rate = BOT_FREE_RATE + round.paid_rate.map_or(0.0, f64::from);
    let first_reply_times: Vec<Vec<Duration>> = (0..traces.len()).map(|i| step_messages(i, 0).collect()).collect();
    let tenth = round.people - round.people / 10;
    let mut last_tenth = LastTenth { rate, ..LastTenth::default() };
    let (mut waited, mut allowed, mut ahead_counts) = (Vec::new(), Vec::new(), Vec::new());
    for index in tenth..traces.len() {
        let (Some(arrived), Some(first_at)) = (traces[index].sent[0], first_reply_times[index].first()) else {
            continue;
        };
        let ahead: usize = (0..index)
            .filter(|q| traces[*q].sent[0].is_some_and(|s| s < arrived))
            .map(|q| first_reply_times[q].iter().filter(|at| **at > arrived).count())
            .sum();
        let wait = secs(&(*first_at - arrived));
        let allow = ahead as f64 / rate;
        last_tenth.over += usize::from(wait > allow + 1.0);
        waited.push(wait);
        allowed.push(allow);
        ahead_counts.push(ahead as f64);
    }
    let span = (
        traces[tenth..].iter().filter_map(|t| t.sent[0]).min(),
        first_reply_times[tenth..].iter().filter_map(|times| times.first()).max(),
    );
    if let (Some(from), Some(to)) = span
        && *to > from
    {
        let taken = log.iter().filter(|m| m.at >= from && m.at <= *to).count();
        last_tenth.measured = taken as f64 / secs(&(*to - from));
        let at_measured: Vec<f64> = ahead_counts.iter().map(|a| a / last_tenth.measured).collect();
        last_tenth.over_measured = waited.iter().zip(&at_measured).filter(|(w, a)| **w > **a + 1.0).count();
        last_tenth.allowed_measured = percentiles(at_measured);
    }
    last_tenth.people = waited.len();
    last_tenth.waited = percentiles(waited);
    last_tenth.allowed = percentiles(allowed);
    last_tenth.ahead = percentiles(ahead_counts);

    Report {
        round: round.clone(),
        complete,
        refused_updates: traces.iter().filter(|t| t.refused).count(),
        first: percentiles(first),
        last: percentiles(last),
        updates,
        per_step,
        per_update: to_people as f64 / updates.max(1) as f64,
        venues: log.iter().filter(|m| !m.broadcast() && m.kind == Kind::Venue).count(),
        paid: log.iter().filter(|m| m.paid).count(),
        broadcasts: broadcast_times.len(),
        broadcasts_while_waiting: broadcast_times.iter().filter(|t| waiting.open_at(**t) > 0).count(),
        broadcasts_while_waiting_1s: broadcast_times.iter().filter(|t| waiting_1s.open_at(**t) > 0).count(),
        refused,
        beyond: beyond_limits(log),
        finished,
        rss,
        ready,
        broadcasts_after,
        backlog,
        last_tenth,
    }
}

fn s(v: f64) -> String {
    if v.is_nan() {
        "-".to_owned()
    } else if v < 10.0 {
        format!("{v:.2} s")
    } else {
        format!("{v:.0} s")
    }
}

fn three(v: [f64; 3]) -> String {
    format!("{} / {} / {}", s(v[0]), s(v[1]), s(v[2]))
}

fn table(reports: &[Report]) -> String {
    let mut out = String::new();
    let Some(first) = reports.first() else { return out };
    let round = &first.round;
    let _ = writeln!(
        out,
        "Surge: {} new people over {} s (each: /start, a shared location, a centre's card, {} s think time), \
         {} subscribers of {BROADCAST_CENTRES} centres with a broadcast each due at {}; fake Bot API: \
         {FREE_PER_SECOND} messages/s free, {PAID_PER_SECOND}/s paid, 1/s per chat (burst {CHAT_BURST}).",
        round.people,
        round.window.as_secs(),
        round.think.as_secs_f64(),
        round.subscribers,
        s(first.broadcasts_after.as_secs_f64())
    );
    out.push('\n');
    let header: Vec<String> = reports
        .iter()
        .map(|r| r.round.paid_rate.map_or("free rate only".to_owned(), |rate| format!("TELEGRAM_PAID_RATE={rate}")))
        .collect();
    let _ = writeln!(out, "| measurement | {} |", header.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(reports.len()));
    let mut row = |name: &str, cell: &dyn Fn(&Report) -> String| {
        let cells: Vec<String> = reports.iter().map(cell).collect();
        let _ = writeln!(out, "| {name} | {} |", cells.join(" | "));
    };
    row("people who got all three replies", &|r| format!("{} of {}", r.complete, r.round.people));
    row("first reply, p50 / p95 / p99 (target with 300/s: p95 ≤ 2 s)", &|r| three(r.first));
    row("last reply, p50 / p95 / p99", &|r| three(r.last));
    row("messages per update (/start, location, card)", &|r| {
        format!(
            "{:.2} ({:.2}, {:.2}, {:.2}); {} venues",
            r.per_update, r.per_step[0], r.per_step[1], r.per_step[2], r.venues
        )
    });
    row("updates posted (refused by serve)", &|r| format!("{} ({})", r.updates, r.refused_updates));
    row("broadcast messages sent", &|r| format!("{} of {}", r.broadcasts, r.round.subscribers));
    row("… while some reply was waiting (one waiting over 1 s)", &|r| {
        format!("{} ({})", r.broadcasts_while_waiting, r.broadcasts_while_waiting_1s)
    });
    row("paid messages", &|r| r.paid.to_string());
    row("429s: free / paid / per chat; accepted beyond a limit", &|r| {
        format!("{} / {} / {}; {}", r.refused.free, r.refused.paid, r.refused.chat, r.beyond)
    });
    row("last message sent at", &|r| s(r.finished.as_secs_f64()));
    row("serve: start to ready; peak RSS", &|r| format!("{} ms; {:.1} MiB", r.ready.as_millis(), r.rss));
    row("last tenth's arrivals: first-reply wait p50 / p95 / p99", &|r| three(r.last_tenth.waited));
    row("… first-reply messages ahead at arrival, p50 / p95 / p99", &|r| {
        let a = r.last_tenth.ahead;
        format!("{:.0} / {:.0} / {:.0}", a[0], a[1], a[2])
    });
    row("… that backlog ÷ rate, p50 / p95 / p99", &|r| {
        format!("{} (at {:.0}/s)", three(r.last_tenth.allowed), r.last_tenth.rate)
    });
    row("… waited over backlog ÷ rate + 1 s", &|r| format!("{} of {}", r.last_tenth.over, r.last_tenth.people));
    row("… that backlog ÷ the rate measured meanwhile, p50 / p95 / p99", &|r| {
        format!("{} (at {:.1}/s)", three(r.last_tenth.allowed_measured), r.last_tenth.measured)
    });
    row("… waited over that + 1 s", &|r| format!("{} of {}", r.last_tenth.over_measured, r.last_tenth.people));
    out.push('\n');
    let _ = writeln!(
        out,
        "Backlog every {}: updates waiting for their reply (of them first replies), broadcast messages not yet sent.",
        s((round.window / 10).as_secs_f64())
    );
    out.push('\n');
    let _ = writeln!(out, "| t | {} |", header.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(reports.len()));
    let rows = reports.iter().map(|r| r.backlog.len()).max().unwrap_or(0);
    for k in 0..rows {
        let t = reports.iter().find_map(|r| r.backlog.get(k)).map_or(0.0, |b| b.0.as_secs_f64());
        let cells: Vec<String> = reports
            .iter()
            .map(|r| r.backlog.get(k).map_or("-".to_owned(), |(_, w, f, b)| format!("{w} ({f}), {b}")))
            .collect();
        let _ = writeln!(out, "| {} | {} |", s(t), cells.join(" | "));
    }
    out
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (admin, benching) = database_and_mode();
    let (api, fake) = start_fake().await;

    if !benching {
        let round = Round {
            label: "smoke",
            people: 30,
            window: Duration::from_secs(3),
            think: Duration::from_millis(200),
            subscribers: 30,
            paid_rate: None,
        };
        let report = play(&admin, api, &fake, round).await;
        print!("{}", table(std::slice::from_ref(&report)));
        assert_eq!(report.complete, 30, "every person got all three replies: {report:?}");
        assert_eq!(report.beyond, 0, "no message beyond the limits was accepted");
        assert_eq!(report.broadcasts, 30, "every broadcast message went out");
        return;
    }

    let people = env_number("SURGE_PEOPLE", 20_000);
    let seconds = env_number("SURGE_SECONDS", 600);
    let rounds = std::env::var("SURGE_ROUNDS").unwrap_or_else(|_| "free,paid".to_owned());
    let mut reports = Vec::new();
    for label in rounds.split(',') {
        let paid_rate = match label.trim() {
            "free" => None,
            "paid" => Some(PAID_RATE),
            other => panic!("SURGE_ROUNDS: {other:?} is neither free nor paid"),
        };
        let round = Round {
            label: if paid_rate.is_some() { "paid" } else { "free" },
            people,
            window: Duration::from_secs(seconds as u64),
            think: Duration::from_millis(env_number("SURGE_THINK_MS", 2_000) as u64),
            subscribers: env_number("SURGE_SUBSCRIBERS", people * 3 / 20),
            paid_rate,
        };
        eprintln!("surge: {round:?}");
        let report = play(&admin, api, &fake, round).await;
        // Each round's table as soon as it is done: a full free round takes an hour.
        eprint!("{}", table(std::slice::from_ref(&report)));
        reports.push(report);
    }
    print!("{}", table(&reports));
}
