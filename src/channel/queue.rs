//! An ordered outbox per recipient, shared by the messenger channels: each
//! recipient's messages go one after the other, recipients in parallel, and a
//! recipient who cannot be reached has the rest of their messages dropped.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

/// Messages waiting for one recipient beyond which new ones are dropped: a
/// person cannot read more, and a stuck recipient must not grow memory
/// without bound.
pub const MAX_QUEUED_PER_RECIPIENT: usize = 50;

/// The pause before retry `attempt` (0, 1, …) after an outage or a "too
/// many requests": half a second, doubling.
pub fn backoff(attempt: u32) -> std::time::Duration {
    std::time::Duration::from_millis(500) * 2u32.pow(attempt.min(10))
}

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

    fn deliver(&self, to: &Self::Recipient, message: &Self::Message) -> impl Future<Output = Outcome> + Send;

    /// Called once when a recipient turned out unreachable.
    fn unreachable(&self, to: &Self::Recipient) -> impl Future<Output = ()> + Send;
}

/// The outboxes; cheap to clone.
pub struct Outbox<D: Deliver> {
    inner: Arc<Inner<D>>,
}

struct Inner<D: Deliver> {
    channel: D,
    /// Recipients with a worker running, and what is still to send to each.
    /// An entry exists exactly while its worker runs, which keeps the order.
    queues: Mutex<HashMap<D::Recipient, VecDeque<D::Message>>>,
}

impl<D: Deliver> Clone for Outbox<D> {
    fn clone(&self) -> Self {
        Self { inner: self.inner.clone() }
    }
}

impl<D: Deliver> Outbox<D> {
    pub fn new(channel: D) -> Self {
        Self { inner: Arc::new(Inner { channel, queues: Mutex::new(HashMap::new()) }) }
    }

    pub fn channel(&self) -> &D {
        &self.inner.channel
    }

    /// Sends messages to a recipient now, one after the other, outside the
    /// queue (for notices, which are marked sent only once they went out).
    pub async fn send_now(&self, to: &D::Recipient, messages: &[D::Message]) -> Outcome {
        for message in messages {
            match self.inner.channel.deliver(to, message).await {
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

    /// Queues messages for a recipient, after any already queued.
    pub fn enqueue(&self, to: D::Recipient, messages: Vec<D::Message>) {
        if messages.is_empty() {
            return;
        }
        let mut queues = self.inner.queues.lock().unwrap_or_else(PoisonError::into_inner);
        let start_worker = !queues.contains_key(&to);
        let queue = queues.entry(to.clone()).or_default();
        for message in messages {
            if queue.len() >= MAX_QUEUED_PER_RECIPIENT {
                tracing::warn!(recipient = ?to, "dropping a message: the recipient's queue is full");
                break;
            }
            queue.push_back(message);
        }
        if start_worker {
            tokio::spawn(work(self.inner.clone(), to));
        }
    }

    /// Whether nothing is waiting to be sent.
    pub fn is_idle(&self) -> bool {
        self.inner.queues.lock().unwrap_or_else(PoisonError::into_inner).is_empty()
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
        let Some(message) = next else { return };
        if inner.channel.deliver(&to, &message).await == Outcome::Unreachable {
            let dropped = inner.queues.lock().unwrap_or_else(PoisonError::into_inner).remove(&to);
            tracing::info!(recipient = ?to, dropped = dropped.map_or(0, |q| q.len()), "recipient unreachable");
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
        unreachable: Mutex<Vec<u8>>,
    }

    impl Deliver for Arc<Recorder> {
        type Recipient = u8;
        type Message = u32;

        async fn deliver(&self, to: &u8, message: &u32) -> Outcome {
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
        outbox.enqueue(1, (0..5).collect());
        outbox.enqueue(2, (0..5).collect());
        outbox.enqueue(0, (0..5).collect());
        outbox.enqueue(1, (5..8).collect());
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

    #[tokio::test]
    async fn a_full_queue_drops_new_messages_instead_of_growing() {
        let recorder = Arc::new(Recorder::default());
        let outbox = Outbox::new(recorder.clone());
        outbox.enqueue(1, (0..200).collect());
        while !outbox.is_idle() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert_eq!(recorder.sent.lock().unwrap_or_else(PoisonError::into_inner).len(), MAX_QUEUED_PER_RECIPIENT);
    }
}
