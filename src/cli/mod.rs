//! The command line (`clap`); every flag can also come from the environment.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::channel::console::Console;
use crate::channel::telegram::TelegramConfig;
use crate::channel::viber::ViberConfig;
use crate::cohort;
use crate::conversation::{Clock, User};
use crate::directory::centre_csv;
use crate::domain::Programme;
use crate::domain::{ChannelKind, Language};
use crate::i18n::Catalog;
use crate::opendata::export::Format;
use crate::server::{Application, ServeConfig};
use crate::startup::{self, Connected, Database, Running, ShutdownSignal};
use crate::store::{Person, PrivateCluster};
use crate::telemetry;

mod coordinators;
mod stats;

/// The command line. Not `Debug`: it holds tokens and the database URL.
#[derive(Parser)]
#[command(
    name = "resilience-bot",
    version,
    about = "Find the nearest Resilience Centre on Telegram, Viber and in the terminal"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Command,
}

/// Settings shared by every command.
#[derive(Args)]
pub struct Config {
    /// Postgres URL. Unset: a private cluster is run in DATA_DIR/postgres.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,
    /// Where the private Postgres cluster lives when DATABASE_URL is unset.
    #[arg(long, env = "DATA_DIR", global = true, default_value = "var")]
    pub data_dir: PathBuf,
    /// An operator's copy of data/hotlines.toml; the built-in copy otherwise.
    #[arg(long, env = "HOTLINES_FILE", global = true)]
    pub hotlines_file: Option<PathBuf>,
    /// Log lines as text, or as one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", global = true, value_enum, default_value = "text")]
    pub log_format: telemetry::LogFormat,
}

impl Config {
    fn database(&self) -> Database {
        match &self.database_url {
            Some(url) if !url.is_empty() => Database::Url(url.clone()),
            _ => Database::Private(self.data_dir.clone()),
        }
    }
}

/// What to do.
#[derive(Subcommand)]
pub enum Command {
    /// Run the bot on the configured channels.
    Serve(Box<ServeArgs>),
    /// Talk to the bot in the terminal (scriptable when stdin is not a terminal).
    Chat {
        /// The user id the conversation is stored under.
        #[arg(long, default_value = "local")]
        user: String,
        /// The language to talk in (remembered); Ukrainian for a new user by default.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Import data files.
    #[command(subcommand)]
    Import(Import),
    /// Export data files.
    #[command(subcommand)]
    Export(Export),
    /// Manage centre coordinators.
    #[command(subcommand)]
    Coordinator(Coordinator),
    /// Anonymous, aggregate statistics.
    #[command(subcommand)]
    Stats(Stats),
    /// Manage the private Postgres cluster used when DATABASE_URL is unset.
    #[command(subcommand)]
    Db(Db),
}

/// Aggregate statistics; cells under 10 are hidden.
#[derive(Debug, Subcommand)]
pub enum Stats {
    /// Wellbeing check-ins per week and oblast: count, mean score, share scoring 50 or less.
    Checkins {
        /// One oblast, by name ("Lviv", "Львівська") or KATOTTH code.
        #[arg(long)]
        oblast: Option<String>,
        /// How many weeks back, this week included.
        #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=520))]
        weeks: u32,
        /// Report as if today were this day (YYYY-MM-DD), for reproducible reports.
        #[arg(long, hide = true)]
        today: Option<chrono::NaiveDate>,
    },
}

/// Settings of `serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Where the HTTP server (webhooks, /healthz) listens.
    #[arg(long, env = "HTTP_ADDR", default_value = "127.0.0.1:8080")]
    pub http_addr: SocketAddr,
    /// The token from @BotFather; the Telegram channel runs when it is set.
    #[arg(long, env = "TELEGRAM_BOT_TOKEN", hide_env_values = true)]
    pub telegram_bot_token: Option<String>,
    /// The Bot API server (tests point it at a fake).
    #[arg(long, env = "TELEGRAM_API_URL", default_value = "https://api.telegram.org")]
    pub telegram_api_url: reqwest::Url,
    /// The public HTTPS URL of POST /telegram/webhook; long polling when unset.
    #[arg(long, env = "TELEGRAM_WEBHOOK_URL")]
    pub telegram_webhook_url: Option<reqwest::Url>,
    /// The secret Telegram sends with each webhook call (1–256 of A–Z a–z 0–9 _ -);
    /// derived from the token when unset, so that every replica agrees on it.
    #[arg(long, env = "TELEGRAM_WEBHOOK_SECRET", hide_env_values = true)]
    pub telegram_webhook_secret: Option<String>,
    /// The bot's token from the Viber admin panel; the Viber channel runs when it is set.
    #[arg(long, env = "VIBER_AUTH_TOKEN", hide_env_values = true)]
    pub viber_auth_token: Option<String>,
    /// The Viber REST API (tests point it at a fake).
    #[arg(long, env = "VIBER_API_URL", default_value = "https://chatapi.viber.com/pa/")]
    pub viber_api_url: reqwest::Url,
    /// The public HTTPS URL of POST /viber/webhook, registered at start-up.
    #[arg(long, env = "VIBER_WEBHOOK_URL")]
    pub viber_webhook_url: Option<reqwest::Url>,
    /// The sender name shown with the bot's messages (at most 28 characters).
    #[arg(long, env = "VIBER_BOT_NAME", default_value = "Центри життєстійкості")]
    pub viber_bot_name: String,
    /// Send broadcasts by Viber's broadcast_message (300 people a call), if
    /// Viber enabled it for the bot.
    #[arg(long, env = "VIBER_BROADCAST_MESSAGE")]
    pub viber_broadcast_message: bool,
    /// Start the bot's clock at this moment (RFC 3339) and let it run from
    /// there, for tests that need reminders to fall due.
    #[arg(long, hide = true)]
    pub clock_starts_at: Option<chrono::DateTime<chrono::Utc>>,
    #[command(flatten)]
    pub open_data: crate::opendata::OpenDataArgs,
}

