//! Telegram's flood limits as turns: about 30 messages a second for the whole
//! bot and about one a second per chat (a short burst is tolerated). Each
//! limit keeps the theoretical time its next message is due (a generic
//! cell-rate algorithm). A message first waits for its chat's limit, then
//! for a turn under the global one; turns go by [`Class`] (a person's first
//! reply, then later replies, notices, broadcasts) and within a class by
//! arrival. Nothing books a turn ahead, so a broadcast that is waiting never
//! holds a slot a reply arriving later could use.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

use crate::channel::queue::Class;

/// How long ago a message's slot may be and still be booked (see [`State::slot`]).
const MAX_LATENESS: Duration = Duration::from_millis(2);

/// One rate limit: `interval` between messages on average, `burst` at once.
#[derive(Debug, Clone, Copy)]
struct Limit {
    interval: Duration,
    /// How far ahead of the steady schedule a message may go.
    tolerance: Duration,
}

impl Limit {
    fn new(per_second: u32, burst: u32) -> Self {
        let interval = Duration::from_secs(1) / per_second.max(1);
        Self { interval, tolerance: interval * burst.saturating_sub(1) }
    }

    /// The earliest moment a message may go given the limit's due time.
    fn earliest(self, due: Option<Instant>, now: Instant) -> Instant {
        due.map_or(now, |due| due.checked_sub(self.tolerance).unwrap_or(due).max(now))
    }

    /// The due time after a message sent at `at`.
    fn after(self, due: Option<Instant>, at: Instant) -> Instant {
        due.map_or(at, |due| due.max(at)) + self.interval
    }
}

/// The global and per-chat schedules and the messages waiting for a turn;
/// cheap to clone (clones share them).
#[derive(Debug, Clone)]
pub struct Pacing {
    state: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    global: Limit,
    per_chat: Limit,
    global_due: Option<Instant>,
    chat_due: HashMap<i64, Instant>,
    /// After a 429 nothing goes out until this moment.
    paused_until: Option<Instant>,
    /// Messages waiting for a global turn, in the order they get it.
    waiting: BTreeMap<(Class, u64), Waiter>,
    arrivals: u64,
    /// Whether a task is handing out turns to `waiting`.
    dispatching: bool,
}

#[derive(Debug)]
struct Waiter {
    chat: i64,
    turn: oneshot::Sender<Instant>,
}

impl Pacing {
    /// Telegram's documented limits: 30 messages a second in all, paced at
    /// 29 evenly spaced so that no one-second window holds more even when the
    /// network delays some (at exactly 30, a few milliseconds of jitter put 31
    /// in a window and Telegram answers 429, costing a second: the broadcast
    /// benchmark measured 0.81 of the limit that way, 0.967 at 29); and one a
    /// second per chat, with a burst of 3 so that a reply of several messages
    /// (a pin and its card, a welcome and an answer) arrives together, as
    /// Telegram allows.
    pub fn telegram() -> Self {
        Self::new(29, 1, 1, 3)
    }

