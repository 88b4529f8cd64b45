//! An ordered outbox per recipient, shared by the messenger channels: each
//! recipient's messages go one after the other, recipients in parallel, and a
//! recipient who cannot be reached has the rest of their messages dropped.
//!
//! Bounded twice: per recipient (a stuck one drops its newest) and in all
//! (a surge makes `enqueue` wait for room, so the update handlers, and with
//! them the webhook calls and the polling loop, slow down to the pace the
//! platform lets replies out, instead of memory growing).

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::time::Instant;

/// Messages waiting for one recipient beyond which new ones are dropped: a
/// person cannot read more, and a stuck recipient must not grow memory
/// without bound.
pub const MAX_QUEUED_PER_RECIPIENT: usize = 50;

/// Messages waiting in all (per channel) before new replies wait for room.
/// Memory sets it, not latency: at a few kilobytes a message this is at
/// most a hundred-odd megabytes, and a surge well past Telegram's 30 a
/// second (the load benchmark's 2,000 updates a second for 10 s) stays
/// under it.
pub const MAX_QUEUED: usize = 50_000;

/// The pause before retry `attempt` (0, 1, …) after an outage or a "too
/// many requests": half a second, doubling.
pub fn backoff(attempt: u32) -> std::time::Duration {
    std::time::Duration::from_millis(500) * 2u32.pow(attempt.min(10))
}

/// What a message is, for the order in which messages get turns under a
/// platform's limit: earlier classes first, and within a class by arrival.
/// A person who has just written waits for nothing but other people's
/// first answers; a coordinator's broadcast waits for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// A reply to someone the outbox has not written to for [`VISIT`].
    FirstReply,
    /// Any later reply.
    Reply,
    /// A notice (a check-in reminder, a closure, an answer from the desk).
    Notice,
    Broadcast,
}

/// How long after the last reply to someone the next one counts as a first
/// reply again (a new visit).
pub const VISIT: std::time::Duration = std::time::Duration::from_secs(30 * 60);

/// How one delivery ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// The person blocked the bot, unsubscribed or is gone: drop everything
    /// still queued for them.
    Unreachable,
    /// Refused or failed for good; later messages still go.
    Dropped,
}

/// How a channel delivers one message (with its own pacing and retries).
pub trait Deliver: Send + Sync + 'static {
    type Recipient: Clone + Eq + Hash + Send + Sync + std::fmt::Debug + 'static;
    type Message: Send + 'static;

    fn deliver(
        &self,
        to: &Self::Recipient,
        message: &Self::Message,
        class: Class,
    ) -> impl Future<Output = Outcome> + Send;

    /// Called once when a recipient turned out unreachable.
    fn unreachable(&self, to: &Self::Recipient) -> impl Future<Output = ()> + Send;
}

/// The outboxes; cheap to clone.
pub struct Outbox<D: Deliver> {
    inner: Arc<Inner<D>>,
}

/// One recipient's messages still to send, each with its class.
type Queue<D> = VecDeque<(<D as Deliver>::Message, Class)>;

struct Inner<D: Deliver> {
    channel: D,
    /// Recipients with a worker running, and what is still to send to each.
    /// An entry exists exactly while its worker runs, which keeps the order.
    queues: Mutex<HashMap<D::Recipient, Queue<D>>>,
    /// When each recipient was last given a reply, to tell a first reply
    /// from a later one; pruned of visits that ended.
    replied: Mutex<Replied<D::Recipient>>,
    /// Room left for messages: one permit per message queued or in flight.
    room: tokio::sync::Semaphore,
    capacity: usize,
}

impl<D: Deliver> Clone for Outbox<D> {
    fn clone(&self) -> Self {
        Self { inner: self.inner.clone() }
    }
}

impl<D: Deliver> Outbox<D> {
    pub fn new(channel: D) -> Self {
        Self::with_capacity(channel, MAX_QUEUED)
    }

    /// With room for `capacity` messages in all (tests use a small one).
    pub fn with_capacity(channel: D, capacity: usize) -> Self {
        let room = tokio::sync::Semaphore::new(capacity);
        let replied = Mutex::new(Replied::default());
        Self { inner: Arc::new(Inner { channel, queues: Mutex::new(HashMap::new()), replied, room, capacity }) }
    }

    pub fn channel(&self) -> &D {
        &self.inner.channel
    }

