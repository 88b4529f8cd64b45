//! An update applied holding the person's row: for the steps that change
//! other rows (a seat, a subscription, a coordinator's change, a check-in,
//! `/forget`), so that a double tap waits for the first tap's change and then
//! finds it done, and for a row that kept moving under the unlocked path.

use super::state::State;
use super::{Conversation, ConversationError, Outgoing, flow};
use crate::domain::tally::{Count, Tally};
use crate::domain::{ChannelKind, Language, Person};
use crate::store::StoreError;

impl Conversation {
    /// Locks the person's row, claims the delivery, runs the step, applies
    /// its effect and saves the state, in one transaction. `created`: an
    /// earlier unlocked try created the person's row, so they are new.
    pub(super) async fn apply_locked(
        &self,
        person: &Person,
        channel: ChannelKind,
        input: flow::Input,
        language_if_new: Language,
        delivery: Option<&str>,
        created: bool,
    ) -> Result<Option<Outgoing>, ConversationError> {
        let (mut update, mut record) = self.store.begin_user(person, language_if_new).await?;
        record.is_new |= created;
        if let Some(key) = delivery
            && !update.claim_delivery(key).await?
        {
            tracing::debug!("dropping a repeated delivery");
            return Ok(None);
        }
        let state = State::from_json(std::mem::take(&mut record.state));
        let loaded = self.load_for(person, &input, &state).await?;
        let now = loaded.now;
        let ctx = self.context(&loaded, &record, channel);
        let mut step = flow::step(&ctx, state, input);
        // Forgetting deletes the person's row itself, so it is applied in the
        // transaction that holds it, and nothing is saved after.
        if step.effect == Some(flow::effect::Effect::Forget) {
            let forgotten = update.forget().await?;
            let ctx = flow::Context { language: step.language, ..ctx };
            let outcome = flow::effect::Outcome::Forgotten(forgotten);
            let (reply, _) = flow::after(&ctx, &flow::effect::Effect::Forget, &outcome);
            step.replies.push(reply);
            return Ok(Some(Outgoing { language: step.language, replies: step.replies }));
        }
        // A finished check-in goes to the writer, which stores it later in
        // a shuffled batch, never in this transaction. Only one a week per
        // person counts; the person's row notes the week (not the answers).
        // A redelivered update finds the check-in over and stores nothing.
        if let Some(effect) = step.effect.take_if(|e| matches!(e, flow::effect::Effect::SaveCheckin { .. })) {
            let mut record = None;
            if let flow::effect::Effect::SaveCheckin { answers, day, language, oblast } = &effect {
                let week = crate::store::week_of(*day);
                if update.claim_checkin_week(week).await? {
                    record = Some(crate::store::CheckinRecord {
                        answers: *answers,
                        week,
                        language: *language,
                        channel: person.channel,
                        oblast: oblast.clone(),
                    });
                }
            }
            update.finish(step.language, &step.state.to_json()).await?;
            // Handed over once the person's state (check-in over) is saved.
            let counted = record.is_some();
            if let Some(record) = record {
                self.checkins.record(record);
            }
            let ctx = flow::Context { language: step.language, ..ctx };
            let (reply, _) = flow::after(&ctx, &effect, &flow::effect::Outcome::CheckinFinished { counted });
            step.replies.push(reply);
            return Ok(Some(Outgoing { language: step.language, replies: step.replies }));
        }
        // Seats are taken while the person's row is still locked, so a double
        // tap waits and then finds the place already taken.
        if let Some(effect) = step.effect.take() {
            let outcome = match self.apply_effect(&effect, person, now).await {
                Ok(outcome) => outcome,
                // The data refused the change (a centre removed meanwhile…):
                // it would fail the same way on every redelivery, so the
                // person is told and the update is applied.
                Err(ConversationError::Store(StoreError::Refused { constraint, .. })) => {
                    tracing::warn!(constraint, "a change was refused by the database");
                    flow::effect::Outcome::Refused
                }
                Err(error) => return Err(error),
            };
            if let Some(tally) = counted(&outcome) {
                step.counts.push(Count { week: crate::store::week_of(ctx.now.date()), tally });
            }
            let ctx = flow::Context { language: step.language, ..ctx };
            let (reply, state) = flow::after(&ctx, &effect, &outcome);
            step.replies.push(reply);
            if let Some(state) = state {
                step.state = state;
            }
        }
        update.finish(step.language, &step.state.to_json()).await?;
        // Counted once the person's transaction is over, by the writer that
        // adds them later with others: never next to the person's row.
        for count in step.counts.drain(..) {
            self.checkins.count(count);
        }
        Ok(Some(Outgoing { language: step.language, replies: step.replies }))
    }
}

/// The usage count an effect's outcome adds: a new seat or waiting place, a
/// new subscription.
fn counted(outcome: &flow::effect::Outcome) -> Option<Tally> {
    use flow::effect::Outcome;
    match outcome {
        Outcome::SignedUp(crate::store::SignUp::Confirmed { .. } | crate::store::SignUp::Waitlisted { .. }) => {
            Some(Tally::SignUp)
        }
        Outcome::Subscribed(true) => Some(Tally::Subscription),
        _ => None,
    }
}