    pub fn new(global_per_second: u32, global_burst: u32, chat_per_second: u32, chat_burst: u32) -> Self {
        let state = State {
            global: Limit::new(global_per_second, global_burst),
            per_chat: Limit::new(chat_per_second, chat_burst),
            global_due: None,
            chat_due: HashMap::new(),
            paused_until: None,
            waiting: BTreeMap::new(),
            arrivals: 0,
            dispatching: false,
        };
        Self { state: Arc::new(Mutex::new(state)) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a message of `class` to `chat` may be sent, and books it:
    /// first the chat's own limit, then a turn under the global limit, after
    /// every message of an earlier class and, within its class, every one
    /// that arrived before it. Returns the moment the turn came.
    pub async fn turn(&self, chat: i64, class: Class) -> Instant {
        loop {
            let ready = {
                let state = self.lock();
                state.per_chat.earliest(state.chat_due.get(&chat).copied(), Instant::now())
            };
            if ready <= Instant::now() {
                break;
            }
            tokio::time::sleep_until(ready).await;
        }
        let granted = {
            let mut state = self.lock();
            let now = Instant::now();
            if state.waiting.is_empty()
                && let Some(at) = state.slot(now)
            {
                return state.book(chat, at);
            }
            let (sender, granted) = oneshot::channel();
            let arrival = state.arrivals;
            state.arrivals += 1;
            state.waiting.insert((class, arrival), Waiter { chat, turn: sender });
            if !state.dispatching {
                state.dispatching = true;
                tokio::spawn(dispatch(self.state.clone()));
            }
            granted
        };
        // The dispatcher ends only once nobody waits, so the turn comes.
        granted.await.unwrap_or_else(|_| Instant::now())
    }

    /// Telegram answered 429 with `retry_after`: hold every send until then.
    pub fn pause(&self, until: Instant) {
        let mut state = self.lock();
        state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
    }

    /// Messages waiting for a global turn, by class.
    pub fn waiting(&self) -> Vec<Class> {
        self.lock().waiting.keys().map(|(class, _)| *class).collect()
    }
}

impl State {
    /// When the next message may go under the global limit and any pause.
    fn global_ready(&self, now: Instant) -> Instant {
        let at = self.global.earliest(self.global_due, now);
        self.paused_until.map_or(at, |paused| at.max(paused))
    }

    /// The moment to book a message at if one may go `now`: its slot in the
    /// steady schedule when the timer woke a little late for it (timers
    /// wake to the millisecond, and booking from the wake-up instead would
    /// slow 29 a second to 28.6), never earlier than [`MAX_LATENESS`] ago.
    fn slot(&self, now: Instant) -> Option<Instant> {
        let due = self.global_due.map(|due| due.checked_sub(self.global.tolerance).unwrap_or(due));
        let due = match (due, self.paused_until) {
            (Some(due), Some(paused)) => Some(due.max(paused)),
            (due, paused) => due.or(paused),
        };
        match due {
            Some(due) if due > now => None,
            Some(due) => Some(due.max(now.checked_sub(MAX_LATENESS).unwrap_or(now))),
            None => Some(now),
        }
    }

    /// Books a message to `chat` in the global `slot`, or when its chat's
    /// limit allowed it if that was later; returns the moment booked.
    fn book(&mut self, chat: i64, slot: Instant) -> Instant {
        let chat_ready = self.chat_due.get(&chat).map(|due| due.checked_sub(self.per_chat.tolerance).unwrap_or(*due));
        let at = chat_ready.map_or(slot, |ready| ready.max(slot));
        self.global_due = Some(self.global.after(self.global_due, at));
        let due = self.per_chat.after(self.chat_due.get(&chat).copied(), at);
        self.chat_due.insert(chat, due);
        // Keeps the map small: a chat whose schedule is in the past needs no entry.
        if self.chat_due.len() > 10_000 {
            self.chat_due.retain(|_, due| *due > at);
        }
        at
    }
}

/// Hands out global turns, one per slot, to the first waiter in order, until
/// nobody waits.
async fn dispatch(state: Arc<Mutex<State>>) {
    loop {
        let at = {
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            if let Some(slot) = state.slot(now) {
                // A waiter whose task was dropped takes no turn.
                while let Some(((_, _), waiter)) = state.waiting.pop_first() {
                    let (chat, turn) = (waiter.chat, waiter.turn);
                    if !turn.is_closed() {
                        let at = state.book(chat, slot);
                        // Booked for a waiter that is still there: it gets it.
                        let _ = turn.send(at);
                        break;
                    }
                }
                if state.waiting.is_empty() {
                    state.dispatching = false;
                    return;
                }
                continue;
            }
            state.global_ready(now)
        };
        tokio::time::sleep_until(at).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each message's turn, in milliseconds after `start`, all asked for at once.
    async fn offsets(pacing: &Pacing, chats: &[i64], start: Instant) -> Vec<u128> {
        let mut times = Vec::new();
        for &chat in chats {
            times.push((pacing.turn(chat, Class::Reply).await - start).as_millis());
        }
        times
    }

    #[tokio::test(start_paused = true)]
    async fn one_chat_gets_a_burst_of_three_then_one_message_a_second() {
        let pacing = Pacing::telegram();
        let start = Instant::now();
        // The global spacing (1/29 s) still applies within the burst.
        assert_eq!(offsets(&pacing, &[1, 1, 1, 1, 1, 1], start).await, vec![0, 34, 68, 1000, 2000, 3000]);
    }

    #[tokio::test(start_paused = true)]
    async fn many_chats_share_thirty_messages_a_second() {
        let pacing = Pacing::telegram();
        let start = Instant::now();
        let chats: Vec<i64> = (0..90).collect();
        let times = offsets(&pacing, &chats, start).await;
        // One every 1/29 s: 90 messages take 3.07 seconds, never 30 in a second.
        let last = *times.last().unwrap_or(&0);
        assert!((3_060..=3_075).contains(&last), "{last}");
        for window in times.windows(30) {
            assert!(window[29] - window[0] >= 999, "30 or more in a second: {window:?}");
        }
    }

    /// Asks for a turn in a task of its own, and returns once it waits.
    async fn ask(pacing: &Pacing, chat: i64, class: Class, turns: &Arc<Mutex<Vec<(i64, Instant)>>>) {
        let waiting = pacing.waiting().len();
        let (pacing_, turns) = (pacing.clone(), turns.clone());
        tokio::spawn(async move {
            let at = pacing_.turn(chat, class).await;
            turns.lock().unwrap_or_else(PoisonError::into_inner).push((chat, at));
        });
        while pacing.waiting().len() == waiting {
            tokio::task::yield_now().await;
        }
    }

    async fn until_none_wait(pacing: &Pacing) {
        while !pacing.waiting().is_empty() || pacing.lock().dispatching {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    #[tokio::test(start_paused = true)]
    async fn first_replies_go_first_then_replies_notices_and_broadcasts_each_by_arrival() {
        let pacing = Pacing::telegram();
        let turns = Arc::new(Mutex::new(Vec::new()));
        // The limit is busy: everything below waits for a turn.
        pacing.turn(0, Class::Reply).await;
        let arrivals = [
            (1, Class::Broadcast),
            (2, Class::Notice),
            (3, Class::Reply),
            (4, Class::FirstReply),
            (5, Class::Broadcast),
            (6, Class::Reply),
            (7, Class::FirstReply),
            (8, Class::Notice),
        ];
        for (chat, class) in arrivals {
            ask(&pacing, chat, class, &turns).await;
        }
        assert_eq!(pacing.waiting().len(), 8, "nobody got a turn before the slot came");
        until_none_wait(&pacing).await;
        let turns = turns.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let order: Vec<i64> = turns.iter().map(|(chat, _)| *chat).collect();
        assert_eq!(order, vec![4, 7, 3, 6, 2, 8, 1, 5]);
        for pair in turns.windows(2) {
            assert!(pair[1].1 - pair[0].1 >= Duration::from_millis(34), "still paced: {turns:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_reply_arriving_behind_a_hundred_broadcasts_takes_the_next_turn() {
        let pacing = Pacing::telegram();
        let turns = Arc::new(Mutex::new(Vec::new()));
        pacing.turn(0, Class::Broadcast).await;
        for chat in 1..=100 {
            ask(&pacing, chat, Class::Broadcast, &turns).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let asked = Instant::now();
        let got = pacing.turn(1_000, Class::Reply).await;
        assert!(got - asked <= Duration::from_millis(35), "waited {:?}", got - asked);
        let broadcasts_before = turns.lock().unwrap_or_else(PoisonError::into_inner).len();
        assert!(broadcasts_before < 20, "only the broadcasts due before it went: {broadcasts_before}");
        until_none_wait(&pacing).await;
        assert_eq!(turns.lock().unwrap_or_else(PoisonError::into_inner).len(), 100, "every broadcast still goes");
    }

    #[tokio::test(start_paused = true)]
    async fn a_chat_at_its_own_limit_does_not_hold_up_other_chats() {
        let pacing = Pacing::telegram();
        let start = Instant::now();
        for _ in 0..3 {
            pacing.turn(1, Class::FirstReply).await;
        }
        let turns = Arc::new(Mutex::new(Vec::new()));
        // Chat 1's fourth message waits for its chat (a second), not in the queue.
        let (pacing_, turns_) = (pacing.clone(), turns.clone());
        tokio::spawn(async move {
            let at = pacing_.turn(1, Class::FirstReply).await;
            turns_.lock().unwrap_or_else(PoisonError::into_inner).push((1, at));
        });
        let other = pacing.turn(2, Class::Broadcast).await;
        assert!(other - start < Duration::from_millis(150), "{:?}", other - start);
        until_none_wait(&pacing).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let turns = turns.lock().unwrap_or_else(PoisonError::into_inner).clone();
        assert_eq!(turns.len(), 1);
        assert!(turns[0].1 - start >= Duration::from_secs(1), "chat 1 still one a second");
    }

    #[tokio::test(start_paused = true)]
    async fn a_retry_after_holds_every_message_until_it_passes() {
        let pacing = Pacing::telegram();
        let start = Instant::now();
        pacing.pause(start + Duration::from_secs(5));
        assert_eq!(offsets(&pacing, &[1, 2], start).await, vec![5000, 5034]);
    }
}
