//! The channel-agnostic core: applies a person's update to their stored state
//! and returns the replies as data.
//!
//! [`Conversation::handle`] locks the person's row, runs the pure
//! [`flow::step`], and saves the new state in the same transaction, so that
//! updates of one person are applied in order even across replicas.

pub mod flow;
mod incoming;
mod reply;
mod state;

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Europe::Kyiv;

pub use incoming::{Command, Incoming, User};
pub use reply::{Action, Button, MAX_ACTION_BYTES, Reply, Venue};
pub use state::State;

use crate::directory::{Gazetteer, SharedDirectory};
use crate::domain::{Hotlines, Language};
use crate::store::{Leaving, Person, Store, StoreError};

/// What to send back for one update, and in which language to render it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub language: Language,
    pub replies: Vec<Reply>,
}

/// A failure that kept an update from being applied. The person gets a polite
/// "try again" from the channel; nothing was saved.
#[derive(Debug, thiserror::Error)]
pub enum ConversationError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where the current time comes from; tests pin it.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current local time in Kyiv, where every centre is.
    pub fn kyiv_now(self) -> NaiveDateTime {
        self.utc_now().with_timezone(&Kyiv).naive_local()
    }

    pub fn utc_now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
        }
    }
}

/// Everything a conversation needs, shared by all channels.
#[derive(Clone)]
pub struct Conversation {
    store: Store,
    directory: SharedDirectory,
    gazetteer: Arc<Gazetteer>,
    hotlines: Arc<Hotlines>,
    clock: Clock,
}

impl std::fmt::Debug for Conversation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conversation").finish_non_exhaustive()
    }
}

impl Conversation {
    pub fn new(
        store: Store,
        directory: SharedDirectory,
        gazetteer: Arc<Gazetteer>,
        hotlines: Arc<Hotlines>,
        clock: Clock,
    ) -> Self {
        Self { store, directory, gazetteer, hotlines, clock }
    }

    /// What the bot would answer a person it knows nothing about, without
    /// storing anything: for Viber's `conversation_started`, which comes
    /// before the person has written and must not create a record of them.
    pub fn preview(&self, language: Language, incoming: Incoming) -> Outgoing {
        let directory = self.directory.current();
        let ctx = flow::Context {
            directory: &directory,
            gazetteer: &self.gazetteer,
            hotlines: &self.hotlines,
            now: self.clock.kyiv_now(),
            language,
            is_new: false,
            groups: None,
        };
        let step = flow::step(&ctx, State::Idle, incoming);
        Outgoing { language: step.language, replies: step.replies }
    }

    /// Applies one update from one person.
    pub async fn handle(&self, user: &User, incoming: Incoming) -> Result<Outgoing, ConversationError> {
        let applied = self.handle_delivery(user, incoming, None).await?;
        Ok(applied.unwrap_or(Outgoing { language: Language::default(), replies: Vec::new() }))
    }

    /// Applies one update that a platform may deliver more than once, keyed by
    /// its delivery id (Telegram `update_id`, Viber `message_token`). A
    /// redelivery returns `None` and changes nothing.
    #[tracing::instrument(skip_all, fields(channel = user.channel.as_str()))]
    pub async fn handle_delivery(
        &self,
        user: &User,
        incoming: Incoming,
        delivery: Option<&str>,
    ) -> Result<Option<Outgoing>, ConversationError> {
        let language_if_new = Language::from_platform_code(user.platform_language.as_deref());
        let (mut update, record) = self.store.begin_user(user.channel, &user.id, language_if_new).await?;
        if let Some(key) = delivery
            && !update.claim_delivery(key).await?
        {
            tracing::debug!("dropping a repeated delivery");
            return Ok(None);
        }
        let directory = self.directory.current();
        let state = State::from_json(record.state);
        let person = Person { channel: user.channel, external_id: user.id.clone() };
        let now = self.clock.utc_now();
        let board = if flow::needs_groups(&state, &incoming) {
            let (cohorts, mine) = self.store.group_board(&person, now).await?;
            Some(flow::groups::Board { cohorts, mine })
        } else {
            None
        };
        let ctx = flow::Context {
            directory: &directory,
            gazetteer: &self.gazetteer,
            hotlines: &self.hotlines,
            now: self.clock.kyiv_now(),
            language: record.language,
            is_new: record.is_new,
            groups: board.as_ref(),
        };
        let mut step = flow::step(&ctx, state, incoming);
        // Seats are taken while the person's row is still locked, so a double
        // tap waits and then finds the place already taken.
        if let Some(effect) = step.effect.take() {
            let outcome = self.apply_effect(&effect, &person, now).await?;
            let ctx = flow::Context { language: step.language, ..ctx };
            step.replies.push(flow::groups::after(&ctx, &effect, &outcome));
        }
        update.finish(step.language, &step.state.to_json()).await?;
        Ok(Some(Outgoing { language: step.language, replies: step.replies }))
    }

    async fn apply_effect(
        &self,
        effect: &flow::groups::Effect,
        person: &Person,
        now: DateTime<Utc>,
    ) -> Result<flow::groups::Outcome, ConversationError> {
        use flow::groups::{Effect, Outcome};
        Ok(match effect {
            Effect::SignUp { cohort, first_name, phone } => {
                let outcome = self.store.sign_up(cohort, person, first_name.as_deref(), phone.as_ref(), now).await?;
                Outcome::SignedUp(outcome)
            }
            Effect::Leave { signup } => Outcome::Left(self.store.leave(*signup, person, Leaving::Cancelled).await?),
        })
    }
}
