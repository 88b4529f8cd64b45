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

/// The longest the save may take: `lock_timeout` (10 s, `Store::connect`)
/// waiting for a locked update of the same person, and a margin. A save
/// started with less time left before the update's deadline could commit
/// after the update was given up for lost, its replies never sent, and the
/// platform's redelivery then dropped as a repeat.
const SAVE_TIME: std::time::Duration = std::time::Duration::from_secs(15);

/// One update as the unlocked path applies it.
pub(super) struct Asked<'a> {
    pub(super) input: &'a flow::Input,
    pub(super) language_if_new: Language,
    pub(super) delivery: Option<&'a str>,
    /// An earlier try created the person's row, so they are new even though
    /// their row now exists.
    pub(super) created: bool,
    /// When the update is given up ([`super::APPLY_TIMEOUT`] after it came).
    pub(super) deadline: tokio::time::Instant,
}

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
    /// One unlocked try.
    pub(super) async fn apply_unlocked(
        &self,
        person: &Person,
        channel: ChannelKind,
        asked: Asked<'_>,
    ) -> Result<Unlocked, ConversationError> {
        let Asked { input, language_if_new, delivery, created, deadline } = asked;
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
        if deadline.saturating_duration_since(tokio::time::Instant::now()) < SAVE_TIME {
            return Err(ConversationError::Unavailable);
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
