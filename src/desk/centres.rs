//! The directory's screens: the overview (counts, each a link to the
//! filtered list) and the list (filters, search, 50 a page, by verified
//! date). A coordinator sees only their centres.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, NaiveDateTime, Utc};

use super::page::{self, Chrome};
use super::session::Signed;
use super::state::DeskState;
use crate::directory::{Hours, Status};
use crate::domain::{Centre, CentreId, Closure};
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
    /// The flags of a centre at a Kyiv moment, given its closure and
    /// (coordinators, open reports).
    pub fn of(centre: &Centre, closure: Option<&Closure>, tally: (i64, i64), now: NaiveDateTime) -> Self {
        let temporarily_closed = closure.is_some_and(|c| c.until.naive_utc() > Utc::now().naive_utc());
        let hours_closed = centre
            .opening_hours
            .as_deref()
            .and_then(|raw| Hours::parse(raw).ok())
            .is_some_and(|hours| matches!(hours.status(now), Status::Closed | Status::ClosedUntil(_)));
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
    fn keeps(&self, centre: &Centre, flags: &Flags) -> bool {
        let q = self.q.trim().to_lowercase();
        let text = |v: &Option<String>| v.as_deref().is_some_and(|v| v.to_lowercase().contains(&q));
        (self.oblast.is_empty() || centre.oblast.as_deref() == Some(self.oblast.as_str()))
            && (self.flag.is_empty() || flags.has(&self.flag))
            && (q.is_empty()
                || centre.name_uk.to_lowercase().contains(&q)
                || centre.name_en.to_lowercase().contains(&q)
                || text(&centre.hromada))
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

/// The centres a person may see, each with its flags.
async fn visible(state: &DeskState, role: &DeskRole) -> Result<Vec<(Centre, Flags)>, crate::store::StoreError> {
    let centres = state.store.centres().await?;
    let closures: HashMap<CentreId, Closure> = state.store.closures().await?.into_iter().collect();
    let tallies = state.store.centre_tallies().await?;
    let now = Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).naive_local();
    Ok(centres
        .into_iter()
        .filter(|c| role.reaches(c.id.as_str()))
        .map(|c| {
            let tally = tallies.get(c.id.as_str()).copied().unwrap_or_default();
            let flags = Flags::of(&c, closures.get(&c.id), tally, now);
            (c, flags)
        })
        .collect())
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
}

/// GET /: the overview.
pub async fn overview(State(state): State<DeskState>, signed: Signed) -> Response {
    let rows = match visible(&state, &signed.session.role).await {
        Ok(rows) => rows,
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
    let counts =
        FLAGS.iter().zip(ids).map(|(flag, id)| (*flag, id, rows.iter().filter(|(_, f)| f.has(flag)).count())).collect();
    page::html(&Overview { chrome: signed.chrome, all: rows.len(), counts })
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
pub async fn list(State(state): State<DeskState>, signed: Signed, Query(filter): Query<Filter>) -> Response {
    let rows = match visible(&state, &signed.session.role).await {
        Ok(rows) => rows,
        Err(error) => return failed(signed.chrome, &error),
    };
    let mut oblasts: Vec<String> = rows.iter().filter_map(|(c, _)| c.oblast.clone()).collect();
    oblasts.sort();
    oblasts.dedup();
    let mut kept: Vec<&Centre> = rows.iter().filter(|(c, f)| filter.keeps(c, f)).map(|(c, _)| c).collect();
    kept.sort_by(|a, b| a.verified_on.cmp(&b.verified_on).then_with(|| a.name_uk.cmp(&b.name_uk)));
    if filter.sort == "newest" {
        kept.reverse();
    }
    let pages = kept.len().div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, pages);
    let english = signed.chrome.tr.language == crate::domain::Language::En;
    let lines = kept
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
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
