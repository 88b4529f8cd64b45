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

use super::paid::{PAID_AFTER, Paid, PaidRate};
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
    /// Replies (first or later) among `waiting`.
    replies_waiting: u32,
    /// Paid turns for replies beyond the free limit, when configured.
    paid: Option<Paid>,
}

#[derive(Debug)]
struct Waiter {
    chat: i64,
    turn: oneshot::Sender<Turn>,
}

/// A message's turn: when, and whether it goes as a paid message
/// (`allow_paid_broadcast`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    pub at: Instant,
    pub paid: bool,
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
            replies_waiting: 0,
            paid: None,
        };
        Self { state: Arc::new(Mutex::new(state)) }
    }

    /// With paid turns for replies beyond the free limit (see [`Paid`]).
    pub fn with_paid(self, rate: Option<PaidRate>) -> Self {
        self.lock().paid = rate.map(Paid::new);
        self
    }

    /// Paid messages booked since start.
    pub fn paid_total(&self) -> u64 {
        self.lock().paid.as_ref().map_or(0, Paid::total)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a message of `class` to `chat` may be sent, and books it:
    /// first the chat's own limit, then a turn under the global limit, after
    /// every message of an earlier class and, within its class, every one
    /// that arrived before it. Returns the turn: when it came, and whether
    /// it is a paid one.
    pub async fn turn(&self, chat: i64, class: Class) -> Turn {
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
                return Turn { at: state.book(chat, at), paid: false };
            }
            let (sender, granted) = oneshot::channel();
            let arrival = state.arrivals;
            state.arrivals += 1;
            state.waiting.insert((class, arrival), Waiter { chat, turn: sender });
            if class <= Class::Reply {
                state.replies_waiting += 1;
            }
            if !state.dispatching {
                state.dispatching = true;
                tokio::spawn(dispatch(self.state.clone()));
            }
            granted
        };
        // The dispatcher ends only once nobody waits, so the turn comes.
        let turn = granted.await.unwrap_or_else(|_| Turn { at: Instant::now(), paid: false });
        // Booked later than the slot when another message to the same chat
        // (a notice beside a reply) took the chat's turn meanwhile.
        tokio::time::sleep_until(turn.at).await;
        turn
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
    /// When the next paid turn may go (a slot not clamped to `now`): only
    /// while the replies waiting would take over [`PAID_AFTER`] at the free
    /// rate, after any pause, and within the daily limit.
    fn paid_ready(&mut self, now: Instant) -> Option<Instant> {
        if self.global.interval * self.replies_waiting <= PAID_AFTER {
            return None;
        }
        let ready = self.paid.as_mut()?.ready(now)?;
        Some(self.paused_until.map_or(ready, |paused| ready.max(paused)))
    }

    /// Takes the first waiter still waiting out of the queue.
    fn next_waiter(&mut self) -> Option<(Class, Waiter)> {
        while let Some(((class, _), waiter)) = self.waiting.pop_first() {
            if class <= Class::Reply {
                self.replies_waiting -= 1;
            }
            // A waiter whose task was dropped takes no turn.
            if !waiter.turn.is_closed() {
                return Some((class, waiter));
            }
        }
        None
    }

    fn book(&mut self, chat: i64, slot: Instant) -> Instant {
        let chat_ready = self.chat_due.get(&chat).map(|due| due.checked_sub(self.per_chat.tolerance).unwrap_or(*due));
        let at = chat_ready.map_or(slot, |ready| ready.max(slot));
        self.global_due = Some(self.global.after(self.global_due, at));
        self.book_chat(chat, at);
        at
    }

    /// Books a paid message to `chat` at `slot` (or when its chat allows):
    /// it takes no free turn.
    fn book_paid(&mut self, chat: i64, slot: Instant) -> Instant {
        let chat_ready = self.chat_due.get(&chat).map(|due| due.checked_sub(self.per_chat.tolerance).unwrap_or(*due));
        let at = chat_ready.map_or(slot, |ready| ready.max(slot));
        if let Some(paid) = self.paid.as_mut() {
            paid.book(at);
        }
        self.book_chat(chat, at);
        at
    }

    fn book_chat(&mut self, chat: i64, at: Instant) {
        let due = self.per_chat.after(self.chat_due.get(&chat).copied(), at);
        self.chat_due.insert(chat, due);
        // Keeps the map small: a chat whose schedule is in the past needs no entry.
        if self.chat_due.len() > 10_000 {
            self.chat_due.retain(|_, due| *due > at);
        }
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
                if let Some((_, waiter)) = state.next_waiter() {
                    let at = state.book(waiter.chat, slot);
                    // Booked for a waiter that is still there: it gets it.
                    let _ = waiter.turn.send(Turn { at, paid: false });
                }
            } else if let Some(ready) = state.paid_ready(now).filter(|ready| *ready <= now) {
                // Replies are first in the queue whenever paid turns are on.
                if let Some((_, waiter)) = state.next_waiter() {
                    let at = state.book_paid(waiter.chat, ready.max(now.checked_sub(MAX_LATENESS).unwrap_or(now)));
                    let _ = waiter.turn.send(Turn { at, paid: true });
                }
            }
            if state.waiting.is_empty() {
                state.dispatching = false;
                return;
            }
            let free = state.global_ready(now);
            let paid = state.paid_ready(now).map(|ready| ready.max(now));
            let next = paid.map_or(free, |paid| paid.min(free));
            if next <= now {
                continue;
            }
            next
        };
        tokio::time::sleep_until(at).await;
    }
}

#[cfg(test)]
mod tests;
