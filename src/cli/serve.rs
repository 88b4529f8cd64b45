//! `resilience-bot serve`: its settings (one block per channel) and running
//! the bot until a signal stops it.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;

use super::Config;
use crate::channel::telegram::paid::PaidRate;
use crate::channel::telegram::{MIN_SECRET_CHARS, TelegramConfig};
use crate::channel::viber::ViberConfig;
use crate::conversation::Clock;
use crate::i18n::Catalog;
use crate::server::{Application, ServeConfig};
use crate::startup::{Running, ShutdownSignal};

/// Settings of `serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Where the HTTP server (webhooks, /healthz) listens.
    #[arg(long, env = "HTTP_ADDR", default_value = "127.0.0.1:8080")]
    pub http_addr: SocketAddr,
    #[command(flatten)]
    pub telegram: TelegramArgs,
    #[command(flatten)]
    pub viber: ViberArgs,
    /// Start the bot's clock at this moment (RFC 3339) and let it run from
    /// there, for tests that need reminders to fall due.
    #[arg(long, hide = true)]
    pub clock_starts_at: Option<chrono::DateTime<chrono::Utc>>,
    #[command(flatten)]
    pub open_data: crate::opendata::OpenDataArgs,
    /// Where the operator desk listens (its own listener, apart from the
    /// webhooks'), or `off`.
    #[arg(long, env = "DESK_ADDR", default_value = "127.0.0.1:8081", value_parser = parse_desk_addr)]
    pub desk_addr: DeskAddr,
    #[command(flatten)]
    pub desk: super::DeskUrl,
    /// A Nominatim-compatible geocoder: the desk's import then offers to
    /// geocode rows without coordinates (as `import centres --geocode`).
    #[arg(long, env = "GEOCODER_URL")]
    pub geocoder_url: Option<reqwest::Url>,
    /// The bot's Telegram username, for the desk's invitation and poster links.
    #[arg(long, env = "TELEGRAM_BOT_USERNAME")]
    pub telegram_bot_username: Option<String>,
    /// The Viber bot's chat URI, for the desk's invitation and poster links.
    #[arg(long, env = "VIBER_CHAT_URI")]
    pub viber_chat_uri: Option<String>,
}

/// `DESK_ADDR`: an address, or `off`.
#[derive(Debug, Clone, Copy)]
pub enum DeskAddr {
    On(SocketAddr),
    Off,
}

fn parse_desk_addr(raw: &str) -> Result<DeskAddr, String> {
    match raw.trim() {
        "off" => Ok(DeskAddr::Off),
        addr => addr.parse().map(DeskAddr::On).map_err(|_| format!("{addr:?} is not like 127.0.0.1:8081 or off")),
    }
}

/// The Telegram channel's settings; it runs when the token is set.
#[derive(Args)]
pub struct TelegramArgs {
    /// The token from @BotFather; the Telegram channel runs when it is set.
    #[arg(long, env = "TELEGRAM_BOT_TOKEN", hide_env_values = true)]
    pub telegram_bot_token: Option<String>,
    /// The Bot API server (tests point it at a fake).
    #[arg(long, env = "TELEGRAM_API_URL", default_value = "https://api.telegram.org")]
    pub telegram_api_url: reqwest::Url,
    /// The public HTTPS URL of POST /telegram/webhook; long polling when unset.
    #[arg(long, env = "TELEGRAM_WEBHOOK_URL")]
    pub telegram_webhook_url: Option<reqwest::Url>,
    /// The secret Telegram sends with each webhook call (16–256 of A–Z a–z 0–9 _ -);
    /// derived from the token when unset, so that every replica agrees on it.
    #[arg(long, env = "TELEGRAM_WEBHOOK_SECRET", hide_env_values = true)]
    pub telegram_webhook_secret: Option<String>,
    /// Paid messages a second (`allow_paid_broadcast`, billed in Stars) for
    /// replies when the free 30 a second would keep people waiting over 10 s;
    /// unset: never paid.
    #[arg(long, env = "TELEGRAM_PAID_RATE", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub telegram_paid_rate: Option<u32>,
    /// The most paid messages in a day; required with TELEGRAM_PAID_RATE.
    #[arg(long, env = "TELEGRAM_PAID_DAILY_LIMIT", requires = "telegram_paid_rate")]
    pub telegram_paid_daily_limit: Option<u32>,
}

/// The Viber channel's settings; it runs when the token is set.
#[derive(Args)]
pub struct ViberArgs {
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
}

impl TelegramArgs {
    /// The channel's configuration, or `None` without a token.
    fn paid(&self) -> anyhow::Result<Option<PaidRate>> {
        match (self.telegram_paid_rate, self.telegram_paid_daily_limit) {
            (None, _) => Ok(None),
            (Some(per_second), Some(daily_limit)) => Ok(Some(PaidRate { per_second, daily_limit })),
            (Some(_), None) => {
                anyhow::bail!("TELEGRAM_PAID_RATE needs TELEGRAM_PAID_DAILY_LIMIT: paid messages cost Stars")
            }
        }
    }

