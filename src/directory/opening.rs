//! Opening hours: OpenStreetMap `opening_hours` rules (parsed by the maintained
//! `opening-hours` crate) evaluated in Europe/Kyiv local time, with Ukraine's
//! public holidays for `PH` rules.
//!
//! Shown as people read them: comments ("за попереднім записом") are kept,
//! an open end (`09:00+`) is "from 9:00" rather than "until 24:00", hours
//! past midnight (`22:00-02:00`) stand on the day they start, and a week
//! with no opening (`week 01-53/2`) gives way to the next week that has one.
//! Times of sunrise, sunset, dawn and dusk are refused: the crate would need
//! each centre's coordinates for them and otherwise takes 7:00 and 19:00,
//! and a centre's staff keep clock hours.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};
use opening_hours::localization::Country;
use opening_hours::{Context, OpeningHours, RuleKind};
use opening_hours_syntax::rules::time::Time;

/// How many weeks ahead a card looks for one with an opening (a rule for
/// every other week, or a long holiday).
const WEEKS_AHEAD: i64 = 8;

/// Intervals longer than this count as endless when finding the next change.
/// Without a bound the `opening-hours` crate looks for the end of an interval
/// day by day up to the year 10,000: "Mo-Su" (open all day, every day) took
/// over a minute per status (found by the `opening_hours` fuzz target). A
/// month is longer than any closure a card should count down to ("opens on
/// 8 January" after the holidays); past it, open is "always open" and closed
/// is "closed".
const ENDLESS_AFTER_DAYS: i64 = 31;

/// Minutes in a day.
const DAY: u16 = 24 * 60;

/// A centre's opening hours, parsed once when the directory is built.
#[derive(Debug, Clone)]
pub struct Hours {
    /// Evaluated with Ukrainian public holidays, for "open now".
    with_holidays: OpeningHours,
    /// Evaluated without them, for the typical week shown on a card: a card
    /// should not say "Monday: closed" because this Monday is a holiday.
    typical: OpeningHours,
    /// Start times (minutes from midnight) of open-ended spans (`09:00+`):
    /// the crate evaluates them as open until midnight.
    open_ends: Vec<u16>,
    /// The rules' comments, in order, each once.
    comments: Vec<String>,
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
    /// Open now since the given local time, with no closing time given
    /// (`Mo-Fr 09:00+`).
    OpenSince(NaiveDateTime),
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
    /// An end may pass 24:00 (1,440) for hours that run past midnight: they
    /// stand on the day they start, not as pieces on the next.
    pub intervals: Vec<(u16, u16)>,
    /// Open from this time with no closing time given (`09:00+`).
    pub open_from: Option<u16>,
    /// Neither open nor closed by the rules (`unknown`, e.g. by appointment)
    /// and no opening: not to be shown as closed.
    pub unknown: bool,
}

