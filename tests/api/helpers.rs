use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use resilience_bot::channel::render::plain_text;
use resilience_bot::conversation::{Action, Clock, Conversation, Incoming, NoticeSender, Outgoing, Sent, User};
use resilience_bot::directory::{Directory, Gazetteer, SharedDirectory, centre_csv};
use resilience_bot::domain::{Centre, ChannelKind, Hotlines, Language, Programme};
use resilience_bot::i18n::Catalog;
use resilience_bot::store::Store;
use sqlx::PgPool;

pub const SAMPLE_CSV: &str = include_str!("../../data/centres.sample.csv");

/// Monday 23 November 2026, 12:00 in Kyiv (10:00 UTC): centres open 9–18 are open.
pub fn monday_noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// Saturday 28 November 2026, 12:00 in Kyiv.
pub fn saturday_noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
}

pub fn sample_centres() -> Vec<Centre> {
    let today = monday_noon().date_naive();
    centre_csv::parse(SAMPLE_CSV.as_bytes(), today).unwrap().into_iter().map(|i| i.centre).collect()
}

/// The bot on a fresh database holding the sample directory.
pub struct TestApp {
    pub store: Store,
    pub conversation: Conversation,
    pub directory: SharedDirectory,
    pub catalog: Catalog,
    gazetteer: Arc<Gazetteer>,
}

/// One reply as a person sees it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub text: String,
    pub buttons: Vec<(String, Action)>,
    pub venue: Option<(f64, f64, String)>,
    pub ask_location: bool,
    /// A CSV file, as text.
    pub document: Option<String>,
    /// Sent in one message with the next reply (a new person's welcome).
    pub leads: bool,
}

/// Everything sent back for one message.
#[derive(Debug, Clone)]
pub struct Answer {
    pub language: Language,
    pub replies: Vec<Seen>,
}

impl Answer {
    /// The text of the last reply (a person's first message is answered after
    /// a welcome, which is the first reply then).
    pub fn text(&self) -> String {
        self.last().text.clone()
    }

    pub fn last(&self) -> &Seen {
        self.replies.last().expect("at least one reply")
    }

    /// The action of the last reply's button whose label contains `label`.
    pub fn button(&self, label: &str) -> Action {
        let buttons = &self.last().buttons;
        buttons
            .iter()
            .find(|(l, _)| l.contains(label))
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| panic!("no button {label:?} in {buttons:?}"))
    }

    pub fn has_button(&self, action: &Action) -> bool {
        self.replies.iter().any(|r| r.buttons.iter().any(|(_, a)| a == action))
    }
}

impl TestApp {
    pub async fn new(pool: PgPool) -> Self {
        Self::at(pool, monday_noon()).await
    }

    pub async fn at(pool: PgPool, now: DateTime<Utc>) -> Self {
        let store = Store::from_pool(pool).await.unwrap();
        let imported = centre_csv::parse(SAMPLE_CSV.as_bytes(), now.date_naive()).unwrap();
        store.import_centres(&imported, false).await.unwrap();
        let directory = SharedDirectory::new(Directory::new(store.centres().await.unwrap()));
        let gazetteer = Arc::new(Gazetteer::built_in().unwrap());
        let conversation = Conversation::new(
            store.clone(),
            directory.clone(),
            gazetteer.clone(),
            Arc::new(Hotlines::built_in().unwrap()),
            Arc::new(Programme::built_in().unwrap()),
            Clock::Fixed(now),
        );
        Self { store, conversation, directory, catalog: Catalog::load().unwrap(), gazetteer }
    }

    /// The same database and directory as if the process had restarted.
    pub fn restarted(&self, now: DateTime<Utc>) -> Conversation {
        Conversation::new(
            self.store.clone(),
            self.directory.clone(),
            self.gazetteer.clone(),
            Arc::new(Hotlines::built_in().unwrap()),
            Arc::new(Programme::built_in().unwrap()),
            Clock::Fixed(now),
        )
    }

    pub async fn send(&self, user: &str, language: Language, incoming: Incoming) -> Answer {
        self.send_to(&self.conversation, user, language, incoming).await
    }

