//! The broadcast worker's side in the core: start the broadcasts that are
//! due, word each claimed delivery in its recipient's language, hand it to
//! the recipient's channel (several at once; the channels pace themselves),
//! mark it, and close finished broadcasts with a report to their author.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::task::JoinSet;

use super::notify::{NoticeSender, Sent};
use super::{Conversation, ConversationError, Outgoing, flow};
use crate::domain::{ChannelKind, Language};
use crate::store::{BroadcastBody, CohortView, Delivery, DeliveryOutcome};

/// Deliveries claimed at once: a round takes about 3 s at Telegram's 30
/// messages a second, which bounds how long a graceful shutdown waits.
const BATCH: i64 = 100;
/// Messages in flight at once: enough to keep Telegram's 30 a second busy
/// over a slow network, few enough to stay polite.
const IN_FLIGHT: usize = 32;

impl Conversation {
    /// One round of broadcast work. Returns how many deliveries were handled.
    pub async fn run_broadcasts(&self, senders: &[Arc<dyn NoticeSender>]) -> Result<usize, ConversationError> {
        self.store.start_due_broadcasts(self.clock.utc_now()).await?;
        let channels: Vec<ChannelKind> = senders.iter().map(|s| s.channel()).collect();
        let claimed = self.store.claim_deliveries(&channels, BATCH).await?;
        let schedules = self.schedules(&claimed).await?;
        let mut in_flight = JoinSet::new();
        // Channels that take many people a call (Viber's broadcast_message)
        // get one call per broadcast and language.
        let mut batches: HashMap<(i64, Language, ChannelKind), Vec<&Delivery>> = HashMap::new();
        for delivery in &claimed {
            let Some(sender) = senders.iter().find(|s| s.channel() == delivery.to.channel) else { continue };
            if sender.batch_size() > 1 {
                batches.entry((delivery.broadcast, delivery.language, delivery.to.channel)).or_default().push(delivery);
                continue;
            }
            let outgoing = self.word(delivery, &schedules);
            let (sender, to, delivery) = (sender.clone(), delivery.to.external_id.clone(), delivery.clone());
            in_flight.spawn(async move { (delivery, sender.send(&to, outgoing).await) });
            while in_flight.len() >= IN_FLIGHT {
                if let Some(done) = in_flight.join_next().await {
                    self.mark(done).await?;
                }
            }
        }
        while let Some(done) = in_flight.join_next().await {
            self.mark(done).await?;
        }
        for ((_, _, channel), deliveries) in batches {
            let Some(sender) = senders.iter().find(|s| s.channel() == channel) else { continue };
            for batch in deliveries.chunks(sender.batch_size()) {
                let to: Vec<String> = batch.iter().map(|d| d.to.external_id.clone()).collect();
                let outgoing = self.word(batch[0], &schedules);
                let results = sender.send_batch(&to, outgoing).await;
                for (delivery, sent) in batch.iter().zip(results) {
                    self.mark(Ok(((*delivery).clone(), sent))).await?;
                }
            }
        }
        for report in self.store.finish_broadcasts().await? {
            tracing::info!(
                broadcast = report.broadcast,
                sent = report.sent,
                blocked = report.blocked,
                failed = report.failed,
                "broadcast finished"
            );
        }
        Ok(claimed.len())
    }

    async fn mark(&self, done: Result<(Delivery, Sent), tokio::task::JoinError>) -> Result<(), ConversationError> {
        let Ok((delivery, sent)) = done else {
            // A send that panicked stays claimed; its lease ends and it is retried.
            tracing::error!("a broadcast send failed unexpectedly");
            return Ok(());
        };
        let outcome = match sent {
            Sent::Yes => DeliveryOutcome::Sent,
            Sent::Unreachable => DeliveryOutcome::Blocked,
            Sent::Later => DeliveryOutcome::Retry,
        };
        Ok(self.store.finish_delivery(&delivery, outcome).await?)
    }

    /// The groups of each centre whose schedule is being sent, read once per round.
    async fn schedules(&self, claimed: &[Delivery]) -> Result<HashMap<String, Vec<CohortView>>, ConversationError> {
        let mut schedules = HashMap::new();
        for delivery in claimed.iter().filter(|d| d.body == BroadcastBody::Schedule) {
            if !schedules.contains_key(&delivery.centre) {
                let centres = [delivery.centre.clone()];
                let cohorts = self.store.running_cohorts(&centres, self.clock.utc_now()).await?;
                schedules.insert(delivery.centre.clone(), cohorts);
            }
        }
        Ok(schedules)
    }

    fn word(&self, delivery: &Delivery, schedules: &HashMap<String, Vec<CohortView>>) -> Outgoing {
        let directory = self.directory.current();
        let ctx = self.notice_context(&directory, delivery.language, delivery.to.channel);
        let cohorts = schedules.get(&delivery.centre).map(Vec::as_slice).unwrap_or_default();
        let reply = flow::broadcast::message(&ctx, &delivery.centre, &delivery.body, cohorts);
        Outgoing { language: delivery.language, replies: vec![reply] }
    }
}
