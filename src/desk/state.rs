//! What every desk handler shares ([`DeskState`]): the store, the desk's
//! texts, whether cookies are `Secure`, and the count of failed sign-ins.

use crate::import::geocoder::Geocoder;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::alphabet;
use super::kept::Kept;
use crate::directory::{Directory, SharedDirectory};
use crate::domain::BotLinks;
use crate::domain::checkin_stats::StatsRow;
use crate::domain::tally::{UnmetDemand, UsageWeek};
use crate::i18n::Catalog;
use crate::opendata::Publication;
use crate::store::{Store, StoreError};

/// How long the weekly figures (statistics, coverage) are kept. They cover
/// complete weeks only, which change no more except by counters flushed
/// late, just after a week ended: those show within this time.
const WEEKLY_FIGURES_AGE: Duration = Duration::from_secs(5 * 60);

/// Failed sign-ins an address may make in 15 minutes (`FAILURE_WINDOW`); then it waits.
pub const MAX_FAILURES: u32 = 10;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Where the desk is reached.
#[derive(Debug, Clone)]
pub struct DeskConfig {
    /// The public base address sign-in links point to (`DESK_URL`); plain
    /// http only on loopback, where the cookie may go without `Secure`.
    pub url: reqwest::Url,
    /// The bot's names on Telegram and Viber, for invitation and poster
    /// links (`TELEGRAM_BOT_USERNAME`, `VIBER_CHAT_URI`).
    pub links: BotLinks,
}

/// Failed sign-ins from one address since a moment.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
}

/// What every desk handler reads.
#[derive(Clone)]
pub struct DeskState {
    pub(super) store: Store,
    pub(super) catalog: Arc<Catalog>,
    /// Whether cookies carry `Secure` (see [`cookie_is_secure`]).
    pub(super) secure: bool,
    pub(super) links: BotLinks,
    /// Failed sign-in attempts per address, to slow guessing down. Behind a
    /// reverse proxy every request comes from the proxy: then the limit is
    /// shared, which slows an attacker as much and costs the real people a
    /// wait of minutes at most.
    failures: Arc<Mutex<HashMap<IpAddr, Failures>>>,
    /// Files checked by a dry run, waiting to be applied, by a random key.
    uploads: Arc<Mutex<HashMap<String, Upload>>>,
    /// The bot's directory snapshot, kept current by its reloader; without
    /// one (a desk on its own) every list reads the centres afresh.
    directory: Option<SharedDirectory>,
    /// The open data's publisher and licence, when `serve` publishes open
    /// data: then the desk offers the HSDS and GeoJSON downloads.
    pub(super) publication: Option<Arc<Publication>>,
    /// The list's search text of each centre of the last directory searched.
    search: Arc<Mutex<Option<PerDirectory<Vec<String>>>>>,
    /// Each centre's place by its name in Ukrainian alphabetical order, in
    /// the last directory listed.
    name_places: Arc<Mutex<Option<PerDirectory<Vec<u32>>>>>,
    /// Each centre's coordinators and open reports, under their version
    /// (see [`Store::centre_tallies_version`]).
    tallies: Arc<Kept<i64, CentreTallies>>,
    /// The statistics page's check-in table and usage, under the weeks they cover.
    pub(super) statistics: Arc<Kept<Weeks, WeeklyStatistics>>,
    /// The coverage page's far-search cells, under the weeks they cover.
    pub(super) coverage: Arc<Kept<Weeks, Vec<UnmetDemand>>>,
    /// The geocoder `serve` was given (`GEOCODER_URL`): then the import
    /// page offers to geocode rows without coordinates.
    pub(super) geocoder: Option<Arc<Geocoder>>,
}

/// Per centre that has any: (its coordinators, its open reports).
pub(super) type CentreTallies = HashMap<String, (i64, i64)>;
/// [`CentreTallies`] as the desk keeps them.
pub(super) type Tallies = Arc<CentreTallies>;
/// The first Monday and the last Sunday of the weeks a page covers.
type Weeks = (NaiveDate, NaiveDate);
/// The statistics page's check-in table and usage per week.
type WeeklyStatistics = (Vec<StatsRow>, Vec<UsageWeek>);

/// A value derived from every centre of one directory snapshot, in its
/// order: built once per snapshot rather than per centre per request.
struct PerDirectory<T> {
    directory: std::sync::Weak<Directory>,
    value: Arc<T>,
}

/// What `slot` holds for `directory`, derived (and kept) unless it holds it.
fn derived<T>(
    slot: &Mutex<Option<PerDirectory<T>>>,
    directory: &Arc<Directory>,
    derive: impl FnOnce(&Directory) -> T,
) -> Arc<T> {
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(kept) = slot.as_ref().filter(|kept| std::ptr::eq(kept.directory.as_ptr(), Arc::as_ptr(directory))) {
        return kept.value.clone();
    }
    let value = Arc::new(derive(directory));
    *slot = Some(PerDirectory { directory: Arc::downgrade(directory), value: value.clone() });
    value
}

/// An uploaded centres file.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
    pub at: Instant,
    /// The options it was checked with, which applying it uses too.
    pub options: crate::domain::ImportOptions,
    /// Whether it was checked with the geocoder (the command line's `--geocode`).
    pub geocode: bool,
    /// The session that checked it: only that one may apply it (the key
    /// alone would let another operator apply a diff they never saw).
    pub session: String,
}