    pub async fn send_to(
        &self,
        conversation: &Conversation,
        user: &str,
        language: Language,
        incoming: Incoming,
    ) -> Answer {
        let user = User {
            channel: ChannelKind::Console,
            id: user.to_owned(),
            platform_language: Some(language.code().to_owned()),
        };
        let outgoing = conversation.handle(&user, incoming).await.unwrap();
        self.render(&outgoing)
    }

    pub async fn say(&self, user: &str, language: Language, text: &str) -> Answer {
        self.send(user, language, Incoming::from_text(text)).await
    }

    pub async fn press(&self, user: &str, language: Language, action: &Action) -> Answer {
        self.send(user, language, Incoming::Button(action.encode())).await
    }

    pub async fn location(&self, user: &str, language: Language, lat: f64, lon: f64) -> Answer {
        self.send(user, language, Incoming::Location { lat, lon }).await
    }

    pub fn render(&self, outgoing: &Outgoing) -> Answer {
        let language = outgoing.language;
        let replies = outgoing
            .replies
            .iter()
            .map(|reply| {
                // try_render panics the test on a missing id or argument, where
                // the channels' render would show a placeholder.
                for text in reply.paragraphs.iter().flatten() {
                    self.catalog.try_render(language, text).unwrap();
                }
                let text = plain_text(&self.catalog, language, reply);
                let buttons = reply
                    .buttons
                    .iter()
                    .map(|b| {
                        self.catalog.try_render(language, &b.label).unwrap();
                        (self.catalog.render_label(language, &b.label), b.action.clone())
                    })
                    .collect();
                let venue = reply.venue.as_ref().map(|v| (v.location.lat(), v.location.lon(), v.title.clone()));
                let document = reply.document.as_ref().map(|d| {
                    String::from_utf8(resilience_bot::channel::render::csv(&self.catalog, language, d)).unwrap()
                });
                Seen { text, buttons, venue, ask_location: reply.ask_location, document, leads: reply.leads }
            })
            .collect();
        Answer { language, replies }
    }

    /// Queues the reminders due at `now` and delivers every notice queued
    /// for terminal users, as each recipient sees it.
    pub async fn notices_at(&self, now: DateTime<Utc>) -> Vec<(String, Answer)> {
        let conversation = self.restarted(now);
        conversation.schedule_reminders().await.unwrap();
        let inbox = Recorder::default();
        while conversation.deliver_notices(&[&inbox], None).await.unwrap() > 0 {}
        let delivered = inbox.sent.into_inner().unwrap();
        delivered.iter().map(|(to, outgoing)| (to.clone(), self.render(outgoing))).collect()
    }

    /// What `notices_at` delivered to one person.
    pub async fn notices_for(&self, user: &str, now: DateTime<Utc>) -> Vec<Answer> {
        self.notices_at(now).await.into_iter().filter(|(to, _)| to == user).map(|(_, a)| a).collect()
    }

    /// What every bot does on the directory's change notification.
    pub async fn reload_directory(&self) {
        let centres = self.store.centres().await.unwrap();
        let closures = self.store.closures().await.unwrap();
        self.directory.replace(Directory::new(centres).with_closures(closures));
    }

    pub async fn user_count(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM chat_user").fetch_one(self.store.pool()).await.unwrap()
    }

    pub async fn stored_state(&self, user: &str) -> serde_json::Value {
        sqlx::query_scalar("SELECT state FROM chat_user WHERE external_id = $1")
            .bind(user)
            .fetch_one(self.store.pool())
            .await
            .unwrap()
    }
}

/// The ids of the sample centres nearest to a point, by brute-force haversine.
pub fn brute_force_nearest(lat: f64, lon: f64, k: usize) -> Vec<String> {
    let origin = resilience_bot::domain::Coordinates::parse(lat, lon).unwrap();
    let mut centres: Vec<(f64, String)> = sample_centres()
        .into_iter()
        .map(|c| (resilience_bot::directory::haversine_metres(origin, c.location), c.id.to_string()))
        .collect();
    centres.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    centres.into_iter().take(k).map(|(_, id)| id).collect()
}

