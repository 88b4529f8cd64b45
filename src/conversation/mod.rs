//! The channel-agnostic core: applies a person's update to their stored state
//! and returns the replies as data.
//!
//! [`Conversation::handle`] reads the person's row, runs the pure
//! [`flow::step`], and saves the new state only if the row did not change
//! meanwhile (`unlocked`); a step that changes other rows is applied holding
//! the row's lock, in one transaction (`locked`). Either way updates of one
//! person are applied one after the other, even across replicas.
//!
//! This file wires the core and gives each update its time limit; `unlocked`
//! chooses between the two paths. Around them: `action`
//! (what buttons do), `incoming` and `reply` (what channels hand in and get
//! back), `state` (what is kept between messages), `load` (what a step needs
//! from the database), `apply` (the changes a step asks for), `outbound`
//! (the notice and broadcast workers), `checkin_writer` (check-ins written
//! apart from the people who made them), `without_database` (answers during an
//! outage) and `clock`.

mod action;
mod apply;
mod checkin_writer;
mod clock;
pub mod flow;
mod incoming;
mod load;
mod locked;
mod outbound;
mod reply;
mod state;
mod unlocked;
mod without_database;

use std::sync::Arc;

pub use action::{Action, DeskNeeds, MAX_ACTION_BYTES, Needs, Pick, Skipped};
pub use checkin_writer::CheckinWriter;
pub use clock::Clock;
pub use incoming::{Command, Incoming, User};
pub use outbound::{NoticeSender, Sent};
pub use reply::{Button, Chart, CsvCell, Document, Reply, Series, Venue};
pub use state::State;

use crate::directory::{Gazetteer, SharedDirectory};
use crate::distress::DistressPhrases;
use crate::domain::{ChannelKind, Hotlines, Language, Programme};
use crate::store::{Store, StoreError};

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
    /// The database is down (known from a recent failure); not tried again
    /// until a probe finds it back.
    #[error("the database is unavailable")]
    Unavailable,
}

impl ConversationError {
    /// Whether the database could not be reached (rather than refusing).
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Unavailable => true,
            Self::Store(error) => error.is_unavailable(),
        }
    }
}

