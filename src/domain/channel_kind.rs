//! The messengers (and the terminal) a person can talk to the bot through.

use serde::{Deserialize, Serialize};

/// The messenger (or terminal) a person talks to the bot through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Telegram,
    Viber,
    Console,
}

impl ChannelKind {
    pub fn parse(raw: &str) -> Option<Self> {
        [ChannelKind::Telegram, ChannelKind::Viber, ChannelKind::Console].into_iter().find(|c| c.as_str() == raw)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Telegram => "telegram",
            ChannelKind::Viber => "viber",
            ChannelKind::Console => "console",
        }
    }
}