    /// Sends messages to a recipient now, one after the other, outside the
    /// queue (for notices, which are marked sent only once they went out).
    pub async fn send_now(&self, to: &D::Recipient, messages: &[D::Message], class: Class) -> Outcome {
        for message in messages {
            match self.inner.channel.deliver(to, message, class).await {
                Outcome::Sent => {}
                Outcome::Unreachable => {
                    self.inner.channel.unreachable(to).await;
                    return Outcome::Unreachable;
                }
                Outcome::Dropped => return Outcome::Dropped,
            }
        }
        Outcome::Sent
    }

    /// Queues a reply's messages for a recipient, after any already queued;
    /// waits while the outbox is full. All of a first reply's messages are
    /// [`Class::FirstReply`].
    pub async fn enqueue(&self, to: D::Recipient, messages: Vec<D::Message>) {
        if messages.is_empty() {
            return;
        }
        let class = self.inner.replied.lock().unwrap_or_else(PoisonError::into_inner).class(&to, Instant::now());
        let wanted = messages.len().min(MAX_QUEUED_PER_RECIPIENT).min(self.inner.capacity);
        // Never closed, so acquiring fails only if it never could.
        if let Ok(permits) = self.inner.room.acquire_many(u32::try_from(wanted).unwrap_or(u32::MAX)).await {
            permits.forget();
        }
        let mut queues = self.inner.queues.lock().unwrap_or_else(PoisonError::into_inner);
        let start_worker = !queues.contains_key(&to);
        let queue = queues.entry(to.clone()).or_default();
        let mut queued = 0;
        for message in messages {
            if queue.len() >= MAX_QUEUED_PER_RECIPIENT || queued == wanted {
                tracing::warn!(recipient = %crate::telemetry::log_tag(&format!("{to:?}")), "dropping a message: the recipient's queue is full");
                break;
            }
            queue.push_back((message, class));
            queued += 1;
        }
        self.inner.room.add_permits(wanted - queued);
        if start_worker {
            tokio::spawn(work(self.inner.clone(), to));
        }
    }

    /// Whether nothing is waiting to be sent.
    pub fn is_idle(&self) -> bool {
        self.inner.queues.lock().unwrap_or_else(PoisonError::into_inner).is_empty()
    }

    /// Messages queued or being sent.
    pub fn depth(&self) -> usize {
        self.inner.capacity - self.inner.room.available_permits()
    }
}

/// When each recipient was last replied to.
struct Replied<R> {
    at: HashMap<R, Instant>,
    /// The size at which ended visits are pruned next (doubling, so that
    /// pruning costs a constant per reply on average).
    prune_at: usize,
}

impl<R> Default for Replied<R> {
    fn default() -> Self {
        Self { at: HashMap::new(), prune_at: 10_000 }
    }
}

impl<R: Eq + Hash + Clone> Replied<R> {
    /// The class of a reply to `to` now, remembering it.
    fn class(&mut self, to: &R, now: Instant) -> Class {
        let first = self.at.insert(to.clone(), now).is_none_or(|last| now.duration_since(last) >= VISIT);
        if self.at.len() >= self.prune_at {
            self.at.retain(|_, last| now.duration_since(*last) < VISIT);
            self.prune_at = (self.at.len() * 2).max(10_000);
        }
        if first { Class::FirstReply } else { Class::Reply }
    }
}

