//! `resilience-bot serve`: the HTTP server (webhooks, health, metrics) and
//! every configured channel, run until a shutdown signal; then it stops
//! taking work, finishes what is in flight (bounded) and returns.
//!
//! Slow clients are bounded: headers must arrive within
//! [`listen::HEADER_TIMEOUT`], a webhook's body within [`BODY_TIMEOUT`] and
//! [`MAX_BODY_BYTES`], and only then does it take one of the
//! [`MAX_REQUESTS_IN_FLIGHT`] permits (see `channel::gate`).

mod health;
pub mod listen;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::channel::gate::Gate;
use crate::channel::telegram::{self, Telegram, TelegramConfig};
use crate::channel::viber::{self, Viber, ViberConfig};
use crate::conversation::{Conversation, NoticeSender};
use crate::domain::ChannelKind;
use crate::i18n::Catalog;
use crate::store::Store;

/// The largest request body any route accepts: Telegram updates and Viber
/// callbacks are a few kilobytes (a 4,096-character message with its
/// entities stays far below this).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How long a webhook's body may take to arrive once its headers have.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// Requests handled at once; more get 503 at once (the platforms deliver
/// them again), so a surge cannot pile up memory behind a slow database.
pub const MAX_REQUESTS_IN_FLIGHT: usize = 512;

/// How many messages a channel's outbox holds (queued or being sent).
type Depth = (ChannelKind, Box<dyn Fn() -> usize + Send + Sync>);

/// What `serve` runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub http_addr: SocketAddr,
    pub telegram: Option<TelegramConfig>,
    pub viber: Option<ViberConfig>,
}

/// A bound, ready-to-run server; `local_addr` tells tests the port.
pub struct Application {
    listener: TcpListener,
    router: Router,
    store: Store,
    conversation: Conversation,
    telegram: Option<(Telegram, TelegramConfig)>,
    viber: Option<(Viber, ViberConfig)>,
    outboxes: Arc<Vec<Depth>>,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application").finish_non_exhaustive()
    }
}

