//! The command menu (`setMyCommands`), in Ukrainian by default and in English
//! for clients set to English.

use teloxide::Bot;
use teloxide::payloads::SetMyCommandsSetters;
use teloxide::prelude::Requester;
use teloxide::types::BotCommand;

use crate::domain::Language;
use crate::i18n::{Catalog, Text};

const COMMANDS: [(&str, &str); 6] = [
    ("start", "telegram-command-start"),
    ("help", "telegram-command-help"),
    ("checkin", "telegram-command-checkin"),
    ("language", "telegram-command-language"),
    ("privacy", "telegram-command-privacy"),
    ("forget", "telegram-command-forget"),
];

pub async fn register(bot: &Bot, catalog: &Catalog) {
    let commands = |language| -> Vec<BotCommand> {
        COMMANDS.iter().map(|(name, id)| BotCommand::new(*name, catalog.render(language, &Text::new(id)))).collect()
    };
    // The default list (no language) is Ukrainian; English clients get English.
    let default = bot.set_my_commands(commands(Language::Uk)).await;
    let english = bot.set_my_commands(commands(Language::En)).language_code("en").await;
    let ukrainian = bot.set_my_commands(commands(Language::Uk)).language_code("uk").await;
    for result in [default, english, ukrainian] {
        if let Err(error) = result {
            tracing::warn!(%error, "cannot register the bot's commands");
        }
    }
}
