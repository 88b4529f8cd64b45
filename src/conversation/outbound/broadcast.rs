//! The broadcast worker's side in the core: start the broadcasts that are
//! due, word each claimed delivery in its recipient's language, hand it to
//! the recipient's channel (several at once; the channels pace themselves),
//! mark it, and close finished broadcasts with a report to their author.

use std::collections::HashMap;
use std::sync::Arc;

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;

use super::{NoticeSender, Sent};
use crate::conversation::{Conversation, ConversationError, Outgoing, flow};
use crate::domain::{ChannelKind, Closure, Language};
use crate::store::{BroadcastBody, CohortView, Delivery, DeliveryOutcome};

/// Deliveries claimed at once: a round takes about 3 s at Telegram's 30
/// messages a second, which bounds how long a graceful shutdown waits.
const BATCH: i64 = 100;
/// Messages in flight at once: enough to keep Telegram's 30 a second busy
/// over a slow network, few enough to stay polite.
const IN_FLIGHT: usize = 32;
/// No send starts later than this into a round; a send may then take about
/// 32 s more (a channel retries an outage in place), which keeps the round
/// well inside the claims' lease (`store::broadcast::LEASE_SECONDS`), so
/// no other worker takes a delivery that is still being sent.
const SEND_WINDOW: Duration = Duration::from_secs(30);

/// What broadcasts of one round are worded from.
struct Words {
    schedules: HashMap<String, Vec<CohortView>>,
    closures: HashMap<String, Closure>,
}

impl Conversation {
    /// One round of broadcast work. Returns how many deliveries were handled.
    pub async fn run_broadcasts(&self, senders: &[Arc<dyn NoticeSender>]) -> Result<usize, ConversationError> {
        let channels: Vec<ChannelKind> = senders.iter().map(|s| s.channel()).collect();
        self.store.start_due_broadcasts(self.clock.utc_now(), &channels).await?;
        let claimed = self.store.claim_deliveries(&channels, BATCH).await?;
        let started = Instant::now();
        let words = Words { schedules: self.schedules(&claimed).await?, closures: self.closures(&claimed).await? };
        let mut in_flight = JoinSet::new();
        // Channels that take many people a call (Viber's broadcast_message)
        // get one call per broadcast and language.
        let mut batches: HashMap<(i64, Language, ChannelKind), Vec<&Delivery>> = HashMap::new();
        let mut late = Vec::new();
        for delivery in &claimed {
            if started.elapsed() > SEND_WINDOW {
                late.push(delivery.clone());
                continue;
            }
            let Some(sender) = senders.iter().find(|s| s.channel() == delivery.to.channel) else { continue };
            if sender.batch_size() > 1 {
                batches.entry((delivery.broadcast, delivery.language, delivery.to.channel)).or_default().push(delivery);
                continue;
            }
            let outgoing = self.word(delivery, &words);
            let (sender, to, delivery) = (sender.clone(), delivery.to.external_id.clone(), delivery.clone());
            in_flight.spawn(async move { (delivery, sender.send_broadcast(&to, outgoing).await) });
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
                if started.elapsed() > SEND_WINDOW {
                    late.extend(batch.iter().map(|d| (*d).clone()));
                    continue;
                }
                let to: Vec<String> = batch.iter().map(|d| d.to.external_id.clone()).collect();
                let outgoing = self.word(batch[0], &words);
                let results = sender.send_batch(&to, outgoing).await;
                for (delivery, sent) in batch.iter().zip(results) {
                    self.mark(Ok(((*delivery).clone(), sent))).await?;
                }
            }
        }
        // Given back for the next round rather than left to a lease.
        self.store.unclaim_deliveries(&late).await?;
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
        self.metrics.delivery(crate::metrics::DeliveryKind::Broadcast, delivery.to.channel, sent.into());
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

    /// Closures read from the database, not the directory: a replica's
    /// directory may not have reloaded yet when a closure's message goes.
    async fn closures(&self, claimed: &[Delivery]) -> Result<HashMap<String, Closure>, ConversationError> {
        if !claimed.iter().any(|d| d.body == BroadcastBody::Closure) {
            return Ok(HashMap::new());
        }
        Ok(self.store.closures().await?.into_iter().map(|(id, closure)| (id.to_string(), closure)).collect())
    }

    fn word(&self, delivery: &Delivery, words: &Words) -> Outgoing {
        let directory = self.directory.current();
        let ctx = self.notice_context(&directory, delivery.language, delivery.to.channel);
        let cohorts = words.schedules.get(&delivery.centre).map(Vec::as_slice).unwrap_or_default();
        let closure = words.closures.get(&delivery.centre);
        let reply = flow::broadcast::message(&ctx, &delivery.centre, &delivery.body, cohorts, closure);
        Outgoing { language: delivery.language, replies: vec![reply] }
    }
}
