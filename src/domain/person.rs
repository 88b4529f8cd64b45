//! Who someone is to the bot: a channel and the platform's id for them.

use super::ChannelKind;

/// A person as the bot knows them: the same human on two channels is two
/// people. Sign-ups, subscriptions, roles and notices belong to one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Person {
    pub channel: ChannelKind,
    /// The platform's id for the person (Telegram chat id, Viber user id,
    /// the terminal's `--user`).
    pub external_id: String,
}
