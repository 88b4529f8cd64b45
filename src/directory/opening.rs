//! Opening hours: OpenStreetMap `opening_hours` rules (parsed by the maintained
//! `opening-hours` crate) evaluated in Europe/Kyiv local time, with Ukraine's
//! public holidays for `PH` rules.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use opening_hours::localization::Country;
use opening_hours::{Context, OpeningHours, RuleKind};

/// Intervals longer than this count as endless when finding the next change.
/// Without a bound the `opening-hours` crate looks for the end of an interval
/// day by day up to the year 10,000: "Mo-Su" (open all day, every day) took
/// over a minute per status (found by the `opening_hours` fuzz target). A
/// month is longer than any closure a card should count down to ("opens on
/// 8 January" after the holidays); past it, open is "always open" and closed
/// is "closed".
const ENDLESS_AFTER_DAYS: i64 = 31;

/// A centre's opening hours, parsed once when the directory is built.
#[derive(Debug, Clone)]
pub struct Hours {
    /// Evaluated with Ukrainian public holidays, for "open now".
    with_holidays: OpeningHours,
    /// Evaluated without them, for the typical week shown on a card: a card
    /// should not say "Monday: closed" because this Monday is a holiday.
    typical: OpeningHours,
}

/// Why an `opening_hours` value was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid opening_hours: {0}")]
pub struct InvalidHours(pub String);

/// Whether a centre is open at a moment, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Open and never closes (24/7).
    AlwaysOpen,
    /// Open now; closes at the given local time.
    OpenUntil(NaiveDateTime),
    /// Closed now; opens at the given local time.
    ClosedUntil(NaiveDateTime),
    /// Closed now, with no opening in the rules' horizon.
    Closed,
    /// The rules say the state is unknown now (e.g. "by appointment").
    Unknown,
}

/// Consecutive weekdays that share the same opening times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySpan {
    pub first: Weekday,
    pub last: Weekday,
    /// Opening intervals as minutes from midnight; empty when closed all day.
    /// An end may pass 24:00 (1,440) for hours that run past midnight.
    pub intervals: Vec<(u16, u16)>,
}

impl Hours {
    pub fn parse(raw: &str) -> Result<Self, InvalidHours> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(InvalidHours("empty".into()));
        }
        if has_day_long_period(raw) {
            return Err(InvalidHours("a repeat period of 24:00 repeats nothing within a day".into()));
        }
        let typical = raw.parse::<OpeningHours>().map_err(|e| InvalidHours(e.to_string()))?;
        let context = Context::default()
            .with_holidays(Country::UA.holidays())
            .approx_bound_interval_size(Duration::days(ENDLESS_AFTER_DAYS));
        let with_holidays = typical.clone().with_context(context);
        Ok(Self { with_holidays, typical })
    }

    /// The state at a local (Europe/Kyiv) moment.
    pub fn status(&self, now: NaiveDateTime) -> Status {
        let (kind, _) = self.with_holidays.state(now);
        let next = self.with_holidays.next_change(now);
        match (kind, next) {
            (RuleKind::Open, None) => Status::AlwaysOpen,
            (RuleKind::Open, Some(at)) => Status::OpenUntil(at),
            (RuleKind::Closed, Some(at)) if self.with_holidays.is_open(at) => Status::ClosedUntil(at),
            (RuleKind::Closed, Some(at)) => self.next_opening_after(at),
            (RuleKind::Closed, None) => Status::Closed,
            (RuleKind::Unknown, _) => Status::Unknown,
        }
    }

    /// The typical week from Monday to Sunday, days with equal hours merged.
    pub fn week(&self, any_day_of_week: NaiveDate) -> Vec<DaySpan> {
        let monday = any_day_of_week - Duration::days(i64::from(any_day_of_week.weekday().num_days_from_monday()));
        let mut spans: Vec<DaySpan> = Vec::new();
        for offset in 0..7 {
            let date = monday + Duration::days(offset);
            let intervals: Vec<(u16, u16)> = self
                .typical
                .schedule_at(date)
                .into_iter()
                .filter(|range| range.kind == RuleKind::Open)
                .map(|range| (range.range.start.mins_from_midnight(), range.range.end.mins_from_midnight()))
                .collect();
            match spans.last_mut() {
                Some(span) if span.intervals == intervals => span.last = date.weekday(),
                _ => spans.push(DaySpan { first: date.weekday(), last: date.weekday(), intervals }),
            }
        }
        spans
    }

    /// Whether the typical week of `from` says everything about the `days`
    /// days from `from`: every one of them, public holidays applied, has the
    /// hours of its weekday in that week, and the week is only open or closed
    /// (no "unknown" times, no comments). False when the rules hold what a
    /// weekly repetition cannot say: "PH off", date ranges, "by appointment".
    pub fn repeats_weekly(&self, from: NaiveDate, days: u32) -> bool {
        let monday = from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
        let week: Vec<_> = (0..7).map(|offset| self.typical.schedule_at(monday + Duration::days(offset))).collect();
        let plain = week
            .iter()
            .flat_map(|day| day.clone())
            .all(|range| matches!(range.kind, RuleKind::Open | RuleKind::Closed) && range.comment.is_empty());
        plain
            && (0..i64::from(days)).all(|offset| {
                let date = from + Duration::days(offset);
                let weekday = date.weekday().num_days_from_monday() as usize;
                self.with_holidays.schedule_at(date) == week[weekday]
            })
    }

    /// After a change to "closed" or "unknown", the next moment it is open.
    fn next_opening_after(&self, mut at: NaiveDateTime) -> Status {
        // A week of changes is enough: a longer search means "not open soon".
        for _ in 0..32 {
            match self.with_holidays.next_change(at) {
                Some(next) if self.with_holidays.is_open(next) => return Status::ClosedUntil(next),
                Some(next) => at = next,
                None => break,
            }
        }
        Status::Closed
    }
}

