//! `kill -9` at random moments under load, restarted each time, then every
//! record checked: no sign-up, subscription, reminder or broadcast delivery
//! may be lost. Replies already queued in memory can be (a person taps
//! again and is told they are signed up); records cannot.
//!
//! `CHAOS_KILLS` sets the kills per phase (6 by default; `scripts/chaos`
//! runs many more); `CHAOS_SEED` replays a run.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use resilience_bot::domain::{ChannelKind, Person};
use resilience_bot::store::BroadcastBody;
use sqlx::PgPool;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::{TestApp, database_url, import_sample_groups};
use crate::served_binary::{Mode, start};
use crate::telegram::{callback_update, text_update};

const PEOPLE: i64 = 60;
const FIRST_CHAT: i64 = 30_000;
const COORDINATOR: i64 = 29_999;
/// Sign-ups happen a week before the groups start…
const SIGN_UP_DAY: &str = "2026-11-23T10:00:00Z";
/// …and at 18:30 in Kyiv the evening before, the reminders fall due.
const REMINDER_EVENING: &str = "2026-11-30T16:30:00Z";
const BROADCAST: &str = "Хаос-тест: завтра група збирається, як заплановано.";

/// A small deterministic generator, so that a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

fn kills() -> usize {
    std::env::var("CHAOS_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(6)
}

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Runs `serve` again and again, killing it with SIGKILL after a random
/// while (during start-up, mid-update, mid-send), then once more until
/// `done` holds.
async fn kill_repeatedly(
    pool: &PgPool,
    fake: &FakeTelegram,
    now: &str,
    rng: &mut Rng,
    done: &'static str,
) -> (usize, Duration) {
    let url = database_url(pool);
    let kills = kills();
    for _ in 0..kills {
        let process = start(&url, &fake.url, Mode::Polling, Some(now));
        tokio::time::sleep(Duration::from_millis(150 + rng.below(1200))).await;
        process.kill_9();
    }
    let process = start(&url, &fake.url, Mode::Polling, Some(now));
    let started = Instant::now();
    while count(pool, done).await == 0 {
        // Work a killed process had claimed waits for its lease (120 s).
        assert!(started.elapsed() < Duration::from_secs(200), "not done after the kills: {done}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let settled = started.elapsed();
    process.kill_9();
    (kills, settled)
}

/// How many times each chat got a message containing `part`.
fn received(fake: &FakeTelegram, part: &str) -> HashMap<i64, usize> {
    let mut got = HashMap::new();
    for call in fake.calls("sendMessage") {
        if call.body["text"].as_str().is_some_and(|t| t.contains(part)) {
            *got.entry(call.body["chat_id"].as_i64().unwrap()).or_default() += 1;
        }
    }
    got
}

#[sqlx::test]
async fn kill_9_at_random_moments_loses_no_sign_up_reminder_or_broadcast_delivery(pool: PgPool) {
    let seed = std::env::var("CHAOS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    println!("CHAOS_SEED={seed}");
    let mut rng = Rng(seed);
    let app = TestApp::new(pool.clone()).await;
    import_sample_groups(&app, 200).await;
    let coordinator = Person { channel: ChannelKind::Telegram, external_id: COORDINATOR.to_string() };
    app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();
    let fake = FakeTelegram::start().await;

    // Phase 1: everyone signs up for the Lviv group and subscribes to the
    // centre's news, while the bot is killed again and again.
    let mut id = 0;
    let mut next = || {
        id += 1;
        id
    };
    fake.push_update(text_update(next(), COORDINATOR, "uk", "/start"));
    for chat in FIRST_CHAT..FIRST_CHAT + PEOPLE {
        for data in ["join:lviv-pws", "skip:n:lviv-pws", "skip:p:lviv-pws", "sub:sample-lvivska"] {
            fake.push_update(callback_update(next(), chat, data));
        }
    }
    // 1 once every person (60 = PEOPLE) is signed up and subscribed.
    let all_subscribed = "SELECT count(*) FROM (SELECT 1) t \
         WHERE (SELECT count(*) FROM signup WHERE cohort_id = 'lviv-pws' AND status = 'confirmed') = 60 \
           AND (SELECT count(*) FROM subscription WHERE centre_id = 'sample-lvivska') = 60";
    let (kills_1, settled_1) = kill_repeatedly(&pool, &fake, SIGN_UP_DAY, &mut rng, all_subscribed).await;

    // Phase 2: the evening before the first session, reminders fall due and
    // the coordinator's news goes out, while the bot is killed again.
    let body = BroadcastBody::Message(BROADCAST.into());
    let at = REMINDER_EVENING.parse().unwrap();
    app.store.create_broadcast_as(&coordinator, "sample-lvivska", &body, at).await.unwrap().unwrap();
    // 1 once the news went to everyone and every reminder and report is sent.
    let all_sent = "SELECT count(*) FROM broadcast WHERE status = 'done' \
         AND NOT EXISTS (SELECT 1 FROM notice WHERE sent_at IS NULL) \
         AND (SELECT count(*) FROM notice WHERE kind = 'reminder') = 60";
    let (kills_2, settled_2) = kill_repeatedly(&pool, &fake, REMINDER_EVENING, &mut rng, all_sent).await;

    // Every record, once.
    let signups: Vec<(String, String)> =
        sqlx::query_as("SELECT external_id, status FROM signup WHERE cohort_id = 'lviv-pws' ORDER BY external_id")
            .fetch_all(&pool)
            .await
            .unwrap();
    let expected: Vec<(String, String)> =
        (FIRST_CHAT..FIRST_CHAT + PEOPLE).map(|chat| (chat.to_string(), "confirmed".to_owned())).collect();
    assert_eq!(signups, expected, "one confirmed sign-up per person");
    assert_eq!(count(&pool, "SELECT count(*) FROM subscription WHERE centre_id = 'sample-lvivska'").await, PEOPLE);
    let deliveries: Vec<(String, String)> =
        sqlx::query_as("SELECT external_id, status FROM broadcast_delivery ORDER BY external_id")
            .fetch_all(&pool)
            .await
            .unwrap();
    let expected: Vec<(String, String)> =
        (FIRST_CHAT..FIRST_CHAT + PEOPLE).map(|chat| (chat.to_string(), "sent".to_owned())).collect();
    assert_eq!(deliveries, expected, "one delivery per subscriber, each sent");

    // And what people received: nobody missed the reminder or the news.
    let reminders = received(&fake, "Нагадування");
    let news = received(&fake, "Хаос-тест");
    for chat in FIRST_CHAT..FIRST_CHAT + PEOPLE {
        assert!(reminders.get(&chat).is_some_and(|n| *n >= 1), "chat {chat} got no reminder");
        assert!(news.get(&chat).is_some_and(|n| *n >= 1), "chat {chat} did not get the news");
    }
    let twice = |got: &HashMap<i64, usize>| got.values().map(|n| n - 1).sum::<usize>();
    println!(
        "chaos: {} kills; sign-ups settled {settled_1:?} and sends {settled_2:?} after the last restart; \
         {PEOPLE} sign-ups, {PEOPLE} subscriptions, {PEOPLE} reminders and {PEOPLE} deliveries, none lost; \
         sent twice (killed between sending and marking): {} reminders, {} news",
        kills_1 + kills_2,
        twice(&reminders),
        twice(&news)
    );
}