/// The centre ids the last reply's buttons open, in order.
pub fn listed_centres(answer: &Answer) -> Vec<String> {
    answer
        .last()
        .buttons
        .iter()
        .filter_map(|(_, a)| match a {
            Action::Centre(id) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// The database URL of the test's own database (for running the binary).
pub fn database_url(pool: &PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL is set by scripts/test");
    let name = pool.connect_options().get_database().expect("test database name").to_owned();
    let (before_query, query) = base.split_once('?').map_or((base.as_str(), None), |(b, q)| (b, Some(q)));
    let (server, _) = before_query.rsplit_once('/').expect("a URL with a database path");
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// Polls `check` every 25 ms until it holds or `limit` passes; then fails the
/// test with `what` and the fake's recorded calls (from `calls`).
pub async fn wait_until(limit: std::time::Duration, what: &str, check: impl Fn() -> bool, calls: impl Fn() -> String) {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if check() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("timed out waiting for {what}; calls: {}", calls());
}

/// The real `serve` code path (`Application`) running on a test's database,
/// stopped by [`Server::stop`].
pub struct Server {
    pub addr: std::net::SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Server {
    pub async fn start(app: &TestApp, config: resilience_bot::server::ServeConfig) -> Self {
        let catalog = Arc::new(Catalog::load().unwrap());
        let application =
            resilience_bot::server::Application::build(config, app.store.clone(), app.conversation.clone(), catalog)
                .await
                .unwrap();
        let addr = application.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(application.run_until_stopped(async move {
            let _ = stopped.await;
        }));
        Self { addr, stop, task }
    }

    /// Stops the server and fails the test if it ended with an error.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.unwrap().unwrap();
    }
}

/// Two cohorts starting eight days after the tests' clock at 18:00 Kyiv, five
/// weekly sessions each: `lviv-pws` at the Lviv sample centre with
/// `capacity` seats, and `kyiv-shp` with 20.
pub async fn import_sample_groups(app: &TestApp, capacity: i32) {
    let programmes = Programme::built_in().unwrap();
    let start =
        (monday_noon() + chrono::Duration::days(8)).with_timezone(&chrono_tz::Europe::Kyiv).format("%Y-%m-%d 18:00");
    let file = format!(
        "id,programme,centre,capacity,starts,sessions,every,duration\n\
         lviv-pws,parenting-without-stress,sample-lvivska,{capacity},{start},5,,90\n\
         kyiv-shp,self-help-plus,sample-kreminska,20,{start},5,,120\n"
    );
    let programme_ids = programmes.iter().map(|p| p.id.clone()).collect();
    let centres = app.store.centres().await.unwrap().into_iter().map(|c| c.id.to_string()).collect();
    let known =
        resilience_bot::cohort::csv::Known { programmes: &programme_ids, centres: &centres, now: monday_noon() };
    let rows = resilience_bot::cohort::csv::parse(file.as_bytes(), known).unwrap();
    app.store.import_cohorts(&programmes, &rows).await.unwrap();
}

/// A Kyiv local time as UTC.
pub fn kyiv(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Kyiv.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
}

/// Takes notices and broadcasts for terminal users instead of sending them:
/// records what each would get; `blocked` people refuse, as a person who
/// blocked the bot does.
#[derive(Default)]
pub struct Recorder {
    pub sent: std::sync::Mutex<Vec<(String, Outgoing)>>,
    pub blocked: std::collections::HashSet<String>,
}

impl NoticeSender for Recorder {
    fn channel(&self) -> ChannelKind {
        ChannelKind::Console
    }

    fn send<'a>(
        &'a self,
        to: &'a str,
        outgoing: Outgoing,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Sent> + Send + 'a>> {
        let sent = if self.blocked.contains(to) {
            Sent::Unreachable
        } else {
            self.sent.lock().unwrap().push((to.to_owned(), outgoing));
            Sent::Yes
        };
        Box::pin(std::future::ready(sent))
    }
}

/// The outcome of the one notice to `external_id`, once the worker marked it
/// (it marks a notice after the platform took it).
pub async fn notice_outcome(pool: &PgPool, external_id: &str) -> String {
    let read = || async {
        sqlx::query_scalar::<_, Option<String>>("SELECT outcome FROM notice WHERE external_id = $1")
            .bind(external_id)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    for _ in 0..200 {
        if let Some(outcome) = read().await {
            return outcome;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the notice to {external_id} was not marked within 5 s");
}