/// Whether a time span repeats every 24:00 ("10:00-16:00/24:00"). The
/// `opening-hours-syntax` parser (2.1.4) takes such a period for an error in
/// its own grammar and, in builds with debug assertions (tests, `scripts/chat`),
/// panics on it instead of refusing the value (found by the `opening_hours`
/// fuzz target); so it is refused here first. Quoted comments are skipped.
fn has_day_long_period(raw: &str) -> bool {
    let mut in_comment = false;
    raw.char_indices().any(|(i, c)| {
        if c == '"' {
            in_comment = !in_comment;
        }
        !in_comment && c == '/' && raw[i + 1..].trim_start().starts_with("24:00")
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;

    fn at(date: (i32, u32, u32), hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(date.0, date.1, date.2)
            .and_then(|d| d.and_time(NaiveTime::from_hms_opt(hour, minute, 0)?).into())
            .expect("valid test time")
    }

    // 2026-11-23 is a Monday.
    const MONDAY: (i32, u32, u32) = (2026, 11, 23);
    const FRIDAY: (i32, u32, u32) = (2026, 11, 27);
    const SATURDAY: (i32, u32, u32) = (2026, 11, 28);

    #[test]
    fn open_on_a_weekday_afternoon_until_six() {
        let hours = Hours::parse("Mo-Fr 09:00-18:00").expect("valid");
        assert_eq!(hours.status(at(MONDAY, 14, 0)), Status::OpenUntil(at(MONDAY, 18, 0)));
    }

    #[test]
    fn closed_on_friday_evening_opens_on_monday_morning() {
        let hours = Hours::parse("Mo-Fr 09:00-18:00").expect("valid");
        assert_eq!(hours.status(at(FRIDAY, 19, 0)), Status::ClosedUntil(at((2026, 11, 30), 9, 0)));
        assert_eq!(hours.status(at(SATURDAY, 12, 0)), Status::ClosedUntil(at((2026, 11, 30), 9, 0)));
    }

    #[test]
    fn closed_before_opening_opens_the_same_morning() {
        let hours = Hours::parse("Mo-Fr 09:00-18:00").expect("valid");
        assert_eq!(hours.status(at(MONDAY, 7, 30)), Status::ClosedUntil(at(MONDAY, 9, 0)));
    }

    #[test]
    fn a_lunch_break_is_closed_until_the_afternoon() {
        let hours = Hours::parse("Mo-Fr 09:00-13:00,14:00-18:00").expect("valid");
        assert_eq!(hours.status(at(MONDAY, 13, 30)), Status::ClosedUntil(at(MONDAY, 14, 0)));
    }

    #[test]
    fn round_the_clock_is_always_open() {
        let hours = Hours::parse("24/7").expect("valid");
        assert_eq!(hours.status(at(MONDAY, 3, 0)), Status::AlwaysOpen);
    }

    #[test]
    fn a_public_holiday_closes_a_centre_whose_rules_say_so() {
        // 2026-12-25 (Friday) is Christmas, a public holiday in Ukraine.
        let hours = Hours::parse("Mo-Fr 09:00-18:00; PH off").expect("valid");
        assert!(matches!(hours.status(at((2026, 12, 25), 12, 0)), Status::ClosedUntil(_)));
    }

    #[test]
    fn the_week_merges_days_with_equal_hours() {
        let hours = Hours::parse("Mo-Fr 09:00-18:00; Sa 10:00-14:00").expect("valid");
        let week = hours.week(NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"));
        assert_eq!(
            week,
            vec![
                DaySpan { first: Weekday::Mon, last: Weekday::Fri, intervals: vec![(540, 1080)] },
                DaySpan { first: Weekday::Sat, last: Weekday::Sat, intervals: vec![(600, 840)] },
                DaySpan { first: Weekday::Sun, last: Weekday::Sun, intervals: vec![] },
            ]
        );
    }

    #[test]
    fn only_rules_without_holidays_dates_or_unknown_times_repeat_weekly() {
        let from = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        for weekly in ["Mo-Fr 09:00-18:00", "Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00", "24/7"] {
            assert!(Hours::parse(weekly).expect("valid").repeats_weekly(from, 371), "{weekly}");
        }
        // 25 December 2026 is a public holiday; the dates and the comment
        // are what a weekly rule cannot say either.
        for exceptional in [
            "Mo-Fr 09:00-18:00; PH off",
            "Mo-Fr 09:00-18:00; Dec 24-Jan 7 off",
            "Mo-Fr 09:00-18:00; Sa 10:00-12:00 unknown",
            "Mo-Fr 09:00-18:00 \"by appointment\"",
        ] {
            assert!(!Hours::parse(exceptional).expect("valid").repeats_weekly(from, 371), "{exceptional}");
        }
    }

    #[test]
    fn open_all_day_every_day_is_always_open_without_searching_to_the_year_10000() {
        // Fuzzing regression (fuzz/regressions/opening_hours/mo-su): took over a minute.
        for raw in ["Mo-su", "Mo-Su 00:00-24:00"] {
            let hours = Hours::parse(raw).expect("valid");
            assert_eq!(hours.status(at(MONDAY, 14, 0)), Status::AlwaysOpen, "{raw}");
        }
    }

    #[test]
    fn a_closure_of_two_weeks_still_counts_down_to_the_reopening() {
        let hours = Hours::parse("Mo-Fr 09:00-18:00; Dec 24-Jan 7 off").expect("valid");
        assert_eq!(hours.status(at((2026, 12, 26), 12, 0)), Status::ClosedUntil(at((2027, 1, 8), 9, 0)));
    }

    #[test]
    fn a_repeat_period_of_a_whole_day_is_refused_not_a_panic() {
        // Fuzzing regression (fuzz/regressions/opening_hours/period-24h): the
        // parser's debug assertion fired on it.
        for raw in ["9:00-1:00/24:00", "Fr 09:00-18:00/ 24:00; Mo 09:00-11:00"] {
            assert!(Hours::parse(raw).is_err(), "{raw:?}");
        }
        assert!(Hours::parse("Mo-Fr 10:00-16:00/01:30").is_ok());
        assert!(Hours::parse("Mo-Fr 10:00-16:00 \"not /24:00\"").is_ok());
    }

    #[test]
    fn invalid_rules_are_refused_with_a_reason() {
        for raw in ["", "   ", "Mo-Fr 9-18 o'clock", "Xx 10:00-12:00", "Mo-Fr 25:00-26:00"] {
            assert!(Hours::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }
}
