//! `resilience-bot operator add|list|revoke` and `desk link`: the operators
//! of the desk, and a sign-in link for the first one on a new server.

use clap::{Args, Subcommand};

use super::coordinators::named;
use super::{ChannelArg, Config};
use crate::domain::Person;

/// Operators of the desk (every centre).
#[derive(Subcommand)]
pub enum Operator {
    /// Make a person an operator.
    Add(Who),
    /// List every operator.
    List,
    /// Stop a person being an operator (their desk sessions end unless they still coordinate).
    Revoke(Who),
}

/// The desk's own commands.
#[derive(Subcommand)]
pub enum Desk {
    /// Print a one-time sign-in link (10 minutes) for an operator or coordinator.
    Link {
        #[command(flatten)]
        who: Who,
        #[command(flatten)]
        desk: DeskUrl,
    },
}

/// A person by channel and id.
#[derive(Args)]
pub struct Who {
    #[arg(long, value_enum)]
    pub channel: ChannelArg,
    /// The person's id on that channel (Telegram chat id, Viber user id, terminal --user).
    #[arg(long)]
    pub user: String,
}

impl Who {
    fn person(&self) -> Person {
        Person { channel: self.channel.into(), external_id: self.user.clone() }
    }
}

/// The desk's public base address, for links.
#[derive(Args, Clone)]
pub struct DeskUrl {
    /// The operator desk's public base address (sign-in links point there).
    #[arg(long, env = "DESK_URL", default_value = "http://127.0.0.1:8081")]
    pub desk_url: reqwest::Url,
}

/// Runs one operator command.
pub async fn run(config: &Config, command: Operator) -> anyhow::Result<()> {
    match command {
        Operator::Add(who) => {
            let person = who.person();
            config.with_store(async |store| Ok(store.add_operator(&person).await?)).await?;
            println!("{} is now an operator; they sign in with /desk", named(&person));
        }
        Operator::List => {
            let operators = config.with_store(async |store| Ok(store.operators().await?)).await?;
            if operators.is_empty() {
                println!("no operators");
            }
            for (person, added_at) in operators {
                let named = named(&person).replacen(' ', "\t", 1);
                println!("{named}\tsince {}", added_at.format("%Y-%m-%d"));
            }
        }
        Operator::Revoke(who) => {
            let person = who.person();
            let revoked = config.with_store(async |store| Ok(store.revoke_operator(&person).await?)).await?;
            if !revoked {
                anyhow::bail!("{} is not an operator", named(&person));
            }
            println!("{} is no longer an operator", named(&person));
        }
    }
    Ok(())
}

/// Runs one desk command.
pub async fn desk(config: &Config, command: Desk) -> anyhow::Result<()> {
    let Desk::Link { who, desk } = command;
    let person = who.person();
    let now = chrono::Utc::now();
    let token = config.with_store(async |store| Ok(store.create_desk_link(&person, now).await?)).await?;
    let Some(token) = token else {
        anyhow::bail!("{} is neither an operator nor a coordinator (see `operator add`)", named(&person));
    };
    println!("{}", crate::domain::desk_sign_in_url(desk.desk_url.as_str(), &token));
    eprintln!("works once, for 10 minutes");
    Ok(())
}