impl DaySpan {
    fn has_opening(&self) -> bool {
        !self.intervals.is_empty() || self.open_from.is_some()
    }
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
        let expression = typical.get_expression();
        let spans = || expression.rules.iter().flat_map(|rule| rule.time_selector.spans.iter());
        if spans().any(|span| span.range.start.as_time_event().is_some() || span.range.end.as_time_event().is_some()) {
            return Err(InvalidHours(
                "times of sunrise, sunset, dawn or dusk are not accepted: write the centre's hours as clock times, \
                 e.g. Mo-Fr 08:00-17:00"
                    .into(),
            ));
        }
        let open_ends = spans()
            .filter(|span| span.open_end)
            .filter_map(|span| match span.range.start {
                Time::Fixed(at) => Some(at.mins_from_midnight()),
                Time::Variable(_) => None,
            })
            .collect();
        let mut comments: Vec<String> = Vec::new();
        for comment in expression.rules.iter().map(|rule| rule.comment.trim()).filter(|c| !c.is_empty()) {
            if !comments.iter().any(|c| c == comment) {
                comments.push(comment.to_owned());
            }
        }
        let context = Context::default()
            .with_holidays(Country::UA.holidays())
            .approx_bound_interval_size(Duration::days(ENDLESS_AFTER_DAYS));
        let with_holidays = typical.clone().with_context(context);
        Ok(Self { with_holidays, typical, open_ends, comments })
    }

    /// The rules' comments ("за попереднім записом"), to show with the hours.
    pub fn comments(&self) -> &[String] {
        &self.comments
    }

    /// The state at a local (Europe/Kyiv) moment.
    pub fn status(&self, now: NaiveDateTime) -> Status {
        let (kind, _) = self.with_holidays.state(now);
        let next = self.with_holidays.next_change(now);
        match (kind, next) {
            (RuleKind::Open, None) => Status::AlwaysOpen,
            (RuleKind::Open, Some(at)) => match self.open_end_around(now) {
                Some(since) => Status::OpenSince(since),
                None => Status::OpenUntil(at),
            },
            (RuleKind::Closed, Some(at)) if self.with_holidays.is_open(at) => Status::ClosedUntil(at),
            (RuleKind::Closed, Some(at)) => self.next_opening_after(at),
            (RuleKind::Closed, None) => Status::Closed,
            (RuleKind::Unknown, _) => Status::Unknown,
        }
    }

    /// The start of the open-ended span `now` is in, if it is in one.
    fn open_end_around(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let minute = u16::try_from(now.hour() * 60 + now.minute()).ok()?;
        self.with_holidays
            .schedule_at(now.date())
            .into_iter()
            .filter(|r| r.kind == RuleKind::Open)
            .map(|r| (r.range.start.mins_from_midnight(), r.range.end.mins_from_midnight()))
            .find(|&(from, to)| from <= minute && minute < to && to == DAY && self.open_ends.contains(&from))
            .and_then(|(from, _)| now.date().and_hms_opt(u32::from(from / 60), u32::from(from % 60), 0))
    }

    /// The typical week to show on a card, Monday to Sunday, days with equal
    /// hours merged: the week of `any_day_of_week`, or when it has no opening,
    /// the first of the next weeks that has one ([`Hours::week_shown`] says
    /// which). Empty when no week ahead has an opening (hours that are only
    /// `unknown`, or words kept as a comment).
    pub fn week(&self, any_day_of_week: NaiveDate) -> Vec<DaySpan> {
        self.week_shown(any_day_of_week).map(|monday| self.week_from(monday)).unwrap_or_default()
    }

    /// The Monday of the week [`Hours::week`] shows, if any.
    pub fn week_shown(&self, any_day_of_week: NaiveDate) -> Option<NaiveDate> {
        let monday = any_day_of_week - Duration::days(i64::from(any_day_of_week.weekday().num_days_from_monday()));
        (0..WEEKS_AHEAD)
            .map(|week| monday + Duration::weeks(week))
            .find(|&monday| self.week_from(monday).iter().any(DaySpan::has_opening))
    }

    fn week_from(&self, monday: NaiveDate) -> Vec<DaySpan> {
        // From the Sunday before to the Monday after, for hours past midnight.
        let days: Vec<Vec<(u16, u16, RuleKind)>> = (-1..8)
            .map(|offset| {
                self.typical
                    .schedule_at(monday + Duration::days(offset))
                    .into_iter()
                    .filter(|r| r.kind != RuleKind::Closed)
                    .map(|r| (r.range.start.mins_from_midnight(), r.range.end.mins_from_midnight(), r.kind))
                    .collect()
            })
            .collect();
        let open = |day: usize| days[day].iter().filter(|r| r.2 == RuleKind::Open).map(|&(a, b, _)| (a, b));
        // A piece from midnight that continues the previous evening belongs to that evening.
        let spills_into = |day: usize| {
            let spill = open(day).find(|&(from, to)| from == 0 && to < DAY)?;
            open(day - 1).any(|(from, to)| from > 0 && to == DAY).then_some(spill.1)
        };
        let mut spans: Vec<DaySpan> = Vec::new();
        for (day, date) in (1..8).zip(monday.iter_days()) {
            let spill = spills_into(day);
            let next_spill = spills_into(day + 1);
            let mut span = DaySpan {
                first: date.weekday(),
                last: date.weekday(),
                intervals: Vec::new(),
                open_from: None,
                unknown: false,
            };
            for (from, to) in open(day) {
                if spill.is_some() && from == 0 {
                    continue;
                }
                match (to == DAY, next_spill) {
                    (true, Some(end)) if from > 0 => span.intervals.push((from, DAY + end)),
                    (true, _) if self.open_ends.contains(&from) => span.open_from = Some(from),
                    _ => span.intervals.push((from, to)),
                }
            }
            span.unknown = !span.has_opening() && days[day].iter().any(|&(_, _, kind)| kind == RuleKind::Unknown);
            match spans.last_mut() {
                Some(last)
                    if (last.intervals.as_slice(), last.open_from, last.unknown)
                        == (span.intervals.as_slice(), span.open_from, span.unknown) =>
                {
                    last.last = span.last;
                }
                _ => spans.push(span),
            }
        }
        spans
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

    fn span(first: Weekday, last: Weekday, intervals: Vec<(u16, u16)>) -> DaySpan {
        DaySpan { first, last, intervals, open_from: None, unknown: false }
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
                span(Weekday::Mon, Weekday::Fri, vec![(540, 1080)]),
                span(Weekday::Sat, Weekday::Sat, vec![(600, 840)]),
                span(Weekday::Sun, Weekday::Sun, vec![]),
            ]
        );
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

    #[test]
    fn sun_times_are_refused_with_the_way_to_write_them() {
        for raw in ["sunrise-sunset", "Mo-Fr 09:00-sunset", "Sa (sunrise+01:00)-18:00", "dawn-dusk"] {
            let error = Hours::parse(raw).expect_err(raw);
            assert!(error.0.contains("clock times"), "{raw}: {error}");
        }
        assert!(Hours::parse("Mo-Fr 09:00-18:00 \"sunset walks\"").is_ok(), "a comment is only words");
    }

    #[test]
    fn comments_are_kept_to_be_shown() {
        let hours =
            Hours::parse("Mo-Fr 09:00-18:00 \"за попереднім записом\"; Sa 10:00-14:00 \"за попереднім записом\"")
                .expect("valid");
        assert_eq!(hours.comments(), ["за попереднім записом"]);
        assert!(Hours::parse("Mo-Fr 09:00-18:00").expect("valid").comments().is_empty());
    }

    #[test]
    fn an_open_end_is_open_from_its_start_not_until_midnight() {
        let hours = Hours::parse("Mo-Fr 09:00+").expect("valid");
        assert_eq!(hours.status(at(MONDAY, 14, 0)), Status::OpenSince(at(MONDAY, 9, 0)));
        let week = hours.week(at(MONDAY, 0, 0).date());
        assert_eq!(week[0], DaySpan { open_from: Some(540), ..span(Weekday::Mon, Weekday::Fri, vec![]) });
        // An explicit midnight closing is still a closing time.
        let hours = Hours::parse("Mo-Fr 09:00-24:00").expect("valid");
        assert_eq!(hours.status(at(MONDAY, 14, 0)), Status::OpenUntil(at((2026, 11, 24), 0, 0)));
    }

    #[test]
    fn hours_past_midnight_stand_on_the_day_they_start() {
        let hours = Hours::parse("Mo-Fr 22:00-02:00").expect("valid");
        assert_eq!(
            hours.week(at(MONDAY, 0, 0).date()),
            vec![span(Weekday::Mon, Weekday::Fri, vec![(1320, 1560)]), span(Weekday::Sat, Weekday::Sun, vec![])]
        );
        let always = Hours::parse("24/7").expect("valid");
        assert_eq!(always.week(at(MONDAY, 0, 0).date()), vec![span(Weekday::Mon, Weekday::Sun, vec![(0, 1440)])]);
    }

    #[test]
    fn an_off_week_of_an_every_other_week_rule_shows_the_next_week_that_opens() {
        // 2026-11-23 is in ISO week 48, an even week: closed under week 01-53/2.
        let hours = Hours::parse("week 01-53/2 Mo-Fr 09:00-18:00").expect("valid");
        let today = at(MONDAY, 12, 0);
        assert_eq!(hours.week_shown(today.date()), Some(NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")));
        assert_eq!(hours.week(today.date())[0], span(Weekday::Mon, Weekday::Fri, vec![(540, 1080)]));
        assert_eq!(hours.status(today), Status::ClosedUntil(at((2026, 11, 30), 9, 0)));
    }

    #[test]
    fn hours_only_in_words_have_no_week_and_an_unknown_status() {
        let hours = Hours::parse("unknown \"коли як\"").expect("valid");
        assert!(hours.week(at(MONDAY, 0, 0).date()).is_empty());
        assert_eq!(hours.status(at(MONDAY, 12, 0)), Status::Unknown);
        assert_eq!(hours.comments(), ["коли як"]);
        let saturday = Hours::parse("Mo-Fr 09:00-18:00; Sa unknown \"за записом\"").expect("valid");
        let week = saturday.week(at(MONDAY, 0, 0).date());
        assert_eq!(week[1], DaySpan { unknown: true, ..span(Weekday::Sat, Weekday::Sat, vec![]) });
    }
}
