//! Statistics (`/statistics`): the anonymous WHO-5 check-in figures by week
//! and oblast that `resilience-bot stats checkins` prints, from the same
//! store query with the same suppression (`domain::checkin_stats`), with a
//! chart; and the bot's usage per week from the anonymous counters.
//!
//! Operators and coordinators see it: every figure is national or by
//! oblast, and coordinators already get the same check-in table in the bot
//! (`/stats`). Nobody else.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, NaiveDate};

use super::area;
use super::chart::{self, Series};
use super::page::{self, Chrome, Tr};
use super::session::Signed;
use super::state::DeskState;
use crate::domain::Language;
use crate::domain::checkin_stats::{Area, Figures, MIN_CELL, complete_weeks, shown};
use crate::domain::tally::UsageWeek;
use crate::store::StoreError;

/// Complete weeks shown, the last one last.
pub const WEEKS: u32 = 12;

/// One line of the check-in table.
struct CheckinLine {
    week: String,
    area: String,
    /// The week's total (shown in bold).
    total: bool,
    count: String,
    mean: String,
    low: String,
}

/// One week of usage.
struct UsageLine {
    week: String,
    searches: String,
    cards: String,
    signups: String,
    subscriptions: String,
}

#[derive(Template)]
#[template(path = "desk/statistics.html")]
struct StatisticsPage {
    chrome: Chrome,
    chart: String,
    checkins: Vec<CheckinLine>,
    usage: Vec<UsageLine>,
    min: i64,
    weeks: i64,
}

/// GET /statistics (operators and coordinators).
pub async fn page(State(state): State<DeskState>, signed: Signed) -> Response {
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    let weeks = complete_weeks(today, WEEKS);
    let read =
        async { Ok::<_, StoreError>((state.store.checkin_table(weeks).await?, state.store.usage_weeks(weeks).await?)) };
    let kept = match state.statistics.get_or_compute(weeks, read).await {
        Ok(kept) => kept,
        Err(error) => {
            tracing::error!(%error, "cannot read the statistics");
            return page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error");
        }
    };
    let (rows, usage) = (&kept.0, &kept.1);
    let tr = &signed.chrome.tr;
    let mondays: Vec<NaiveDate> = (0..WEEKS).map(|i| weeks.0 + Duration::weeks(i64::from(i))).collect();
    let national =
        |week: &NaiveDate| rows.iter().find(|r| r.week == *week && r.area == Area::All).and_then(|r| r.figures);
    let series = [
        Series {
            label: tr.t("desk-stats-mean"),
            values: mondays.iter().map(|w| national(w).map(|f| f.mean)).collect(),
        },
        Series {
            label: tr.t("desk-stats-low"),
            values: mondays.iter().map(|w| national(w).map(|f| f.low_share * 100.0)).collect(),
        },
    ];
    let labels: Vec<String> = mondays.iter().map(|w| w.format("%d.%m").to_string()).collect();
    let chart = chart::svg(&tr.t("desk-stats-chart"), &labels, &series);
    // Each area named once: the table repeats every oblast each week, and
    // a code the gazetteer does not know is looked up by name, slowly.
    let mut names: HashMap<&Area, String> = HashMap::new();
    let checkins = rows
        .iter()
        .map(|row| {
            let (count, mean, low) = figures(row.figures, tr.language);
            CheckinLine {
                week: week_label(row.week),
                area: names.entry(&row.area).or_insert_with(|| area_name(&row.area, tr)).clone(),
                total: row.area == Area::All,
                count,
                mean,
                low,
            }
        })
        .collect();
    let usage = mondays
        .iter()
        .rev()
        .map(|week| {
            let counted = usage
                .iter()
                .find(|u| u.week == *week)
                .copied()
                .unwrap_or(UsageWeek { week: *week, ..UsageWeek::default() });
            UsageLine {
                week: week_label(*week),
                searches: count(counted.searches),
                cards: count(counted.cards),
                signups: count(counted.signups),
                subscriptions: count(counted.subscriptions),
            }
        })
        .collect();
    page::html(&StatisticsPage {
        chrome: signed.chrome,
        chart,
        checkins,
        usage,
        min: MIN_CELL,
        weeks: i64::from(WEEKS),
    })
}

/// "2026-W47 · 16.11.2026": the ISO week and its Monday.
pub fn week_label(week: NaiveDate) -> String {
    format!("{} · {}", week.format("%G-W%V"), week.format("%d.%m.%Y"))
}

/// A count as published: the number, or "<10" when hidden.
pub fn count(value: i64) -> String {
    shown(value).map_or_else(|| format!("<{MIN_CELL}"), |n| n.to_string())
}

fn figures(figures: Option<Figures>, language: Language) -> (String, String, String) {
    match figures {
        Some(f) => (
            f.count.to_string(),
            decimal(f.mean, 1, language),
            format!("{}%", decimal(f.low_share * 100.0, 0, language)),
        ),
        None => (format!("<{MIN_CELL}"), "–".into(), "–".into()),
    }
}

/// A number with `digits` decimals: a comma in Ukrainian, a point in English.
fn decimal(value: f64, digits: usize, language: Language) -> String {
    let text = format!("{value:.digits$}");
    match language {
        Language::Uk => text.replace('.', ","),
        Language::En => text,
    }
}

fn area_name(area: &Area, tr: &Tr) -> String {
    match area {
        Area::All => tr.t("desk-stats-all"),
        Area::NotShared => tr.t("desk-stats-not-shared"),
        Area::Oblast(code) => area::oblast(code, tr.language),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_numbers_have_a_decimal_comma_and_small_counts_are_hidden() {
        assert_eq!(decimal(62.34, 1, Language::Uk), "62,3");
        assert_eq!(decimal(62.34, 1, Language::En), "62.3");
        assert_eq!(count(9), "<10");
        assert_eq!(count(10), "10");
        let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        assert_eq!(week_label(monday), "2026-W47 · 16.11.2026");
    }
}
