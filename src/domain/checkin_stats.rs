//! Aggregate check-in statistics with small cells suppressed, so that no
//! figure describes fewer than [`MIN_CELL`] check-ins, not even by
//! subtracting the shown cells from a week's total.

use chrono::{Datelike, Duration, NaiveDate};

/// The fewest check-ins a published figure may describe.
pub const MIN_CELL: i64 = 10;

/// A count as it may be published: itself from [`MIN_CELL`] up, `None`
/// (hidden) below. Every published count goes through here: the check-in
/// table, the desk's usage figures and its table of far searches.
pub fn shown(count: i64) -> Option<i64> {
    (count >= MIN_CELL).then_some(count)
}

/// The complete weeks to show on `today`: the Monday of the first of the
/// last `weeks` (at least one), and the last day, the Sunday before
/// `today`'s week. The current week is never shown: its figures, read before
/// and after one more check-in, would give that check-in away.
pub fn complete_weeks(today: NaiveDate, weeks: u32) -> (NaiveDate, NaiveDate) {
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    (this_monday - Duration::weeks(i64::from(weeks.max(1))), this_monday - Duration::days(1))
}

/// Raw sums for one week (its Monday) and one oblast (`None`: not shared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSums {
    pub week: NaiveDate,
    pub oblast: Option<String>,
    pub count: i64,
    /// Sum of the 0–100 scores.
    pub score_sum: i64,
    /// Check-ins scoring 50 or less.
    pub low: i64,
}

/// Which check-ins a row describes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Every check-in of the week.
    All,
    /// An oblast by KATOTTH code.
    Oblast(String),
    /// Check-ins whose oblast was not shared.
    NotShared,
}

/// Published figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub count: i64,
    /// Mean 0–100 score.
    pub mean: f64,
    /// Share (0–1) scoring 50 or less.
    pub low_share: f64,
}

/// One row of the table; `figures` is `None` when suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsRow {
    pub week: NaiveDate,
    pub area: Area,
    pub figures: Option<Figures>,
}

/// Rows for every week (oldest first): the week's total, then each oblast
/// and "not shared". A cell under [`MIN_CELL`] is suppressed; if the
/// suppressed cells of a week add up to fewer than [`MIN_CELL`] (so the
/// total would give them away), the smallest shown cells are suppressed too
/// until they do not.
pub fn suppressed_table(mut cells: Vec<CellSums>) -> Vec<StatsRow> {
    cells.sort_by_key(|a| (a.week, area_of(a)));
    let mut rows = Vec::new();
    for week_cells in cells.chunk_by(|a, b| a.week == b.week) {
        let week = week_cells[0].week;
        let total = CellSums {
            week,
            oblast: None,
            count: week_cells.iter().map(|c| c.count).sum(),
            score_sum: week_cells.iter().map(|c| c.score_sum).sum(),
            low: week_cells.iter().map(|c| c.low).sum(),
        };
        let total_shown = shown(total.count).is_some();
        rows.push(StatsRow { week, area: Area::All, figures: total_shown.then(|| figures(&total)) });
        let mut hidden: Vec<bool> = week_cells.iter().map(|c| shown(c.count).is_none()).collect();
        loop {
            let hidden_count: i64 = week_cells.iter().zip(&hidden).filter(|(_, h)| **h).map(|(c, _)| c.count).sum();
            if !total_shown || hidden_count == 0 || shown(hidden_count).is_some() {
                break;
            }
            let smallest_shown =
                week_cells.iter().enumerate().filter(|(i, _)| !hidden[*i]).min_by_key(|(_, c)| c.count).map(|(i, _)| i);
            match smallest_shown {
                Some(i) => hidden[i] = true,
                None => break,
            }
        }
        for (cell, hidden) in week_cells.iter().zip(hidden) {
            rows.push(StatsRow { week, area: area_of(cell), figures: (!hidden).then(|| figures(cell)) });
        }
    }
    rows
}

fn area_of(cell: &CellSums) -> Area {
    match &cell.oblast {
        Some(code) => Area::Oblast(code.clone()),
        None => Area::NotShared,
    }
}

