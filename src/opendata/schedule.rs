//! Opening hours as HSDS `schedule` rows: one weekly RRULE (RFC 5545 `freq`,
//! `byday`) per distinct opening interval, in Kyiv local time with the UTC
//! offset in force, and what a weekly rule cannot say in `notes`.
//!
//! HSDS 3.0 gives `timezone` as a number (a UTC offset), not a zone name.
//! Kyiv keeps +2 in winter and +3 in summer, so each row says the offset of
//! the period it is published in and is valid (`valid_from`, `valid_to`)
//! only for that period; the API publishes the next period's offset from
//! the day it begins.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Kyiv;

use crate::directory::Hours;

/// How far ahead the rules are checked for exceptions (public holidays,
/// dates): a year and a week, so every holiday of the year is seen.
pub const EXCEPTIONS_CHECKED_DAYS: u32 = 371;

/// How far a change of Kyiv's UTC offset is looked for, either way.
const OFFSET_SEARCH_DAYS: i64 = 400;

/// A stretch of time in which Kyiv keeps one UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OffsetPeriod {
    /// Hours east of UTC: 2 in winter, 3 in summer.
    pub hours: i32,
    /// The first local day wholly in the period; `None` when no change
    /// happened within the search.
    pub first_day: Option<NaiveDate>,
    /// The last local day wholly in the period.
    pub last_day: Option<NaiveDate>,
    /// When the period ends (the offset changes).
    pub ends_at: Option<DateTime<Utc>>,
}

impl OffsetPeriod {
    /// The period that contains `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        let seconds = offset_seconds(now);
        let begins_at = change_between(now, now - Duration::days(OFFSET_SEARCH_DAYS), seconds);
        let ends_at = change_between(now, now + Duration::days(OFFSET_SEARCH_DAYS), seconds);
        // A change happens at night: the day it happens on is the first day of the new period.
        let local_day = |at: DateTime<Utc>| Kyiv.from_utc_datetime(&at.naive_utc()).date_naive();
        Self {
            hours: seconds / 3600,
            first_day: begins_at.map(local_day),
            last_day: ends_at.map(|at| local_day(at) - Duration::days(1)),
            ends_at,
        }
    }

    /// "+03:00".
    pub fn suffix(&self) -> String {
        let sign = if self.hours < 0 { '-' } else { '+' };
        format!("{sign}{:02}:00", self.hours.abs())
    }
}

fn offset_seconds(at: DateTime<Utc>) -> i32 {
    Kyiv.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
}

/// The moment between `from` and `to` (either order) where the offset first
/// differs from `seconds` when walking from `from`, to the minute; `None`
/// when it never does.
fn change_between(from: DateTime<Utc>, to: DateTime<Utc>, seconds: i32) -> Option<DateTime<Utc>> {
    let step = if to > from { Duration::days(1) } else { Duration::days(-1) };
    let mut near = from;
    loop {
        let far = near + step;
        if (step > Duration::zero() && far > to) || (step < Duration::zero() && far < to) {
            return None;
        }
        if offset_seconds(far) != seconds {
            // Bisect between a moment with the old offset and one with the new.
            let (mut same, mut changed) = (near, far);
            while (changed - same).num_seconds().abs() > 60 {
                let middle = same + (changed - same) / 2;
                if offset_seconds(middle) == seconds { same = middle } else { changed = middle }
            }
            return Some(if step > Duration::zero() { changed } else { same });
        }
        near = far;
    }
}

/// The weekly part of a centre's opening hours: which weekdays share each
/// opening interval.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Week {
    pub rows: Vec<WeeklyRow>,
    /// Whether the rules say more than the rows (see [`Hours::repeats_weekly`]).
    pub has_exceptions: bool,
}

/// One interval and the weekdays it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WeeklyRow {
    pub days: Vec<Weekday>,
    /// Minutes from midnight; `closes` may pass 1,440 (after midnight).
    pub opens: u16,
    pub closes: u16,
}

