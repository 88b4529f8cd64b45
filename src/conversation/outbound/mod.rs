//! Messages the bot starts, the workers' side of the core: notices
//! (reminders, promotions, notes to coordinators) and broadcasts, worded in
//! each recipient's language and handed to their channel's [`NoticeSender`].
//! Both run as methods of [`Conversation`](super::Conversation), beside the
//! updates it applies, from the same directory, store and clock.

mod broadcast;
mod notice;

use std::future::Future;
use std::pin::Pin;

use super::Outgoing;
use crate::domain::ChannelKind;

/// How a channel's attempt to send a notice ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Yes,
    /// Blocked, unsubscribed or gone: the channel marked them inactive.
    Unreachable,
    /// Failed for now: try again later (a few times).
    Later,
}

impl From<Sent> for crate::metrics::DeliveryOutcome {
    fn from(sent: Sent) -> Self {
        match sent {
            Sent::Yes => Self::Sent,
            Sent::Unreachable => Self::Unreachable,
            Sent::Later => Self::Later,
        }
    }
}

/// A channel that can send a notice to a person by their id on it.
pub trait NoticeSender: Send + Sync {
    fn channel(&self) -> ChannelKind;
    fn send<'a>(&'a self, to: &'a str, outgoing: Outgoing) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>>;

    /// One person's copy of a broadcast: like [`send`](Self::send), but a
    /// channel with a shared rate limit sends it after every reply and
    /// notice waiting.
    fn send_broadcast<'a>(
        &'a self,
        to: &'a str,
        outgoing: Outgoing,
    ) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>> {
        self.send(to, outgoing)
    }

    /// How many people one [`send_batch`](Self::send_batch) call takes; 1
    /// means the channel sends to one person at a time.
    fn batch_size(&self) -> usize {
        1
    }

    /// One message to several people at once (a broadcast), one result each.
    fn send_batch<'a>(
        &'a self,
        to: &'a [String],
        outgoing: Outgoing,
    ) -> Pin<Box<dyn Future<Output = Vec<Sent>> + Send + 'a>> {
        Box::pin(async move {
            let mut results = Vec::with_capacity(to.len());
            for id in to {
                results.push(self.send_broadcast(id, outgoing.clone()).await);
            }
            results
        })
    }
}
