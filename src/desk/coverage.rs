//! Where centres are missing (`/coverage`, `/coverage.csv`), for
//! operators: per ISO week and hromada of the point searched from, how many
//! searches found no centre within 25 km (the anonymous counters of
//! `domain::tally`), most first. A cell under ten is not shown, not even as
//! a hromada with "<10": its name alone would say that someone there
//! searched that week. Only complete weeks are shown, as for check-ins.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use super::area;
use super::page::{self, Chrome};
use super::session::Signed;
use super::state::DeskState;
use super::statistics::week_label;
use crate::csv_table::formula_safe;
use crate::domain::checkin_stats::{MIN_CELL, complete_weeks, shown};
use crate::domain::tally::FAR_KM;

/// Complete weeks shown, the last one last.
pub const WEEKS: u32 = 12;

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
}

/// The shown cells, most searches first, and how many were hidden; or the
/// page to answer instead (403 for a coordinator, 500 when the database failed).
async fn lines(state: &DeskState, signed: &Signed) -> Result<(Vec<CoverageLine>, i64), Response> {
    if !signed.is_operator() {
        return Err(signed.forbidden());
    }
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    let cells = state.store.unmet_demand(complete_weeks(today, WEEKS)).await.map_err(|error| {
        tracing::error!(%error, "cannot read the far searches");
        page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome.clone(), "desk-error")
    })?;
    let language = signed.chrome.tr.language;
    let mut hidden = 0;
    let mut shown_lines = Vec::new();
    for cell in cells {
        let Some(searches) = shown(cell.searches) else {
            hidden += 1;
            continue;
        };
        let (hromada, oblast) = area::hromada(&cell.hromada, language);
        shown_lines.push(CoverageLine {
            monday: cell.week,
            week: week_label(cell.week),
            oblast,
            hromada,
            code: cell.hromada,
            searches,
        });
    }
    Ok((shown_lines, hidden))
}

/// GET /coverage (operators).
pub async fn page(State(state): State<DeskState>, signed: Signed) -> Response {
    match lines(&state, &signed).await {
        Ok((lines, hidden)) => page::html(&CoveragePage {
            chrome: signed.chrome,
            lines,
            hidden,
            km: FAR_KM,
            min: MIN_CELL,
            weeks: i64::from(WEEKS),
        }),
        Err(refused) => refused,
    }
}

/// GET /coverage.csv (operators): the shown cells of the page, every cell
/// formula-safe. Columns: `week` (its Monday), `iso_week`, `oblast`,
/// `hromada`, `katotth`, `searches`.
pub async fn csv(State(state): State<DeskState>, signed: Signed) -> Response {
    let (lines, _) = match lines(&state, &signed).await {
        Ok(shown) => shown,
        Err(refused) => return refused,
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = ["week", "iso_week", "oblast", "hromada", "katotth", "searches"];
    // Writing to memory cannot fail.
    let _ = writer.write_record(header);
    for line in &lines {
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
