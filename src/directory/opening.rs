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
mod tests;
