//! Where centres are missing (`/coverage`, `/coverage.csv`), for
//! operators: per ISO week and hromada of the point searched from, how many
//! searches found no centre within 25 km (the anonymous counters of
//! `domain::tally`), most first. A cell under ten is not shown, not even as
//! a hromada with "<10": its name alone would say that someone there
//! searched that week. Only complete weeks are shown, as for check-ins;
//! the page shows them a hundred at a time, the CSV all at once.

use askama::Template;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::area;
use super::asked::Asked;
use super::page::{self, Chrome};
use super::session::Signed;
use super::state::DeskState;
use super::statistics::week_label;
use crate::csv_table::formula_safe;
use crate::domain::Language;
use crate::domain::checkin_stats::{MIN_CELL, complete_weeks, shown};
use crate::domain::tally::{FAR_KM, UnmetDemand};

/// Complete weeks shown, the last one last.
pub const WEEKS: u32 = 12;

/// Cells on one page of the table (the CSV has them all).
const PAGE_SIZE: usize = 100;

/// One shown cell: a week and a hromada.
struct CoverageLine {
    monday: NaiveDate,
    week: String,
    oblast: String,
    hromada: String,
    code: String,
    searches: i64,
}

#[derive(Template)]
#[template(path = "desk/coverage.html")]
struct CoveragePage {
    chrome: Chrome,
    lines: Vec<CoverageLine>,
    /// Cells under [`MIN_CELL`], not shown.
    hidden: i64,
    km: i64,
    min: i64,
    weeks: i64,
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// The page asked for (`?page=`, from 1).
#[derive(Debug, Default, Deserialize)]
pub struct PageAsked {
    #[serde(default)]
    page: Option<usize>,
}

/// The cells of the complete weeks shown, most searches first (kept a few
/// minutes: see `DeskState::coverage`); or the page to answer instead (403
/// for a coordinator, 500 when the database failed).
async fn cells(state: &DeskState, signed: &Signed) -> Result<Arc<Vec<UnmetDemand>>, Response> {
    if !signed.is_operator() {
        return Err(signed.forbidden());
    }
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    let weeks = complete_weeks(today, WEEKS);
    state.coverage.get_or_compute(weeks, state.store.unmet_demand(weeks)).await.map_err(|error| {
        tracing::error!(%error, "cannot read the far searches");
        page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome.clone(), "desk-error")
    })
}

/// The cells shown (at [`MIN_CELL`] or more), in order.
fn shown_cells(cells: &[UnmetDemand]) -> impl Iterator<Item = (&UnmetDemand, i64)> {
    cells.iter().filter_map(|cell| shown(cell.searches).map(|searches| (cell, searches)))
}

/// A shown cell, named in `language`.
fn line(cell: &UnmetDemand, searches: i64, language: Language) -> CoverageLine {
    let (hromada, oblast) = area::hromada(&cell.hromada, language);
    CoverageLine {
        monday: cell.week,
        week: week_label(cell.week),
        oblast,
        hromada,
        code: cell.hromada.clone(),
        searches,
    }
}

/// GET /coverage (operators): a page of the shown cells.
pub async fn page(State(state): State<DeskState>, signed: Signed, Asked(asked): Asked<PageAsked>) -> Response {
    let cells = match cells(&state, &signed).await {
        Ok(cells) => cells,
        Err(refused) => return refused,
    };
    let shown_count = shown_cells(&cells).count();
    let pages = shown_count.div_ceil(PAGE_SIZE).max(1);
    let page = asked.page.unwrap_or(1).clamp(1, pages);
    let language = signed.chrome.tr.language;
    let lines = shown_cells(&cells)
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(cell, searches)| line(cell, searches, language))
        .collect();
    let href = |page: usize| format!("/coverage?page={page}");
    page::html(&CoveragePage {
        chrome: signed.chrome,
        lines,
        hidden: i64::try_from(cells.len() - shown_count).unwrap_or(i64::MAX),
        km: FAR_KM,
        min: MIN_CELL,
        weeks: i64::from(WEEKS),
        page,
        pages,
        prev: (page > 1).then(|| href(page - 1)),
        next: (page < pages).then(|| href(page + 1)),
    })
}

/// GET /coverage.csv (operators): the shown cells of the page, every cell
/// formula-safe. Columns: `week` (its Monday), `iso_week`, `oblast`,
/// `hromada`, `katotth`, `searches`.
pub async fn csv(State(state): State<DeskState>, signed: Signed) -> Response {
    let cells = match cells(&state, &signed).await {
        Ok(cells) => cells,
        Err(refused) => return refused,
    };
    let language = signed.chrome.tr.language;
    let lines = shown_cells(&cells).map(|(cell, searches)| line(cell, searches, language));
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["week", "iso_week", "oblast", "hromada", "katotth", "searches"];
    // Writing to memory cannot fail.
    let _ = writer.write_record(header);
    for line in lines {
        let record = [
            line.monday.format("%Y-%m-%d").to_string(),
            line.monday.format("%G-W%V").to_string(),
            line.oblast.clone(),
            line.hromada.clone(),
            line.code.clone(),
            line.searches.to_string(),
        ];
        let _ = writer.write_record(record.iter().map(|cell| formula_safe(cell)));
    }
    let body = writer.into_inner().unwrap_or_default();
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"coverage.csv\"")),
    ];
    (headers, body).into_response()
}
