//! An update applied without holding the person's row: read it, run the
//! step, and when the step only moves the state (a search, a card, a menu:
//! nearly every update), claim the delivery and save the state in one
//! statement that writes only if the row did not move since it was read
//! ([`crate::store::Store::save_user_if_unchanged`]). Updates of one person
//! are still applied one after the other: a second one read before the
//! first was saved finds the row moved and is applied again on top of it.

use super::state::State;
use super::{Conversation, ConversationError, Outgoing, flow};
use crate::domain::{ChannelKind, Language, Person};
use crate::store::Saved;

/// What an unlocked try came to.
pub(super) enum Unlocked {
    /// Saved (`None`: the delivery had been applied before).
    Applied(Option<Outgoing>),
    /// The row moved since it was read; nothing was written. `created`: this
    /// try created the person's row.
    Moved { created: bool },
    /// The step changes other rows: it must be applied holding the row.
    NeedsLock { created: bool },
}

impl Conversation {
    /// One unlocked try. `created`: an earlier try created the person's row,
    /// so they are new even though their row now exists.
    pub(super) async fn apply_unlocked(
        &self,
        person: &Person,
        channel: ChannelKind,
        input: &flow::Input,
        language_if_new: Language,
        delivery: Option<&str>,
        created: bool,
    ) -> Result<Unlocked, ConversationError> {
        let mut read = self.store.read_user(person, language_if_new).await?;
        let made = read.record.is_new;
        read.record.is_new |= created;
        let state = State::from_json(std::mem::take(&mut read.record.state));
        let loaded = self.load_for(person, input, &state).await?;
        let ctx = self.context(&loaded, &read.record, channel);
        let mut step = flow::step(&ctx, state, input.clone());
        if step.effect.is_some() {
            return Ok(Unlocked::NeedsLock { created: made });
        }
        match self.store.save_user_if_unchanged(&read, person, delivery, step.language, &step.state.to_json()).await? {
            Saved::Saved => {}
            Saved::Repeated => {
                tracing::debug!("dropping a repeated delivery");
                return Ok(Unlocked::Applied(None));
            }
            Saved::Moved => return Ok(Unlocked::Moved { created: made }),
        }
        // Counted once the person's state is saved, by the writer that adds
        // them later with others: never next to the person's row.
        for count in step.counts.drain(..) {
            self.checkins.count(count);
        }
        Ok(Unlocked::Applied(Some(Outgoing { language: step.language, replies: step.replies })))
    }
}
