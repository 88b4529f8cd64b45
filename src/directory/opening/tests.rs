//! Tests of [`super`]: tables of inputs and what they must give.

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
    let hours = Hours::parse("Mo-Fr 09:00-18:00 \"за попереднім записом\"; Sa 10:00-14:00 \"за попереднім записом\"")
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
