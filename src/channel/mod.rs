//! The edges: each channel turns its platform's updates into
//! [`Incoming`](crate::conversation::Incoming) and renders
//! [`Reply`](crate::conversation::Reply) values with its own widgets.

use crate::conversation::ConversationError;
use crate::store::StoreError;

pub mod chart;
pub mod console;
pub mod flood;
pub mod gate;
pub mod intake;
pub mod queue;
pub mod render;
pub mod telegram;
pub mod viber;

/// A failure to apply a platform's update; the platform should deliver it again.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Conversation(#[from] ConversationError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Not applied: the database is down; deliver it again.
    #[error("the database is unavailable")]
    Deferred,
    /// Not applied: it failed (logged where it did); deliver it again.
    #[error("the update could not be applied")]
    Failed,
}

impl From<intake::Fate> for Result<(), ApplyError> {
    fn from(fate: intake::Fate) -> Self {
        match fate {
            intake::Fate::Done => Ok(()),
            intake::Fate::Deferred => Err(ApplyError::Deferred),
            intake::Fate::Failed => Err(ApplyError::Failed),
        }
    }
}

impl From<queue::Outcome> for crate::conversation::Sent {
    fn from(outcome: queue::Outcome) -> Self {
        match outcome {
            queue::Outcome::Sent => Self::Yes,
            queue::Outcome::Unreachable => Self::Unreachable,
            queue::Outcome::Dropped => Self::Later,
        }
    }
}

pub use crate::domain::hex;