impl Week {
    /// The typical week of `today` and whether the year ahead keeps to it.
    pub fn of(hours: &Hours, today: NaiveDate) -> Self {
        let mut rows: Vec<WeeklyRow> = Vec::new();
        for span in hours.week(today) {
            let days = (span.first.num_days_from_monday()..=span.last.num_days_from_monday())
                .filter_map(|n| Weekday::try_from(u8::try_from(n).ok()?).ok());
            for day in days {
                for &(opens, closes) in &span.intervals {
                    match rows.iter_mut().find(|row| row.opens == opens && row.closes == closes) {
                        Some(row) => row.days.push(day),
                        None => rows.push(WeeklyRow { days: vec![day], opens, closes }),
                    }
                }
            }
        }
        rows.sort_by_key(|row| (row.days.first().map(|d| d.num_days_from_monday()), row.opens));
        Self { rows, has_exceptions: !hours.repeats_weekly(today, EXCEPTIONS_CHECKED_DAYS) }
    }
}

impl WeeklyRow {
    /// RFC 5545 BYDAY: "MO,TU,WE,TH,FR".
    pub fn byday(&self) -> String {
        self.days.iter().map(|day| rfc5545_day(*day)).collect::<Vec<_>>().join(",")
    }

    /// "09:00+02:00". Open all day is 00:00–23:59 (HSDS's advice for
    /// round-the-clock hours); past midnight wraps to the next day's time.
    pub fn opens_at(&self, period: &OffsetPeriod) -> String {
        clock(self.opens, period)
    }

    pub fn closes_at(&self, period: &OffsetPeriod) -> String {
        if self.closes == 24 * 60 { format!("23:59{}", period.suffix()) } else { clock(self.closes, period) }
    }
}

fn clock(minutes: u16, period: &OffsetPeriod) -> String {
    format!("{:02}:{:02}{}", (minutes / 60) % 24, minutes % 60, period.suffix())
}

/// The two-letter day of RFC 5545 (and HSDS's `wkst`).
pub fn rfc5545_day(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("valid time")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn winter_is_utc_plus_two_from_the_last_sunday_of_october_to_the_last_of_march() {
        let period = OffsetPeriod::at(utc(2026, 11, 23, 10));
        assert_eq!(period.hours, 2);
        assert_eq!(period.suffix(), "+02:00");
        assert_eq!(period.first_day, Some(day(2026, 10, 25)));
        assert_eq!(period.last_day, Some(day(2027, 3, 27)));
        // 28 March 2027, 04:00 in Kyiv is 01:00 UTC.
        assert_eq!(period.ends_at, Some(utc(2027, 3, 28, 1)));
    }

    #[test]
    fn summer_is_utc_plus_three() {
        let period = OffsetPeriod::at(utc(2026, 7, 1, 12));
        assert_eq!(period.hours, 3);
        assert_eq!(period.first_day, Some(day(2026, 3, 29)));
        assert_eq!(period.last_day, Some(day(2026, 10, 24)));
    }

    #[test]
    fn weekdays_sharing_an_interval_make_one_row() {
        let hours = Hours::parse("Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00").expect("valid");
        let week = Week::of(&hours, day(2026, 11, 23));
        let rows: Vec<_> = week.rows.iter().map(|r| (r.byday(), r.opens, r.closes)).collect();
        assert_eq!(
            rows,
            vec![
                ("MO,TU,WE,TH,FR".to_owned(), 540, 780),
                ("MO,TU,WE,TH,FR".to_owned(), 840, 1080),
                ("SA".to_owned(), 600, 840)
            ]
        );
        assert!(!week.has_exceptions);
        let winter = OffsetPeriod::at(utc(2026, 11, 23, 10));
        assert_eq!(week.rows[0].opens_at(&winter), "09:00+02:00");
        assert_eq!(week.rows[0].closes_at(&winter), "13:00+02:00");
    }

    #[test]
    fn round_the_clock_closes_at_23_59_and_a_public_holiday_is_an_exception() {
        let always = Week::of(&Hours::parse("24/7").expect("valid"), day(2026, 11, 23));
        let winter = OffsetPeriod::at(utc(2026, 11, 23, 10));
        assert_eq!(always.rows.len(), 1);
        assert_eq!(always.rows[0].byday(), "MO,TU,WE,TH,FR,SA,SU");
        assert_eq!(always.rows[0].closes_at(&winter), "23:59+02:00");
        let holidays = Week::of(&Hours::parse("Mo-Fr 09:00-18:00; PH off").expect("valid"), day(2026, 11, 23));
        assert!(holidays.has_exceptions);
    }
}
