//! The command line (`clap`): the commands and the dispatch to their
//! handlers; every flag can also come from the environment. `serve` and
//! `chat` live in their own files, coordinators' and statistics' commands
//! too, and the settings every command shares in `config`.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::cohort;
use crate::directory::centre_csv;
use crate::domain::{ImportOptions, Programme};
use crate::opendata::export::Format;
use crate::store::PrivateCluster;
use crate::telemetry;

mod chat;
mod config;
mod coordinators;
mod import;
mod operator;
mod serve;
mod stats;

pub use chat::LangArg;
pub use config::Config;
pub use coordinators::{ChannelArg, Coordinator, Role};
pub use operator::{Desk, DeskUrl, Operator, Who};
pub use serve::{ServeArgs, TelegramArgs, ViberArgs};

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
        #[command(flatten)]
        desk: DeskUrl,
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
    /// Manage the operators of the desk.
    #[command(subcommand)]
    Operator(Operator),
    /// The operator desk's sign-in links.
    #[command(subcommand)]
    Desk(Desk),
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

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Upsert centres from a .csv or .xlsx file, all or nothing.
    Centres {
        file: PathBuf,
        /// Also remove centres that are not in the file.
        #[arg(long)]
        replace: bool,
        /// Print what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Take the file's value even where a coordinator changed the field since.
        #[arg(long)]
        overwrite_edits: bool,
        /// Ask GEOCODER_URL for the addresses of rows without coordinates.
        #[arg(long)]
        geocode: bool,
        /// A Nominatim-compatible geocoder (its /search is asked, one request a second).
        #[arg(long, env = "GEOCODER_URL")]
        geocoder_url: Option<reqwest::Url>,
    },
    /// Upsert groups (cohorts of programmes) from a CSV file, all or nothing.
    Groups { file: PathBuf },
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
    let terminal = matches!(cli.command, Command::Chat { .. });
    telemetry::init(if quiet { "warn" } else { "info" }, cli.config.log_format, terminal);
    match cli.command {
        Command::Serve(args) => serve::serve(&cli.config, &args).await,
        Command::Chat { user, lang, desk } => chat::chat(&cli.config, user, lang, &desk).await,
        Command::Import(Import::Centres { file, replace, dry_run, overwrite_edits, geocode, geocoder_url }) => {
            let options = ImportOptions { replace, overwrite_edits, dry_run };
            import::centres(&cli.config, &file, options, geocode.then_some(geocoder_url)).await
        }
        Command::Export(Export::Centres { format: ExportFormat::Csv, output, .. }) => {
            export_centres(&cli.config, output).await
        }
        Command::Export(Export::Centres { format, output, publication }) => {
            let format = if let ExportFormat::Hsds = format { Format::Hsds } else { Format::Geojson };
            crate::opendata::export::run(&cli.config.database(), format, output, &publication).await
        }
        Command::Import(Import::Groups { file }) => import_groups(&cli.config, &file).await,
        Command::Coordinator(command) => coordinators::run(&cli.config, command).await,
        Command::Operator(command) => operator::run(&cli.config, command).await,
        Command::Desk(command) => operator::desk(&cli.config, command).await,
        Command::Stats(Stats::Checkins { oblast, weeks, today }) => {
            stats::checkins(&cli.config, oblast.as_deref(), weeks, today).await
        }
        Command::Db(db) => manage_db(&cli.config, db).await,
    }
}

async fn import_groups(config: &Config, file: &PathBuf) -> anyhow::Result<()> {
    let reader = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let programmes = Programme::built_in()?;
    let summary = config
        .with_store(async |store| {
            let centres: HashSet<String> = store.centres().await?.into_iter().map(|c| c.id.to_string()).collect();
            let programme_ids: HashSet<String> = programmes.iter().map(|p| p.id.clone()).collect();
            let known = cohort::csv::Known { programmes: &programme_ids, centres: &centres, now: chrono::Utc::now() };
            let rows = cohort::csv::parse(std::io::BufReader::new(reader), known)?;
            Ok(store.import_cohorts(&programmes, &rows).await?)
        })
        .await?;
    println!(
        "imported {}: {} added, {} updated, {} moved off waiting lists",
        file.display(),
        summary.added,
        summary.updated,
        summary.promoted.len()
    );
    Ok(())
}

async fn export_centres(config: &Config, output: Option<PathBuf>) -> anyhow::Result<()> {
    let centres = config.with_store(async |store| Ok(store.centres().await?)).await?;
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