    fn config(&self) -> anyhow::Result<Option<TelegramConfig>> {
        Ok(match &self.telegram_bot_token {
            Some(token) if !token.is_empty() => Some(
                TelegramConfig::new(
                    token.clone(),
                    self.telegram_api_url.clone(),
                    self.telegram_webhook_url.clone(),
                    self.telegram_webhook_secret.clone(),
                )?
                .with_paid(self.paid()?),
            ),
            _ => None,
        })
    }
}

impl ViberArgs {
    /// The channel's configuration, or `None` without a token. The token
    /// keys the callbacks' signatures, so a short one (a placeholder left in
    /// a deployment file) is refused like a short webhook secret.
    fn config(&self) -> anyhow::Result<Option<ViberConfig>> {
        Ok(match &self.viber_auth_token {
            Some(token) if !token.is_empty() => {
                if token.chars().count() < MIN_SECRET_CHARS {
                    anyhow::bail!("VIBER_AUTH_TOKEN must be at least {MIN_SECRET_CHARS} characters (Viber's are 50)");
                }
                Some(ViberConfig {
                    token: token.clone(),
                    api_url: self.viber_api_url.clone(),
                    webhook_url: self.viber_webhook_url.clone(),
                    bot_name: self.viber_bot_name.clone(),
                    broadcast_message: self.viber_broadcast_message,
                })
            }
            _ => None,
        })
    }
}

impl ServeArgs {
    fn serve_config(&self) -> anyhow::Result<ServeConfig> {
        Ok(ServeConfig { http_addr: self.http_addr, telegram: self.telegram.config()?, viber: self.viber.config()? })
    }
}

/// Runs the bot on the configured channels until SIGINT or SIGTERM.
pub async fn serve(config: &Config, args: &ServeArgs) -> anyhow::Result<()> {
    let serve_config = args.serve_config()?;
    let safety = config.safety()?;
    let catalog = Arc::new(Catalog::load()?);
    let mut shutdown = ShutdownSignal::install()?;
    config
        .with_store(async |store| {
            let clock = args.clock_starts_at.map_or(Clock::System, |at| Clock::Shifted(at - chrono::Utc::now()));
            let running = Running::start(store, safety, clock).await?;
            let desk_on = matches!(args.desk_addr, DeskAddr::On(_));
            let conversation =
                running.conversation.clone().with_desk_url(desk_on.then(|| args.desk.desk_url.to_string()));
            let app = Application::build(serve_config, store.clone(), conversation, catalog.clone()).await?;
            let app = match args.open_data.config()? {
                Some(open_data) => {
                    app.with_routes(crate::opendata::router(open_data, running.directory.clone(), catalog)?)
                }
                None => app,
            };
            tracing::info!(address = %app.local_addr()?, "HTTP server listening");
            let (stop_desk, desk_stopped) = tokio::sync::watch::channel(false);
            let desk = start_desk(args, store, running.directory.clone(), desk_stopped).await?;
            let served = app
                .run_until_stopped(async move {
                    shutdown.recv().await;
                })
                .await;
            // The check-ins held in memory are written before the pool closes.
            running.conversation.flush_checkins().await;
            let _ = stop_desk.send(true);
            if let Some(desk) = desk {
                match tokio::time::timeout(std::time::Duration::from_secs(10), desk).await {
                    Ok(Ok(Err(error))) => tracing::warn!(%error, "the desk failed"),
                    Ok(_) => {}
                    Err(_) => tracing::warn!("the desk did not stop in time"),
                }
            }
            served
        })
        .await
}

/// Binds and starts the operator desk unless `DESK_ADDR` is `off`; it stops
/// when `stop` turns true.
async fn start_desk(
    args: &ServeArgs,
    store: &crate::store::Store,
    directory: crate::directory::SharedDirectory,
    stop: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<Option<tokio::task::JoinHandle<std::io::Result<()>>>> {
    let DeskAddr::On(addr) = args.desk_addr else { return Ok(None) };
    let listener =
        tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr} (DESK_ADDR)"))?;
    let links = crate::domain::BotLinks::new(args.telegram_bot_username.as_deref(), args.viber_chat_uri.as_deref());
    let config = crate::desk::DeskConfig { url: args.desk.desk_url.clone(), links };
    if config.url.scheme() == "http" && crate::desk::cookie_is_secure(&config.url) {
        tracing::warn!("DESK_URL is plain http on another host: browsers will not send the desk's Secure cookie");
    }
    let mut state =
        crate::desk::DeskState::new(store.clone(), Arc::new(Catalog::load_desk()?), &config).with_directory(directory);
    if let Some(open_data) = args.open_data.config()? {
        state = state.with_publication(open_data.publication);
    }
    if let Some(url) = &args.geocoder_url {
        let geocoder = crate::import::geocoder::Geocoder::new(url).context("GEOCODER_URL")?;
        state = state.with_geocoder(geocoder);
    }
    tracing::info!(address = %listener.local_addr()?, "operator desk listening");
    // The webhooks' accept loop: a client must send its headers in time.
    let router = crate::desk::router(state);
    Ok(Some(tokio::spawn(crate::server::listen::serve(listener, router, crate::server::listen::HEADER_TIMEOUT, stop))))
}