impl ServeArgs {
    fn serve_config(&self) -> anyhow::Result<ServeConfig> {
        let telegram = match &self.telegram_bot_token {
            Some(token) if !token.is_empty() => Some(TelegramConfig::new(
                token.clone(),
                self.telegram_api_url.clone(),
                self.telegram_webhook_url.clone(),
                self.telegram_webhook_secret.clone(),
            )?),
            _ => None,
        };
        let viber = match &self.viber_auth_token {
            Some(token) if !token.is_empty() => Some(ViberConfig {
                token: token.clone(),
                api_url: self.viber_api_url.clone(),
                webhook_url: self.viber_webhook_url.clone(),
                bot_name: self.viber_bot_name.clone(),
                broadcast_message: self.viber_broadcast_message,
            }),
            _ => None,
        };
        Ok(ServeConfig { http_addr: self.http_addr, telegram, viber })
    }
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Upsert centres from a CSV file, all or nothing.
    Centres {
        file: PathBuf,
        /// Also remove centres that are not in the file.
        #[arg(long)]
        replace: bool,
    },
    /// Upsert groups (cohorts of programmes) from a CSV file, all or nothing.
    Groups { file: PathBuf },
}

/// Coordinator administration.
#[derive(Subcommand)]
pub enum Coordinator {
    /// Make a person a coordinator of a centre.
    Add {
        #[arg(long)]
        centre: String,
        #[arg(long, value_enum)]
        channel: ChannelArg,
        /// The person's id on that channel (Telegram chat id, Viber user id, terminal --user).
        #[arg(long)]
        user: String,
    },
    /// Print a one-time code (and a Telegram link) that makes whoever sends it a coordinator.
    Invite {
        #[arg(long)]
        centre: String,
        /// How long the code works: minutes (30m), hours (72h) or days (7d).
        #[arg(long, default_value = "72h", value_parser = coordinators::parse_lifetime)]
        expires: chrono::Duration,
        /// The bot's Telegram username, for the link.
        #[arg(long, env = "TELEGRAM_BOT_USERNAME")]
        bot_username: Option<String>,
    },
    /// List every coordinator by centre.
    List,
    /// Stop a person coordinating a centre.
    Revoke {
        #[arg(long)]
        centre: String,
        #[arg(long, value_enum)]
        channel: ChannelArg,
        #[arg(long)]
        user: String,
    },
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

#[derive(Debug, Subcommand)]
pub enum Export {
    /// Write every centre to stdout (or --output).
    Centres {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// A file (csv, geojson; stdout without it) or a directory (hsds; `hsds` without it).
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        publication: crate::opendata::PublicationArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum Db {
    /// Start the private cluster (if needed), leave it running, print its DATABASE_URL.
    Start,
    /// Stop the private cluster.
    Stop,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Uk,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    /// Open Referral HSDS 3.0 JSON, one file per endpoint of the open data API.
    Hsds,
    /// A GeoJSON FeatureCollection.
    Geojson,
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let quiet = matches!(cli.command, Command::Chat { .. } | Command::Db(_));
    telemetry::init(if quiet { "warn" } else { "info" }, cli.config.log_format);
    match cli.command {
        Command::Serve(args) => serve(&cli.config, &args).await,
        Command::Chat { user, lang } => chat(&cli.config, user, lang).await,
        Command::Import(Import::Centres { file, replace }) => import_centres(&cli.config, &file, replace).await,
        Command::Export(Export::Centres { format: ExportFormat::Csv, output, .. }) => {
            export_centres(&cli.config, output).await
        }
        Command::Export(Export::Centres { format, output, publication }) => {
            let format = if let ExportFormat::Hsds = format { Format::Hsds } else { Format::Geojson };
            crate::opendata::export::run(&cli.config.database(), format, output, &publication).await
        }
        Command::Import(Import::Groups { file }) => import_groups(&cli.config, &file).await,
        Command::Coordinator(Coordinator::Add { centre, channel, user }) => {
            add_coordinator(&cli.config, &centre, Person { channel: channel.into(), external_id: user }).await
        }
        Command::Coordinator(Coordinator::Invite { centre, expires, bot_username }) => {
            coordinators::invite(&cli.config, &centre, expires, bot_username.as_deref()).await
        }
        Command::Coordinator(Coordinator::List) => coordinators::list(&cli.config).await,
        Command::Coordinator(Coordinator::Revoke { centre, channel, user }) => {
            coordinators::revoke(&cli.config, &centre, Person { channel: channel.into(), external_id: user }).await
        }
        Command::Stats(Stats::Checkins { oblast, weeks, today }) => {
            stats::checkins(&cli.config, oblast.as_deref(), weeks, today).await
        }
        Command::Db(db) => manage_db(&cli.config, db).await,
    }
}

async fn serve(config: &Config, args: &ServeArgs) -> anyhow::Result<()> {
    let serve_config = args.serve_config()?;
    let hotlines = startup::hotlines(config.hotlines_file.as_ref())?;
    let catalog = Arc::new(Catalog::load()?);
    let mut shutdown = ShutdownSignal::install()?;
    let connected = Connected::connect(&config.database()).await?;
    let result = async {
        let clock = args.clock_starts_at.map_or(Clock::System, |at| Clock::Shifted(at - chrono::Utc::now()));
        let running = Running::start(&connected.store, hotlines, clock).await?;
        let app =
            Application::build(serve_config, connected.store.clone(), running.conversation.clone(), catalog.clone())
                .await?;
        let app = match args.open_data.config()? {
            Some(open_data) => app.with_routes(crate::opendata::router(open_data, running.directory.clone(), catalog)?),
            None => app,
        };
        tracing::info!(address = %app.local_addr()?, "HTTP server listening");
        app.run_until_stopped(async move { shutdown.recv().await }).await
    }
    .await;
    connected.shutdown().await?;
    result
}

async fn chat(config: &Config, user: String, lang: Option<LangArg>) -> anyhow::Result<()> {
    let hotlines = startup::hotlines(config.hotlines_file.as_ref())?;
    let catalog = Catalog::load()?;
    let mut shutdown = ShutdownSignal::install()?;
    let connected = Connected::connect(&config.database()).await?;
    let session = async {
        let running = Running::start(&connected.store, hotlines, Clock::System).await?;
        let chosen = lang.map(|lang| match lang {
            LangArg::Uk => Language::Uk,
            LangArg::En => Language::En,
        });
        if let Some(language) = chosen {
            connected.store.set_language(ChannelKind::Console, &user, language).await?;
        }
        let language = chosen.unwrap_or_default();
        let console = Console {
            conversation: &running.conversation,
            catalog: &catalog,
            user: User { channel: ChannelKind::Console, id: user, platform_language: Some(language.code().into()) },
            interactive: std::io::stdin().is_terminal(),
        };
        let stdin = tokio::io::BufReader::new(tokio::io::stdin());
        let mut stdout = std::io::stdout();
        let result = console.run(stdin, &mut stdout).await.context("terminal input/output failed");
        drop(running);
        result
    };
    // A signal during start-up or the session ends it; the cluster is stopped below either way.
    let result = tokio::select! {
        result = session => result,
        () = shutdown.recv() => Ok(()),
    };
    connected.shutdown().await?;
    result
}

async fn import_centres(config: &Config, file: &PathBuf, replace: bool) -> anyhow::Result<()> {
    let reader = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let today = Clock::System.kyiv_now().date();
    let centres = centre_csv::parse(std::io::BufReader::new(reader), today)?;
    let connected = Connected::connect(&config.database()).await?;
    let result = connected.store.import_centres(&centres, replace).await;
    connected.shutdown().await?;
    let summary = result?;
    println!(
        "imported {}: {} added, {} updated, {} unchanged, {} removed",
        file.display(),
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.removed
    );
    Ok(())
}

async fn import_groups(config: &Config, file: &PathBuf) -> anyhow::Result<()> {
    let reader = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let programmes = Programme::built_in()?;
    let connected = Connected::connect(&config.database()).await?;
    let result = async {
        let centres: HashSet<String> = connected.store.centres().await?.into_iter().map(|c| c.id.to_string()).collect();
        let programme_ids: HashSet<String> = programmes.iter().map(|p| p.id.clone()).collect();
        let known = cohort::csv::Known { programmes: &programme_ids, centres: &centres, now: chrono::Utc::now() };
        let rows = cohort::csv::parse(std::io::BufReader::new(reader), known)?;
        let summary = connected.store.import_cohorts(&programmes, &rows).await?;
        anyhow::Ok(summary)
    }
    .await;
    connected.shutdown().await?;
    let summary = result?;
    println!(
        "imported {}: {} added, {} updated, {} moved off waiting lists",
        file.display(),
        summary.added,
        summary.updated,
        summary.promoted.len()
    );
    Ok(())
}

async fn add_coordinator(config: &Config, centre: &str, person: Person) -> anyhow::Result<()> {
    let connected = Connected::connect(&config.database()).await?;
    let added = connected.store.add_coordinator(centre, &person).await;
    connected.shutdown().await?;
    if !added? {
        anyhow::bail!("no centre with id {centre:?}");
    }
    println!(
        "{} {} now coordinates centre {centre}; they open their groups with /coordinate",
        person.channel.as_str(),
        person.external_id
    );
    Ok(())
}

async fn export_centres(config: &Config, output: Option<PathBuf>) -> anyhow::Result<()> {
    let connected = Connected::connect(&config.database()).await?;
    let centres = connected.store.centres().await;
    connected.shutdown().await?;
    let centres = centres?;
    match output {
        Some(path) => {
            let file = std::fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            centre_csv::write(file, &centres)?;
        }
        None => centre_csv::write(std::io::stdout().lock(), &centres)?,
    }
    Ok(())
}

async fn manage_db(config: &Config, db: Db) -> anyhow::Result<()> {
    let cluster = PrivateCluster::start(&config.data_dir).await?;
    match db {
        Db::Start => {
            println!("{}", cluster.url());
            cluster.detach();
        }
        Db::Stop => cluster.stop_server().await?,
    }
    Ok(())
}
