//! `resilience-bot coordinator add|invite|list|revoke`: operators' side of
//! coordinator roles.

use chrono::{Duration, Utc};
use clap::{Args, Subcommand, ValueEnum};

use super::Config;
use crate::domain::bot_link::{BotLinks, invite_payload};
use crate::domain::{ChannelKind, Person};

/// Coordinator administration.
#[derive(Subcommand)]
pub enum Coordinator {
    /// Make a person a coordinator of a centre.
    Add(Role),
    /// Print a one-time code (and a Telegram link) that makes whoever sends it a coordinator.
    Invite {
        #[arg(long)]
        centre: String,
        /// How long the code works: minutes (30m), hours (72h) or days (7d).
        #[arg(long, default_value = "72h", value_parser = parse_lifetime)]
        expires: chrono::Duration,
        /// The bot's Telegram username, for the link.
        #[arg(long, env = "TELEGRAM_BOT_USERNAME")]
        bot_username: Option<String>,
    },
    /// List every coordinator by centre.
    List,
    /// Stop a person coordinating a centre.
    Revoke(Role),
}

/// A person's role at a centre, as `add` and `revoke` name it.
#[derive(Args)]
pub struct Role {
    #[arg(long)]
    pub centre: String,
    #[arg(long, value_enum)]
    pub channel: ChannelArg,
    /// The person's id on that channel (Telegram chat id, Viber user id, terminal --user).
    #[arg(long)]
    pub user: String,
}

impl Role {
    fn person(&self) -> Person {
        Person { channel: self.channel.into(), external_id: self.user.clone() }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChannelArg {
    Telegram,
    Viber,
    Terminal,
}

impl From<ChannelArg> for ChannelKind {
    fn from(channel: ChannelArg) -> Self {
        match channel {
            ChannelArg::Telegram => ChannelKind::Telegram,
            ChannelArg::Viber => ChannelKind::Viber,
            ChannelArg::Terminal => ChannelKind::Console,
        }
    }
}

/// A person as `--channel` and `--user` name them ("terminal local"), for
/// what the commands print.
pub fn named(person: &Person) -> String {
    let channel = match person.channel {
        ChannelKind::Telegram => "telegram",
        ChannelKind::Viber => "viber",
        ChannelKind::Console => "terminal",
    };
    format!("{channel} {}", person.external_id)
}

/// Runs one coordinator command.
pub async fn run(config: &Config, command: Coordinator) -> anyhow::Result<()> {
    match command {
        Coordinator::Add(role) => add(config, &role.centre, role.person()).await,
        Coordinator::Invite { centre, expires, bot_username } => {
            invite(config, &centre, expires, bot_username.as_deref()).await
        }
        Coordinator::List => list(config).await,
        Coordinator::Revoke(role) => revoke(config, &role.centre, role.person()).await,
    }
}

/// Reads "30m", "72h" or "7d" (at most 30 days).
pub fn parse_lifetime(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let (number, unit) = raw.split_at(raw.len().saturating_sub(1));
    let number: i64 = number.parse().map_err(|_| format!("{raw:?} is not like 30m, 72h or 7d"))?;
    let lifetime = match unit {
        "m" => Duration::minutes(number),
        "h" => Duration::hours(number),
        "d" => Duration::days(number),
        _ => return Err(format!("{raw:?} is not like 30m, 72h or 7d")),
    };
    if lifetime <= Duration::zero() || lifetime > Duration::days(30) {
        return Err("an invitation lasts from a minute to 30 days".into());
    }
    Ok(lifetime)
}

pub async fn invite(
    config: &Config,
    centre: &str,
    lifetime: Duration,
    bot_username: Option<&str>,
) -> anyhow::Result<()> {
    let expires_at = Utc::now() + lifetime;
    let code = config.with_store(async |store| Ok(store.invite_coordinator(centre, expires_at, None).await?)).await?;
    let Some(code) = code else {
        anyhow::bail!("no centre with id {centre:?}");
    };
    let payload = invite_payload(&code);
    println!("Invitation to coordinate {centre}, valid once until {} UTC:", expires_at.format("%Y-%m-%d %H:%M"));
    match BotLinks::new(bot_username, None).telegram(&payload) {
        Some(link) => println!("  Telegram: {link}"),
        None => println!("  Telegram: https://t.me/<bot username>?start={payload} (set TELEGRAM_BOT_USERNAME)"),
    }
    println!("  Viber or the terminal: send the bot  /start {payload}");
    Ok(())
}

pub async fn list(config: &Config) -> anyhow::Result<()> {
    let coordinators = config.with_store(async |store| Ok(store.coordinators().await?)).await?;
    if coordinators.is_empty() {
        println!("no coordinators");
    }
    for entry in coordinators {
        let named = named(&entry.person).replacen(' ', "\t", 1);
        println!("{}\t{named}\tsince {}", entry.centre, entry.added_at.format("%Y-%m-%d"));
    }
    Ok(())
}

/// Makes a person a coordinator of a centre.
pub async fn add(config: &Config, centre: &str, person: Person) -> anyhow::Result<()> {
    let added = config.with_store(async |store| Ok(store.add_coordinator(centre, &person).await?)).await?;
    if !added {
        anyhow::bail!("no centre with id {centre:?}");
    }
    println!("{} now coordinates centre {centre}; they open their groups with /coordinate", named(&person));
    Ok(())
}

pub async fn revoke(config: &Config, centre: &str, person: Person) -> anyhow::Result<()> {
    let revoked = config.with_store(async |store| Ok(store.revoke_coordinator(centre, &person).await?)).await?;
    if !revoked {
        anyhow::bail!("{} does not coordinate {centre:?}", named(&person));
    }
    println!("{} no longer coordinates {centre}", named(&person));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_are_minutes_hours_or_days_up_to_a_month() {
        assert_eq!(parse_lifetime("72h"), Ok(Duration::hours(72)));
        assert_eq!(parse_lifetime("30m"), Ok(Duration::minutes(30)));
        assert_eq!(parse_lifetime("7d"), Ok(Duration::days(7)));
        for bad in ["", "h", "72", "0h", "-1d", "31d", "1w", "1.5h"] {
            assert!(parse_lifetime(bad).is_err(), "{bad:?}");
        }
    }
}