#[allow(clippy::cast_precision_loss)]
fn figures(cell: &CellSums) -> Figures {
    let count = cell.count.max(1) as f64;
    Figures { count: cell.count, mean: cell.score_sum as f64 / count, low_share: cell.low as f64 / count }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monday() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 16).expect("valid date")
    }

    fn cell(oblast: Option<&str>, count: i64) -> CellSums {
        CellSums { week: monday(), oblast: oblast.map(str::to_owned), count, score_sum: count * 60, low: count / 3 }
    }

    fn shown(rows: &[StatsRow], area: &Area) -> bool {
        rows.iter().find(|r| &r.area == area).and_then(|r| r.figures).is_some()
    }

    #[test]
    fn cells_under_ten_are_suppressed_and_ten_is_shown() {
        // B and D together (13) cannot be told apart from the total.
        let rows = suppressed_table(vec![
            cell(Some("A"), 10),
            cell(Some("B"), 9),
            cell(Some("D"), 4),
            cell(Some("C"), 30),
            cell(None, 12),
        ]);
        assert!(!shown(&rows, &Area::Oblast("D".into())));
        assert!(shown(&rows, &Area::Oblast("A".into())));
        assert!(!shown(&rows, &Area::Oblast("B".into())));
        assert!(shown(&rows, &Area::All));
        let a = rows.iter().find(|r| r.area == Area::Oblast("A".into())).and_then(|r| r.figures).expect("shown");
        assert_eq!(a.count, 10);
        assert!((a.mean - 60.0).abs() < 1e-9);
        assert!((a.low_share - 0.3).abs() < 1e-9);
    }

    #[test]
    fn a_lone_small_cell_cannot_be_recovered_from_the_total() {
        // B (9) alone would be total − A − C − not shared: the smallest
        // shown cell (A, 10) is hidden with it.
        let rows = suppressed_table(vec![cell(Some("A"), 10), cell(Some("B"), 9), cell(Some("C"), 30), cell(None, 12)]);
        assert!(!shown(&rows, &Area::Oblast("A".into())));
        assert!(!shown(&rows, &Area::Oblast("B".into())));
        assert!(shown(&rows, &Area::Oblast("C".into())));
        assert!(shown(&rows, &Area::NotShared));
        assert!(shown(&rows, &Area::All));
    }

    #[test]
    fn small_cells_adding_up_to_ten_need_no_second_suppression() {
        let rows = suppressed_table(vec![cell(Some("A"), 6), cell(Some("B"), 5), cell(Some("C"), 11)]);
        assert!(!shown(&rows, &Area::Oblast("A".into())));
        assert!(!shown(&rows, &Area::Oblast("B".into())));
        assert!(shown(&rows, &Area::Oblast("C".into())));
    }

    #[test]
    fn a_week_under_ten_shows_nothing() {
        let rows = suppressed_table(vec![cell(Some("A"), 4), cell(None, 5)]);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.figures.is_none()));
    }

    #[test]
    fn a_count_is_published_from_ten_up() {
        assert_eq!(super::shown(9), None);
        assert_eq!(super::shown(0), None);
        assert_eq!(super::shown(10), Some(10));
    }

    #[test]
    fn only_complete_weeks_are_shown() {
        // Wednesday 25 November 2026: the last complete week ended on Sunday the 22nd.
        let wednesday = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date");
        assert_eq!(complete_weeks(wednesday, 2), (monday() - Duration::weeks(1), monday() + Duration::days(6)));
        let next_monday = monday() + Duration::weeks(1);
        assert_eq!(complete_weeks(next_monday, 1), (monday(), monday() + Duration::days(6)));
        assert_eq!(complete_weeks(next_monday, 0), complete_weeks(next_monday, 1));
    }

    #[test]
    fn weeks_come_oldest_first_each_with_its_total_first() {
        let mut later = cell(Some("A"), 20);
        later.week = monday() + chrono::Duration::days(7);
        let rows = suppressed_table(vec![later, cell(Some("A"), 20)]);
        let order: Vec<(NaiveDate, Area)> = rows.into_iter().map(|r| (r.week, r.area)).collect();
        assert_eq!(order[0], (monday(), Area::All));
        assert_eq!(order[2].1, Area::All);
        assert!(order[2].0 > order[0].0);
    }
}