impl Application {
    /// Binds the HTTP server and prepares the channels; nothing runs yet.
    pub async fn build(
        config: ServeConfig,
        store: Store,
        conversation: Conversation,
        catalog: Arc<Catalog>,
    ) -> anyhow::Result<Self> {
        if config.telegram.is_none() && config.viber.is_none() {
            anyhow::bail!("no channel is configured: set TELEGRAM_BOT_TOKEN or VIBER_AUTH_TOKEN");
        }
        let listener = TcpListener::bind(config.http_addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.http_addr))?;
        let mut router = Router::new();
        let mut outboxes: Vec<Depth> = Vec::new();
        // Only the webhooks are gated: probes and scrapes must keep
        // answering in a surge, or a busy replica looks dead.
        let gate = Gate::new(MAX_REQUESTS_IN_FLIGHT, MAX_BODY_BYTES, BODY_TIMEOUT);
        let telegram = config.telegram.map(|telegram_config| {
            let telegram = Telegram::new(&telegram_config, conversation.clone(), store.clone(), catalog.clone());
            if telegram_config.webhook_url.is_some() {
                let secret = telegram_config.webhook_secret.clone();
                router = router.clone().merge(telegram::webhook::router(telegram.clone(), secret, gate.clone()));
            }
            let sender = telegram.sender.clone();
            outboxes.push((ChannelKind::Telegram, Box::new(move || sender.depth())));
            (telegram, telegram_config)
        });
        let viber = match config.viber {
            Some(viber_config) => {
                let viber = Viber::new(&viber_config, conversation.clone(), store.clone(), catalog.clone())
                    .context("cannot build the Viber client")?;
                router = router.merge(viber::webhook::router(viber.clone(), gate.clone()));
                let outbox = viber.outbox().clone();
                outboxes.push((ChannelKind::Viber, Box::new(move || outbox.depth())));
                Some((viber, viber_config))
            }
            None => None,
        };
        let outboxes = Arc::new(outboxes);
        let observed = Observed {
            conversation: conversation.clone(),
            store: store.clone(),
            outboxes: outboxes.clone(),
            health: health::HealthCheck::default(),
        };
        let router = router
            .merge(
                Router::new()
                    .route("/healthz", get(health))
                    .route("/livez", get(|| async { StatusCode::OK }))
                    .route("/metrics", get(metrics))
                    .with_state(observed),
            )
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
        Ok(Self { listener, router, store, conversation, telegram, viber, outboxes })
    }

    /// Adds routes that need none of the channels (the open data API).
    pub fn with_routes(mut self, routes: Router) -> Self {
        self.router = self.router.merge(routes);
        self
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Runs until `shutdown` resolves, then stops taking work and returns.
    /// The server answers before the webhooks are registered: Viber checks
    /// its webhook by calling it while `set_webhook` is in flight.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let server = tokio::spawn(listen::serve(self.listener, self.router, listen::HEADER_TIMEOUT, stop_rx.clone()));
        let signal = tokio::spawn(async move {
            shutdown.await;
            let _ = stop_tx.send(true);
        });
        let mut tasks = JoinSet::new();
        let outboxes = self.outboxes.clone();
        let mut senders: Vec<Arc<dyn NoticeSender>> = Vec::new();
        if let Some((telegram, _)) = &self.telegram {
            senders.push(Arc::new(telegram.clone()));
        }
        if let Some((viber, _)) = &self.viber {
            senders.push(Arc::new(viber.clone()));
        }
        let started = start_channels(self.telegram, self.viber, &mut tasks, &stop_rx).await;
        // The worker stops when the server has (however it stopped).
        let (worker_stop, worker_stopped) = watch::channel(false);
        let notices = tokio::spawn(send_notices(self.conversation.clone(), senders, worker_stopped));
        tasks.spawn(prune_deliveries(self.store.clone(), stop_rx.clone()));
        if started.is_ok() {
            tracing::info!("serving");
        } else {
            signal.abort();
        }
        let served = match started {
            // A channel that cannot start stops the server: better to fail loudly at start-up.
            Err(error) => {
                server.abort();
                Err(error)
            }
            Ok(()) => wait_for_server(server, stop_rx.clone()).await,
        };
        signal.abort();
        // The notice and broadcast worker finishes the round in hand (it
        // marks what went out), so a restart does not send it again; polling
        // finishes the batch in hand. A stop mid-way loses nothing either:
        // unmarked notices and unconfirmed updates come again.
        let _ = worker_stop.send(true);
        let mut notices = notices;
        let finished = tokio::time::timeout(DRAIN_TIMEOUT, async {
            let _ = (&mut notices).await;
            while tasks.join_next().await.is_some() {}
        });
        if finished.await.is_err() {
            tracing::warn!("stopping the workers mid-round");
        }
        notices.abort();
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
        drain(&outboxes).await;
        tracing::info!("stopped");
        served
    }
}

/// How long a shutdown waits for queued replies to go out.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Waits for the HTTP server, which after the stop signal finishes the
/// requests in flight, for at most `DRAIN_TIMEOUT` from the signal.
async fn wait_for_server(
    mut server: tokio::task::JoinHandle<std::io::Result<()>>,
    mut stopped: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    tokio::select! {
        joined = &mut server => return joined.context("the HTTP server task failed")?.context("the HTTP server failed"),
        _ = stopped.wait_for(|stop| *stop) => {}
    }
    match tokio::time::timeout(DRAIN_TIMEOUT, &mut server).await {
        Ok(joined) => joined.context("the HTTP server task failed")?.context("the HTTP server failed"),
        Err(_) => {
            tracing::warn!("requests still in flight after the grace period");
            server.abort();
            Ok(())
        }
    }
}