impl DeskState {
    /// The desk's state; `catalog` is the desk's own ([`Catalog::load_desk`]).
    pub fn new(store: Store, catalog: Arc<Catalog>, config: &DeskConfig) -> Self {
        Self {
            store,
            catalog,
            secure: cookie_is_secure(&config.url),
            links: config.links.clone(),
            failures: Arc::default(),
            uploads: Arc::default(),
            directory: None,
            publication: None,
            search: Arc::default(),
            name_places: Arc::default(),
            tallies: Arc::new(Kept::while_key_stays()),
            statistics: Arc::new(Kept::for_at_most(WEEKLY_FIGURES_AGE)),
            coverage: Arc::new(Kept::for_at_most(WEEKLY_FIGURES_AGE)),
            geocoder: None,
        }
    }

    /// The lowercased "name_uk, name_en, hromada" of each centre of
    /// `directory`, in its order (see [`Directory::entries`]).
    pub(super) fn search_keys(&self, directory: &Arc<Directory>) -> Arc<Vec<String>> {
        derived(&self.search, directory, |directory| {
            let key = |c: &crate::domain::Centre| {
                let hromada = c.hromada.as_deref().unwrap_or_default();
                format!("{}\n{}\n{}", c.name_uk, c.name_en, hromada).to_lowercase()
            };
            directory.centres().iter().map(key).collect()
        })
    }

    /// Each centre's place by its Ukrainian name in Ukrainian alphabetical
    /// order ([`alphabet::places`]), in `directory`'s order: the list's
    /// order within a verified date.
    pub(super) fn name_places(&self, directory: &Arc<Directory>) -> Arc<Vec<u32>> {
        derived(&self.name_places, directory, |directory| {
            alphabet::places(directory.centres().iter().map(|c| c.name_uk.as_str()))
        })
    }

    /// Each centre's coordinators and open reports now: read again only when
    /// their version moved, so a page costs one small query instead of
    /// grouping both tables (200 ms with 100,000 centres).
    pub(super) async fn tallies(&self) -> Result<Tallies, StoreError> {
        // The version first: tallies read after it are at least as new, so
        // keeping them under it can only make the next request read again.
        let version = self.store.centre_tallies_version().await?;
        self.tallies.get_or_compute(version, self.store.centre_tallies()).await
    }

    /// The desk offering to geocode imported rows with this geocoder.
    pub fn with_geocoder(mut self, geocoder: Geocoder) -> Self {
        self.geocoder = Some(Arc::new(geocoder));
        self
    }

    /// The desk offering the open data exports under this publication.
    pub fn with_publication(mut self, publication: Publication) -> Self {
        self.publication = Some(Arc::new(publication));
        self
    }

    /// The desk reading the centres from the bot's directory snapshot.
    pub fn with_directory(mut self, directory: SharedDirectory) -> Self {
        self.directory = Some(directory);
        self
    }

    /// The centres now: the bot's snapshot, or a directory read from the store.
    pub(super) async fn directory(&self) -> Result<Arc<Directory>, StoreError> {
        match &self.directory {
            Some(shared) => Ok(shared.current()),
            None => {
                let directory = Directory::new(self.store.centres().await?).with_closures(self.store.closures().await?);
                Ok(Arc::new(directory))
            }
        }
    }

    /// Whether an address failed too often lately to try again now.
    pub(super) fn too_many_failures(&self, peer: IpAddr) -> bool {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.get(&peer).is_some_and(|f| f.since.elapsed() < FAILURE_WINDOW && f.count >= MAX_FAILURES)
    }

    /// Keeps an uploaded file (forgetting those older than `lifetime`).
    pub(super) fn keep_upload(&self, key: String, upload: Upload, lifetime: Duration) {
        let mut uploads = self.uploads.lock().unwrap_or_else(PoisonError::into_inner);
        uploads.retain(|_, u| u.at.elapsed() < lifetime);
        uploads.insert(key, upload);
    }

    /// Takes a kept file, once, for the session that checked it; another
    /// session gets `None` and leaves the file where it is.
    pub(super) fn take_upload(&self, key: &str, session: &str, lifetime: Duration) -> Option<Upload> {
        let mut uploads = self.uploads.lock().unwrap_or_else(PoisonError::into_inner);
        if uploads.get(key).is_none_or(|upload| upload.session != session) {
            return None;
        }
        uploads.remove(key).filter(|u| u.at.elapsed() < lifetime)
    }

    pub(super) fn record_failure(&self, peer: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.retain(|_, f| f.since.elapsed() < FAILURE_WINDOW);
        let entry = failures.entry(peer).or_insert(Failures { count: 0, since: Instant::now() });
        entry.count += 1;
    }
}

/// Whether the session cookie must be `Secure`: always, except when the desk
/// is reached over plain http on loopback (a developer's machine, or a reverse
/// proxy on the same host that terminates TLS).
pub fn cookie_is_secure(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    !(url.scheme() == "http" && loopback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_secure_except_over_plain_http_on_loopback() {
        let secure = |url: &str| cookie_is_secure(&url.parse().unwrap());
        assert!(!secure("http://127.0.0.1:8081"));
        assert!(!secure("http://localhost:8081/"));
        assert!(!secure("http://[::1]:8081/"));
        assert!(secure("https://desk.example.org"));
        assert!(secure("https://127.0.0.1:8081"));
        assert!(secure("http://desk.example.org"));
        assert!(secure("http://10.0.0.5:8081"));
    }
}
