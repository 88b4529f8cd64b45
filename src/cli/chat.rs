//! `resilience-bot chat`: talking to the bot in the terminal, through the
//! same core and database as the channels.

use std::io::IsTerminal;

use anyhow::Context as _;
use clap::ValueEnum;

use super::Config;
use crate::channel::console::Console;
use crate::conversation::{Clock, User};
use crate::domain::{ChannelKind, Language};
use crate::i18n::Catalog;
use crate::startup::{Running, ShutdownSignal};

/// The languages `--lang` takes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Uk,
    En,
}

/// One terminal session as `user`, in `lang` if given (remembered).
pub async fn chat(config: &Config, user: String, lang: Option<LangArg>, desk: &super::DeskUrl) -> anyhow::Result<()> {
    let safety = config.safety()?;
    let catalog = Catalog::load()?;
    let mut shutdown = ShutdownSignal::install()?;
    config
        .with_store(async |store| {
            // A signal during start-up ends it; the cluster is stopped either way.
            let running = tokio::select! {
                running = Running::start(store, safety, Clock::System) => running?,
                () = shutdown.recv() => return Ok(()),
            };
            let session = async {
                let conversation = running.conversation.clone().with_desk_url(Some(desk.desk_url.to_string()));
                let chosen = lang.map(|lang| match lang {
                    LangArg::Uk => Language::Uk,
                    LangArg::En => Language::En,
                });
                if let Some(language) = chosen {
                    store.set_language(ChannelKind::Console, &user, language).await?;
                }
                let language = chosen.unwrap_or_default();
                let console = Console {
                    conversation: &conversation,
                    catalog: &catalog,
                    user: User {
                        channel: ChannelKind::Console,
                        id: user,
                        platform_language: Some(language.code().into()),
                    },
                    interactive: std::io::stdin().is_terminal(),
                };
                let stdin = tokio::io::BufReader::new(tokio::io::stdin());
                let mut stdout = std::io::stdout();
                console.run(stdin, &mut stdout).await.context("terminal input/output failed")
            };
            // A signal during the session ends it too.
            let result = tokio::select! {
                result = session => result,
                () = shutdown.recv() => Ok(()),
            };
            // Check-ins held in memory are written before the pool closes.
            running.conversation.flush_checkins().await;
            drop(running);
            result
        })
        .await
}
