//! The directory's screens: the overview (counts, each a link to the
//! filtered list) and the list (filters, search, 50 a page, by verified
//! date). A coordinator sees only their centres.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, NaiveDateTime, Utc};

use super::alphabet;
use super::asked::Asked;
use super::page::{self, Chrome};
use super::session::Signed;
use super::state::{DeskState, Tallies};
use crate::directory::{Directory, Hours, Status};
use crate::domain::{Centre, Closure};
use crate::store::DeskRole;

/// Centres on one page of the list.
pub const PAGE_SIZE: usize = 50;
/// A centre verified longer ago than this is stale.
pub const STALE_DAYS: i64 = 90;

/// The flags the overview counts and the list filters by.
pub const FLAGS: [&str; 6] =
    ["closed-now", "temporarily-closed", "stale", "approximate", "no-coordinator", "open-reports"];

/// What is true of one centre now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub closed_now: bool,
    pub temporarily_closed: bool,
    pub stale: bool,
    pub approximate: bool,
    pub no_coordinator: bool,
    pub open_reports: bool,
}

impl Flags {
    /// The flags of a centre at a Kyiv moment, given its hours, whether it is
    /// closed by its hours now (see [`Statuses`]), its closure and
    /// (coordinators, open reports).
    pub fn of(
        centre: &Centre,
        hours_closed: bool,
        closure: Option<&Closure>,
        tally: (i64, i64),
        now: NaiveDateTime,
    ) -> Self {
        let temporarily_closed = closure.is_some_and(|c| c.until.naive_utc() > Utc::now().naive_utc());
        Self {
            closed_now: temporarily_closed || hours_closed,
            temporarily_closed,
            stale: (now.date() - centre.verified_on).num_days() > STALE_DAYS,
            approximate: centre.location_source.is_approximate(),
            no_coordinator: tally.0 == 0,
            open_reports: tally.1 > 0,
        }
    }

    /// Whether the flag named as in [`FLAGS`] is set.
    pub fn has(&self, name: &str) -> bool {
        match name {
            "closed-now" => self.closed_now,
            "temporarily-closed" => self.temporarily_closed,
            "stale" => self.stale,
            "approximate" => self.approximate,
            "no-coordinator" => self.no_coordinator,
            "open-reports" => self.open_reports,
            _ => true,
        }
    }
}

/// Whether each schedule is closed at one moment, computed once per
/// schedule: the directory shares one parsed value among the centres with
/// the same hours, so 100,000 centres cost as many checks as they have
/// distinct schedules.
struct Statuses {
    now: NaiveDateTime,
    closed: HashMap<*const Hours, bool>,
}

impl Statuses {
    fn new(now: NaiveDateTime) -> Self {
        Self { now, closed: HashMap::new() }
    }

    fn closed(&mut self, hours: Option<&Arc<Hours>>) -> bool {
        let Some(hours) = hours else { return false };
        let now = self.now;
        *self
            .closed
            .entry(Arc::as_ptr(hours))
            .or_insert_with(|| matches!(hours.status(now), Status::Closed | Status::ClosedUntil(_)))
    }
}

/// The list's filters, as the query string gives them.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub oblast: String,
    #[serde(default)]
    pub flag: String,
    #[serde(default)]
    pub q: String,
    /// `newest` for the most recently verified first; the oldest first otherwise.
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: usize,
}

impl Filter {
    /// Whether a centre passes the oblast and the flag (the search is
    /// matched against [`DeskState::search_keys`]).
    fn keeps(&self, centre: &Centre, flags: &Flags) -> bool {
        (self.oblast.is_empty() || centre.oblast.as_deref() == Some(self.oblast.as_str()))
            && (self.flag.is_empty() || flags.has(&self.flag))
    }
}

/// One centre as the list shows it.
pub struct Line {
    pub id: String,
    pub name: String,
    pub oblast: String,
    pub hromada: String,
    pub verified: NaiveDate,
    pub sample: bool,
}

/// The centres a person may see, each with its flags, from the bot's
/// directory snapshot (no centre is read from the database per request);
/// only the coordinators' and reports' tallies are, grouped in SQL.
async fn visible(state: &DeskState, role: &DeskRole) -> Result<Visible, crate::store::StoreError> {
    let directory = state.directory().await?;
    let tallies = state.tallies().await?;
    Ok(Visible { directory, tallies, role: role.clone() })
}

/// A directory snapshot as one person sees it.
struct Visible {
    directory: Arc<Directory>,
    tallies: Tallies,
    role: DeskRole,
}

impl Visible {
    /// Each centre the person reaches, with its position in the directory
    /// and its flags.
    fn rows(&self) -> impl Iterator<Item = (usize, &Centre, Flags)> {
        let now = Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).naive_local();
        let mut statuses = Statuses::new(now);
        let reached = self.directory.entries().enumerate().filter(|(_, (c, _))| self.role.reaches(c.id.as_str()));
        reached.map(move |(i, (c, hours))| {
            let tally = self.tallies.get(c.id.as_str()).copied().unwrap_or_default();
            let closed = statuses.closed(hours);
            (i, c, Flags::of(c, closed, self.directory.closure(&c.id), tally, now))
        })
    }
}

