//! An update applied without holding the person's row: read it, run the
//! step, and when the step only moves the state (a search, a card, a menu:
//! nearly every update), save the state and claim the delivery in one
//! statement that writes only if the row did not move since it was read
//! ([`crate::store::Store::save_user_if_unchanged`]); otherwise, or when the
//! row keeps moving, apply it holding the row (`locked`). Updates of one
//! person are still applied one after the other: a second one read before
//! the first was saved finds the row moved and is applied again on top of it.
//! The first try starts from the state this process saved last for the
//! person when it remembers one (`store::recent_states`), which the save
//! checks like any read.

use super::state::State;
use super::{Conversation, ConversationError, Outgoing, flow};
use crate::domain::{ChannelKind, Language, Person};
use crate::store::Saved;

/// Unlocked tries of an update before it takes the person's lock: a row
/// that moved this often is being written by many updates at once (a burst
/// of taps), which the lock serves better than more retries.
const UNLOCKED_TRIES: usize = 3;

/// One update as the unlocked path applies it.
struct Asked<'a> {
    input: &'a flow::Input,
    language_if_new: Language,
    delivery: Option<&'a str>,
    /// An earlier try created the person's row, so they are new even though
    /// their row now exists.
    created: bool,
    /// Start from the state this process saved last for the person, if it
    /// remembers one (the first try), rather than read their row.
    recall: bool,
    /// When the update is given up ([`super::APPLY_TIMEOUT`] after it came).
    deadline: tokio::time::Instant,
}

/// What an unlocked try came to.
enum Unlocked {
    /// Saved (`None`: the delivery had been applied before).
    Applied(Option<Outgoing>),
    /// The row moved since it was read; nothing was written. `created`: this
    /// try created the person's row; `remembered`: the state was the one this
    /// process saved last, not read.
    Moved { created: bool, remembered: bool },
    /// The step changes other rows: it must be applied holding the row.
    NeedsLock { created: bool },
}

impl Conversation {
    /// Applies one update: unlocked when its step only moves the person's
    /// state, holding their row's lock when it changes other rows or the
    /// row kept moving under it. `deadline`: when the update is given up.
    pub(super) async fn apply_update(
        &self,
        person: &Person,
        channel: ChannelKind,
        input: flow::Input,
        language_if_new: Language,
        delivery: Option<&str>,
        deadline: tokio::time::Instant,
    ) -> Result<Option<Outgoing>, ConversationError> {
        let mut created = false;
        let mut recall = true;
        let mut tries = 0;
        while tries < UNLOCKED_TRIES {
            let asked = Asked { input: &input, language_if_new, delivery, created, recall, deadline };
            match self.apply_unlocked(person, channel, asked).await? {
                Unlocked::Applied(outgoing) => return Ok(outgoing),
                Unlocked::Moved { created: made, remembered } => {
                    created |= made;
                    // A remembered state that went stale (the row was written
                    // elsewhere since this process saved it) says nothing of
                    // how busy the row is: it is not a try.
                    tries += usize::from(!remembered);
                    recall = false;
                }
                Unlocked::NeedsLock { created: made } => {
                    created |= made;
                    break;
                }
            }
        }
        self.apply_locked(person, channel, input, language_if_new, delivery, created).await
    }

    /// One unlocked try.
    async fn apply_unlocked(
        &self,
        person: &Person,
        channel: ChannelKind,
        asked: Asked<'_>,
    ) -> Result<Unlocked, ConversationError> {
        let Asked { input, language_if_new, delivery, created, recall, deadline } = asked;
        let mut read = if recall {
            self.store.read_user(person, language_if_new).await?
        } else {
            self.store.read_stored_user(person, language_if_new).await?
        };
        let made = read.record.is_new;
        read.record.is_new |= created;
        let state = State::from_json(std::mem::take(&mut read.record.state));
        let loaded = self.load_for(person, input, &state).await?;
        let ctx = self.context(&loaded, &read.record, channel);
        let mut step = flow::step(&ctx, state, input.clone());
        if step.effect.is_some() {
            return Ok(Unlocked::NeedsLock { created: made });
        }
        match self
            .store
            .save_user_if_unchanged(&mut read, person, delivery, step.language, step.state.to_json(), deadline)
            .await?
        {
            Saved::Saved => {}
            Saved::Repeated => {
                tracing::debug!("dropping a repeated delivery");
                return Ok(Unlocked::Applied(None));
            }
            Saved::Moved => return Ok(Unlocked::Moved { created: made, remembered: read.was_remembered() }),
            Saved::Late => return Err(ConversationError::Unavailable),
        }
        // Counted once the person's state is saved, by the writer that adds
        // them later with others: never next to the person's row.
        for count in step.counts.drain(..) {
            self.checkins.count(count);
        }
        Ok(Unlocked::Applied(Some(Outgoing { language: step.language, replies: step.replies })))
    }
}