/// Waits (bounded) until every queued reply is sent: an update is marked
/// applied when it commits, so a reply dropped here would never be resent.
async fn drain(outboxes: &[Depth]) {
    let deadline = tokio::time::Instant::now() + DRAIN_TIMEOUT;
    while outboxes.iter().any(|(_, depth)| depth() > 0) {
        if tokio::time::Instant::now() >= deadline {
            tracing::warn!("shutting down with replies still queued");
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Registers the webhooks and starts polling, as configured.
async fn start_channels(
    telegram: Option<(Telegram, TelegramConfig)>,
    viber: Option<(Viber, ViberConfig)>,
    tasks: &mut JoinSet<()>,
    stop: &watch::Receiver<bool>,
) -> anyhow::Result<()> {
    if let Some((telegram, config)) = telegram {
        telegram.register_commands().await;
        match &config.webhook_url {
            Some(url) => {
                telegram::webhook::register(&telegram, url.clone(), &config.webhook_secret)
                    .await
                    .context("cannot register the Telegram webhook")?;
                tracing::info!("Telegram: webhook registered");
            }
            None => {
                tracing::info!("Telegram: long polling");
                tasks.spawn(telegram::poll(telegram, stop.clone()));
            }
        }
    }
    if let Some((viber, config)) = viber {
        match &config.webhook_url {
            Some(url) => {
                viber.client().set_webhook(url).await.context("cannot register the Viber webhook")?;
                tracing::info!("Viber: webhook registered");
            }
            None => tracing::warn!("Viber: VIBER_WEBHOOK_URL is unset; expecting a webhook registered before"),
        }
    }
    Ok(())
}

/// What `/healthz` and `/metrics` read.
#[derive(Clone)]
struct Observed {
    conversation: Conversation,
    store: Store,
    outboxes: Arc<Vec<Depth>>,
    health: health::HealthCheck,
}

/// 200 while the database answers, 503 during an outage (while the bot
/// still answers from memory: load balancers should route by `/livez`).
async fn health(State(observed): State<Observed>) -> StatusCode {
    if observed.health.database_up(&observed.store).await { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }
}

/// Prometheus text format.
async fn metrics(State(observed): State<Observed>) -> Response {
    let queued: Vec<(ChannelKind, usize)> =
        observed.outboxes.iter().map(|(channel, depth)| (*channel, depth())).collect();
    let metrics = observed.conversation.metrics();
    let pool = observed.store.pool();
    let connections = crate::metrics::Connections {
        open: pool.size(),
        idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
        max: pool.options().get_max_connections(),
    };
    metrics.observe_state(&queued, connections, observed.store.seems_up());
    let content_type = HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8");
    ([(header::CONTENT_TYPE, content_type)], metrics.render()).into_response()
}

/// Forgets old delivery ids, sent notices, finished broadcasts, closed
/// reports, the sign-ups of long-ended groups and people inactive for a
/// year once an hour (see the README's privacy section for how long each
/// is kept).
async fn prune_deliveries(store: Store, mut stop: watch::Receiver<bool>) {
    loop {
        match store.prune_deliveries().await {
            Ok(pruned) if pruned > 0 => tracing::info!(pruned, "pruned old delivery ids"),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot prune delivery ids"),
        }
        let pruned = tokio::try_join!(
            store.prune_notices(),
            store.prune_broadcasts(),
            store.prune_reports(),
            store.prune_signups(chrono::Utc::now())
        );
        match pruned {
            Ok((notices, broadcasts, reports, signups)) if notices + broadcasts + reports + signups > 0 => {
                tracing::info!(
                    notices,
                    broadcasts,
                    reports,
                    signups,
                    "pruned old notices, broadcasts, reports and sign-ups"
                );
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot prune notices, broadcasts, reports or sign-ups"),
        }
        let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
        match store.prune_people(today, crate::store::week_of(today)).await {
            Ok((people, weeks)) if people + weeks > 0 => {
                tracing::info!(people, weeks, "pruned people inactive for a year and past check-in weeks");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot prune inactive people"),
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(3600)) => {}
            _ = stop.wait_for(|stop| *stop) => return,
        }
    }
}

/// How often the notice worker looks for reminders and notices when idle.
const NOTICE_INTERVAL: Duration = Duration::from_secs(2);

/// Queues due reminders, sends notices and works broadcasts, in every
/// replica: the database hands each notice and delivery to one of them
/// (see `store::notice` and `store::broadcast`).
async fn send_notices(
    conversation: Conversation,
    senders: Vec<Arc<dyn NoticeSender>>,
    mut stop: watch::Receiver<bool>,
) {
    let borrowed: Vec<&dyn NoticeSender> = senders.iter().map(|s| s.as_ref()).collect();
    loop {
        if *stop.borrow() {
            return;
        }
        let mut busy = false;
        if let Err(error) = conversation.schedule_reminders().await {
            tracing::warn!(%error, "cannot schedule reminders");
        }
        match conversation.deliver_notices(&borrowed, None).await {
            Ok(handled) => busy = handled > 0,
            Err(error) => tracing::warn!(%error, "cannot send notices"),
        }
        match conversation.run_broadcasts(&senders).await {
            Ok(handled) => busy |= handled > 0,
            Err(error) => tracing::warn!(%error, "cannot send broadcasts"),
        }
        if busy {
            continue;
        }
        tokio::select! {
            () = tokio::time::sleep(NOTICE_INTERVAL) => {}
            _ = stop.wait_for(|stop| *stop) => return,
        }
    }
}