async fn work<D: Deliver>(inner: Arc<Inner<D>>, to: D::Recipient) {
    loop {
        let next = {
            let mut queues = inner.queues.lock().unwrap_or_else(PoisonError::into_inner);
            let next = queues.get_mut(&to).and_then(VecDeque::pop_front);
            if next.is_none() {
                queues.remove(&to);
            }
            next
        };
        let Some((message, class)) = next else { return };
        let outcome = inner.channel.deliver(&to, &message, class).await;
        inner.room.add_permits(1);
        if outcome == Outcome::Unreachable {
            let dropped =
                inner.queues.lock().unwrap_or_else(PoisonError::into_inner).remove(&to).map_or(0, |q| q.len());
            inner.room.add_permits(dropped);
            tracing::info!(recipient = %crate::telemetry::log_tag(&format!("{to:?}")), dropped, "recipient unreachable");
            inner.channel.unreachable(&to).await;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// Records deliveries; recipient 0 is unreachable.
    #[derive(Default)]
    struct Recorder {
        sent: Mutex<Vec<(u8, u32)>>,
        classes: Mutex<Vec<(u8, Class)>>,
        unreachable: Mutex<Vec<u8>>,
    }

    impl Deliver for Arc<Recorder> {
        type Recipient = u8;
        type Message = u32;

        async fn deliver(&self, to: &u8, message: &u32, class: Class) -> Outcome {
            self.classes.lock().unwrap_or_else(PoisonError::into_inner).push((*to, class));
            if *to == 0 {
                return Outcome::Unreachable;
            }
            // Later messages of one recipient must still wait for earlier ones.
            tokio::time::sleep(Duration::from_millis(u64::from(10 - message % 10))).await;
            self.sent.lock().unwrap_or_else(PoisonError::into_inner).push((*to, *message));
            Outcome::Sent
        }

        async fn unreachable(&self, to: &u8) {
            self.unreachable.lock().unwrap_or_else(PoisonError::into_inner).push(*to);
        }
    }

    #[tokio::test]
    async fn each_recipient_gets_messages_in_order_and_an_unreachable_one_gets_none() {
        let recorder = Arc::new(Recorder::default());
        let outbox = Outbox::new(recorder.clone());
        outbox.enqueue(1, (0..5).collect()).await;
        outbox.enqueue(2, (0..5).collect()).await;
        outbox.enqueue(0, (0..5).collect()).await;
        outbox.enqueue(1, (5..8).collect()).await;
        while !outbox.is_idle() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let sent = recorder.sent.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let to = |r| sent.iter().filter(|(to, _)| *to == r).map(|(_, m)| *m).collect::<Vec<_>>();
        assert_eq!(to(1), (0..8).collect::<Vec<_>>());
        assert_eq!(to(2), (0..5).collect::<Vec<_>>());
        assert!(to(0).is_empty());
        assert_eq!(*recorder.unreachable.lock().unwrap_or_else(PoisonError::into_inner), vec![0]);
    }

    async fn settle(outbox: &Outbox<Arc<Recorder>>) {
        while !outbox.is_idle() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_reply_is_first_for_a_new_visit_and_later_within_one() {
        let recorder = Arc::new(Recorder::default());
        let outbox = Outbox::new(recorder.clone());
        outbox.enqueue(1, vec![1, 2]).await;
        settle(&outbox).await;
        outbox.enqueue(2, vec![1]).await;
        outbox.enqueue(1, vec![3]).await;
        settle(&outbox).await;
        tokio::time::sleep(VISIT).await;
        outbox.enqueue(1, vec![4]).await;
        settle(&outbox).await;
        let classes = recorder.classes.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let of = |r| classes.iter().filter(|(to, _)| *to == r).map(|(_, c)| *c).collect::<Vec<_>>();
        use Class::{FirstReply, Reply};
        assert_eq!(of(1), vec![FirstReply, FirstReply, Reply, FirstReply], "a whole first reply, then a visit later");
        assert_eq!(of(2), vec![FirstReply]);
    }

    #[test]
    fn remembering_replies_prunes_ended_visits() {
        let mut replied = Replied::default();
        let start = Instant::now();
        for to in 0..9_999u32 {
            assert_eq!(replied.class(&to, start), Class::FirstReply);
        }
        let later = start + VISIT;
        assert_eq!(replied.class(&9_999, later), Class::FirstReply);
        assert_eq!(replied.at.len(), 1, "ended visits forgotten");
        assert_eq!(replied.class(&9_999, later), Class::Reply);
        assert_eq!(replied.class(&0, later), Class::FirstReply, "a forgotten visit is a new one");
    }

    #[tokio::test]
    async fn a_full_queue_drops_new_messages_instead_of_growing() {
        let recorder = Arc::new(Recorder::default());
        let outbox = Outbox::new(recorder.clone());
        outbox.enqueue(1, (0..200).collect()).await;
        while !outbox.is_idle() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert_eq!(recorder.sent.lock().unwrap_or_else(PoisonError::into_inner).len(), MAX_QUEUED_PER_RECIPIENT);
        assert_eq!(outbox.depth(), 0, "all room is given back");
    }

    #[tokio::test]
    async fn a_full_outbox_makes_new_replies_wait_for_room_and_loses_none() {
        let recorder = Arc::new(Recorder::default());
        let outbox = Outbox::with_capacity(recorder.clone(), 6);
        // Recipient 0 is unreachable: its room comes back too.
        outbox.enqueue(0, (0..3).collect()).await;
        for to in 1..=20 {
            outbox.enqueue(to, vec![1, 2]).await;
            assert!(outbox.depth() <= 6, "never more than the capacity: {}", outbox.depth());
        }
        while !outbox.is_idle() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert_eq!(recorder.sent.lock().unwrap_or_else(PoisonError::into_inner).len(), 40, "every reply went out");
        assert_eq!(outbox.depth(), 0);
    }
}