/// The longest an update may take: well past the 10 s lock timeout and
/// the pool's 5 s wait for a connection.
const APPLY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Everything a conversation needs, shared by all channels.
#[derive(Clone)]
pub struct Conversation {
    store: Store,
    directory: SharedDirectory,
    gazetteer: Arc<Gazetteer>,
    hotlines: Arc<Hotlines>,
    distress: Arc<DistressPhrases>,
    programmes: Arc<Vec<Programme>>,
    clock: Clock,
    /// Updates applied at once by this process. An update holds one
    /// connection for its person's row (locked, or kept from the unlocked
    /// read to the save) while it reads or changes other rows on a second;
    /// capping updates at a third of the pool keeps every update able to get
    /// its second connection, and leaves room for the workers, however many
    /// updates arrive at once.
    in_progress: Arc<tokio::sync::Semaphore>,
    metrics: Arc<crate::metrics::Metrics>,
    /// The operator desk's public base address (`DESK_URL`), for `/desk`'s
    /// sign-in links; `None` when the desk is off.
    desk_url: Option<String>,
    /// Finished check-ins go here, never straight to the database.
    checkins: checkin_writer::CheckinWriter,
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
        programmes: Arc<Vec<Programme>>,
        clock: Clock,
    ) -> Self {
        // A third of the pool the store was given (`store::POOL_SIZE` in
        // production; tests bring pools of their own), at least one.
        let pool_size = usize::try_from(store.pool().options().get_max_connections()).unwrap_or(3);
        let in_progress = Arc::new(tokio::sync::Semaphore::new((pool_size / 3).max(1)));
        let metrics = Arc::new(crate::metrics::Metrics::new());
        let distress = Arc::new(DistressPhrases::built_in());
        let checkins = checkin_writer::CheckinWriter::start(store.clone(), checkin_writer::MAX_DELAY);
        Self {
            store,
            directory,
            gazetteer,
            hotlines,
            distress,
            programmes,
            clock,
            in_progress,
            metrics,
            checkins,
            desk_url: None,
        }
    }

    /// Recognises distress with an operator's phrase list instead of the
    /// built-in one.
    #[must_use]
    pub fn with_distress_phrases(self, distress: Arc<DistressPhrases>) -> Self {
        Self { distress, ..self }
    }

    /// Answers `/desk` with sign-in links under this base address.
    #[must_use]
    pub fn with_desk_url(self, desk_url: Option<String>) -> Self {
        Self { desk_url, ..self }
    }

    /// Writes the finished check-ins held in memory now. `serve` and `chat`
    /// call it at shutdown; tests call it to see them.
    pub async fn flush_checkins(&self) {
        self.checkins.flush().await;
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// This process's metrics (`GET /metrics`).
    pub fn metrics(&self) -> &Arc<crate::metrics::Metrics> {
        &self.metrics
    }

    /// What the bot would answer a person it knows nothing about, without
    /// storing anything: for Viber's `conversation_started`, which comes
    /// before the person has written and must not create a record of them.
    pub fn preview(&self, language: Language, incoming: Incoming) -> Outgoing {
        let directory = self.directory.current();
        let ctx = self.notice_context(&directory, language, ChannelKind::Viber);
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
    /// While the database is known to be down, fails at once with
    /// [`ConversationError::Unavailable`] instead of waiting for a connection.
    #[tracing::instrument(skip_all, fields(channel = user.channel.as_str()))]
    pub async fn handle_delivery(
        &self,
        user: &User,
        incoming: Incoming,
        delivery: Option<&str>,
    ) -> Result<Option<Outgoing>, ConversationError> {
        if !self.store.available().await {
            return Err(ConversationError::Unavailable);
        }
        // A database that stops answering without closing connections (a
        // network partition) would hold the update, and those behind it,
        // for the TCP timeout; past this it counts as down. Dropping the
        // update's future rolls its transaction back; the unlocked save is
        // one statement that would commit anyway, so it is not started
        // unless the time left covers it ([`crate::store::SAVE_TIME`]).
        let deadline = tokio::time::Instant::now() + APPLY_TIMEOUT;
        let applied = tokio::time::timeout_at(deadline, self.apply_delivery(user, incoming, delivery, deadline))
            .await
            .unwrap_or(Err(ConversationError::Unavailable));
        if let Err(error) = &applied
            && error.is_unavailable()
        {
            self.store.mark_down();
        }
        applied
    }

    async fn apply_delivery(
        &self,
        user: &User,
        incoming: Incoming,
        delivery: Option<&str>,
        deadline: tokio::time::Instant,
    ) -> Result<Option<Outgoing>, ConversationError> {
        // Never closed, so acquiring cannot fail.
        let _permit = self.in_progress.acquire().await.ok();
        let language_if_new = Language::from_platform_code(user.platform_language.as_deref());
        let person = user.person();
        let input = flow::Input::from(incoming);
        self.apply_update(&person, user.channel, input, language_if_new, delivery, deadline).await
    }
}

impl Conversation {
    /// The context for wording a message to someone whose conversation is
    /// not being applied: a message the bot starts, or Viber's welcome.
    fn notice_context<'a>(
        &'a self,
        directory: &'a crate::directory::Directory,
        language: crate::domain::Language,
        channel: ChannelKind,
    ) -> flow::Context<'a> {
        flow::Context {
            directory,
            gazetteer: &self.gazetteer,
            hotlines: &self.hotlines,
            distress: &self.distress,
            now: self.clock.kyiv_now(),
            language,
            is_new: false,
            groups: None,
            desk: None,
            channel,
        }
    }
}
