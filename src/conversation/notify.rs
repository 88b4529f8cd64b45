//! Sending notices (see `store::notice`): the reminder schedule and the loop
//! that words each claimed notice in its recipient's language and hands it
//! to the recipient's channel.

use std::future::Future;
use std::pin::Pin;

use chrono::Timelike;

use super::{Conversation, ConversationError, Outgoing};
use crate::domain::ChannelKind;
use crate::store::{NoticeOutcome, Person};

/// Reminders are queued from 18:00 the day before a session; one that could
/// not go by 21:00 (the bot was down) waits for 09:00, unless the session is
/// by then less than an hour away. Nobody is woken at night.
const QUIET_FROM_HOUR: u32 = 21;
const QUIET_UNTIL_HOUR: u32 = 9;
/// Notices claimed at once.
const BATCH: i64 = 50;

/// How a channel's attempt to send a notice ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    Yes,
    /// Blocked, unsubscribed or gone: the channel marked them inactive.
    Unreachable,
    /// Failed for now: try again later (a few times).
    Later,
}

/// A channel that can send a notice to a person by their id on it.
pub trait NoticeSender: Send + Sync {
    fn channel(&self) -> ChannelKind;
    fn send<'a>(&'a self, to: &'a str, outgoing: Outgoing) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>>;
}

impl Conversation {
    /// Queues the reminders due now, outside quiet hours.
    pub async fn schedule_reminders(&self) -> Result<u64, ConversationError> {
        let hour = self.clock.kyiv_now().hour();
        if !(QUIET_UNTIL_HOUR..QUIET_FROM_HOUR).contains(&hour) {
            return Ok(0);
        }
        Ok(self.store.schedule_reminders(self.clock.utc_now()).await?)
    }

    /// Sends the notices due to the senders' channels (or to one person),
    /// one claimed batch. Returns how many were handled.
    pub async fn deliver_notices(
        &self,
        senders: &[&dyn NoticeSender],
        only: Option<&Person>,
    ) -> Result<usize, ConversationError> {
        let channels: Vec<ChannelKind> = senders.iter().map(|s| s.channel()).collect();
        let claimed = self.store.claim_notices(&channels, only, BATCH).await?;
        for pending in &claimed {
            let Some(sender) = senders.iter().find(|s| s.channel() == pending.to.channel) else { continue };
            match self.render_notice(pending).await? {
                Ok(outgoing) => match sender.send(&pending.to.external_id, outgoing).await {
                    Sent::Yes => self.store.finish_notice(pending.id, NoticeOutcome::Sent).await?,
                    Sent::Unreachable => self.store.finish_notice(pending.id, NoticeOutcome::Unreachable).await?,
                    Sent::Later => self.store.release_notice(pending.id).await?,
                },
                Err(outcome) => self.store.finish_notice(pending.id, outcome).await?,
            }
        }
        Ok(claimed.len())
    }
}