pub(super) fn failed(chrome: Chrome, error: &crate::store::StoreError) -> Response {
    tracing::error!(%error, "cannot read the centres for the desk");
    page::message(StatusCode::INTERNAL_SERVER_ERROR, chrome, "desk-error")
}

#[derive(Template)]
#[template(path = "desk/overview.html")]
struct Overview {
    chrome: Chrome,
    all: usize,
    /// (flag, its text id, how many).
    counts: Vec<(&'static str, &'static str, usize)>,
    /// Whether the open data downloads are offered.
    open_data: bool,
}

/// GET /: the overview.
pub async fn overview(State(state): State<DeskState>, signed: Signed) -> Response {
    let visible = match visible(&state, &signed.session.role).await {
        Ok(visible) => visible,
        Err(error) => return failed(signed.chrome, &error),
    };
    let ids = [
        "desk-count-closed-now",
        "desk-count-temporarily-closed",
        "desk-count-stale",
        "desk-count-approximate",
        "desk-count-no-coordinator",
        "desk-count-open-reports",
    ];
    let (mut all, mut tally) = (0, [0; FLAGS.len()]);
    for (_, _, flags) in visible.rows() {
        all += 1;
        for (count, flag) in tally.iter_mut().zip(FLAGS) {
            *count += usize::from(flags.has(flag));
        }
    }
    let counts = FLAGS.iter().zip(ids).zip(tally).map(|((flag, id), count)| (*flag, id, count)).collect();
    let open_data = state.publication.is_some();
    page::html(&Overview { chrome: signed.chrome, all, counts, open_data })
}

#[derive(Template)]
#[template(path = "desk/centres.html")]
struct List {
    chrome: Chrome,
    filter: Filter,
    oblasts: Vec<String>,
    lines: Vec<Line>,
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// One page (1-based) of the centres by verified date, oldest first (or
/// newest), then by name in Ukrainian alphabetical order (each centre comes
/// with its name's place, [`alphabet::places`]), then by id, so that every
/// centre has one page: only that page is put in order, after two linear
/// selections, not the whole list.
fn page_of(mut kept: Vec<(&Centre, u32)>, page: usize, newest: bool) -> Vec<&Centre> {
    let order = |(a, a_place): &(&Centre, u32), (b, b_place): &(&Centre, u32)| {
        let oldest_first =
            a.verified_on.cmp(&b.verified_on).then(a_place.cmp(b_place)).then_with(|| a.id.as_str().cmp(b.id.as_str()));
        if newest { oldest_first.reverse() } else { oldest_first }
    };
    let start = ((page - 1) * PAGE_SIZE).min(kept.len());
    let end = (start + PAGE_SIZE).min(kept.len());
    if end < kept.len() {
        kept.select_nth_unstable_by(end, order);
        kept.truncate(end);
    }
    if start > 0 && start < kept.len() {
        kept.select_nth_unstable_by(start, order);
    }
    let mut shown = kept.split_off(start);
    shown.sort_unstable_by(order);
    shown.into_iter().map(|(centre, _)| centre).collect()
}

/// The list's address with these filters on another page.
fn page_href(filter: &Filter, page: usize) -> String {
    let Ok(mut url) = reqwest::Url::parse("http://desk/centres") else { return "/centres".to_owned() };
    url.query_pairs_mut()
        .append_pair("oblast", &filter.oblast)
        .append_pair("flag", &filter.flag)
        .append_pair("q", &filter.q)
        .append_pair("sort", &filter.sort)
        .append_pair("page", &page.to_string());
    format!("/centres?{}", url.query().unwrap_or_default())
}

/// GET /centres: the filtered, sorted, paged list.
pub async fn list(State(state): State<DeskState>, signed: Signed, Asked(filter): Asked<Filter>) -> Response {
    let visible = match visible(&state, &signed.session.role).await {
        Ok(visible) => visible,
        Err(error) => return failed(signed.chrome, &error),
    };
    let mut oblasts = BTreeSet::new();
    let query = filter.q.trim().to_lowercase();
    let keys = (!query.is_empty()).then(|| state.search_keys(&visible.directory));
    let places = state.name_places(&visible.directory);
    let mut kept: Vec<(&Centre, u32)> = Vec::new();
    for (i, centre, flags) in visible.rows() {
        oblasts.extend(centre.oblast.as_deref());
        let found = keys.as_ref().is_none_or(|keys| keys[i].contains(&query));
        if found && filter.keeps(centre, &flags) {
            kept.push((centre, places[i]));
        }
    }
    let oblasts = alphabet::sorted(oblasts);
    let pages = kept.len().div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, pages);
    let shown = page_of(kept, page, filter.sort == "newest");
    let english = signed.chrome.tr.language == crate::domain::Language::En;
    let lines = shown
        .iter()
        .map(|c| Line {
            id: c.id.as_str().to_owned(),
            name: if english { c.name_en.clone() } else { c.name_uk.clone() },
            oblast: c.oblast.clone().unwrap_or_default(),
            hromada: c.hromada.clone().unwrap_or_default(),
            verified: c.verified_on,
            sample: c.sample,
        })
        .collect();
    let prev = (page > 1).then(|| page_href(&filter, page - 1));
    let next = (page < pages).then(|| page_href(&filter, page + 1));
    page::html(&List { chrome: signed.chrome, filter, oblasts, lines, page, pages, prev, next })
}
