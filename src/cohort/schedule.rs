//! Session dates: either listed one by one, or a first session and a weekly
//! pattern ("Tu,Th" at the same time). Times are Kyiv local times, stored in UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Kyiv;

/// The most sessions one cohort may have (a year of weekly meetings).
pub const MAX_SESSIONS: usize = 52;

/// Reads "2026-12-01 18:00" as a Kyiv local time.
pub fn parse_local(raw: &str) -> Result<DateTime<Utc>, String> {
    let naive = NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%d %H:%M")
        .map_err(|_| format!("{raw:?} is not a date and time like 2026-12-01 18:00"))?;
    kyiv(naive).ok_or_else(|| format!("{raw:?} does not exist or is ambiguous in Kyiv (a clock change)"))
}

/// A Kyiv local time in UTC; `None` when a clock change skips or repeats it.
pub fn kyiv(naive: NaiveDateTime) -> Option<DateTime<Utc>> {
    Kyiv.from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc))
}

/// Reads "Mo,We" (OpenStreetMap's two-letter weekdays).
pub fn parse_weekdays(raw: &str) -> Result<Vec<Weekday>, String> {
    let mut days = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let day = match part {
            "Mo" => Weekday::Mon,
            "Tu" => Weekday::Tue,
            "We" => Weekday::Wed,
            "Th" => Weekday::Thu,
            "Fr" => Weekday::Fri,
            "Sa" => Weekday::Sat,
            "Su" => Weekday::Sun,
            other => return Err(format!("{other:?} is not a weekday (Mo, Tu, We, Th, Fr, Sa, Su)")),
        };
        if !days.contains(&day) {
            days.push(day);
        }
    }
    Ok(days)
}

/// `count` sessions from `first` on the given weekdays, at the same local time.
pub fn weekly(first: DateTime<Utc>, weekdays: &[Weekday], count: usize) -> Result<Vec<DateTime<Utc>>, String> {
    let local = first.with_timezone(&Kyiv).naive_local();
    let days: Vec<Weekday> = if weekdays.is_empty() { vec![local.weekday()] } else { weekdays.to_vec() };
    if !days.contains(&local.weekday()) {
        return Err("the first session is not on one of the weekdays in \"every\"".into());
    }
    if !(1..=MAX_SESSIONS).contains(&count) {
        return Err(format!("sessions must be between 1 and {MAX_SESSIONS}"));
    }
    let mut sessions = Vec::with_capacity(count);
    let mut date: NaiveDate = local.date();
    while sessions.len() < count {
        if days.contains(&date.weekday()) {
            let at = kyiv(date.and_time(local.time()))
                .ok_or_else(|| format!("{date} {} does not exist in Kyiv (a clock change)", local.time()))?;
            sessions.push(at);
        }
        date += Duration::days(1);
    }
    Ok(sessions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_twice_weekly_pattern_keeps_the_local_time_across_the_clock_change() {
        // 2026-10-20 is a Tuesday; Kyiv moves from UTC+3 to UTC+2 on 25 October.
        let first = parse_local("2026-10-20 18:00").expect("valid");
        let days = parse_weekdays("Tu,Th").expect("valid");
        let sessions = weekly(first, &days, 4).expect("valid");
        let local: Vec<String> =
            sessions.iter().map(|s| s.with_timezone(&Kyiv).format("%a %d %H:%M").to_string()).collect();
        assert_eq!(local, vec!["Tue 20 18:00", "Thu 22 18:00", "Tue 27 18:00", "Thu 29 18:00"]);
        assert_eq!(sessions[0].format("%H:%M").to_string(), "15:00", "summer time");
        assert_eq!(sessions[2].format("%H:%M").to_string(), "16:00", "winter time");
    }

    #[test]
    fn bad_patterns_dates_and_counts_are_refused() {
        assert!(parse_local("01.12.2026 18:00").is_err());
        assert!(parse_local("2027-03-28 03:30").is_err(), "skipped by the spring clock change");
        assert!(parse_weekdays("Monday").is_err());
        let first = parse_local("2026-12-01 18:00").expect("valid");
        assert!(weekly(first, &[Weekday::Wed], 3).is_err(), "a Tuesday is not a Wednesday");
        assert!(weekly(first, &[], 0).is_err());
        assert!(weekly(first, &[], 53).is_err());
        assert_eq!(weekly(first, &[], 3).expect("weekly on its own weekday").len(), 3);
    }
}
