//! The groups CSV: one row per cohort, all rows valid or the file is refused
//! with every problem listed (the same rules as the centres CSV).
//!
//! Columns: `id,programme,centre,language,format,capacity,starts,sessions,every,dates,duration`.
//! A cohort's sessions are either `starts` + `sessions` (+ `every`, weekly on the
//! first session's weekday by default) or an explicit `dates` list.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use chrono::{DateTime, Datelike, Utc};

use super::schedule::{parse_local, parse_weekdays, weekly};
use crate::csv_table::{CsvError, Fields, read_rows};
pub use crate::domain::CohortRow;
use crate::domain::{Language, is_identifier};

pub const COLUMNS: [&str; 11] =
    ["id", "programme", "centre", "language", "format", "capacity", "starts", "sessions", "every", "dates", "duration"];
const REQUIRED: [&str; 4] = ["id", "programme", "centre", "capacity"];
/// Seats in one cohort: group programmes run with 10 to 30 people.
pub const MAX_CAPACITY: i32 = 200;

/// What the rows may refer to.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub programmes: &'a HashSet<String>,
    pub centres: &'a HashSet<String>,
    pub now: DateTime<Utc>,
}

pub fn parse(input: impl Read, known: Known<'_>) -> Result<Vec<CohortRow>, CsvError> {
    let mut rows: Vec<CohortRow> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    read_rows(input, &COLUMNS, &REQUIRED, "groups", |line, fields| {
        let row = parse_row(fields, known)?;
        if let Some(first) = seen.get(&row.id) {
            return Err(vec![format!("duplicate id {:?} (first on line {first})", row.id)]);
        }
        seen.insert(row.id.clone(), line);
        rows.push(row);
        Ok(())
    })?;
    Ok(rows)
}

fn parse_row(fields: &Fields<'_>, known: Known<'_>) -> Result<CohortRow, Vec<String>> {
    let field = |name: &str| fields.get(name);
    let mut reasons = Vec::new();
    for required in REQUIRED {
        if field(required).is_empty() {
            reasons.push(format!("missing required field {required}"));
        }
    }
    let id = field("id");
    if !id.is_empty() && !is_identifier(id) {
        reasons.push(format!("id {id:?}: 1 to 40 characters of a-z, A-Z, 0-9, '-' or '_'"));
    }
    let programme = field("programme");
    if !programme.is_empty() && !known.programmes.contains(programme) {
        reasons.push(format!("unknown programme {programme:?}"));
    }
    let centre = field("centre");
    if !centre.is_empty() && !known.centres.contains(centre) {
        reasons.push(format!("unknown centre {centre:?}"));
    }
    let language = match field("language") {
        "" => Language::Uk,
        raw => Language::parse(raw).unwrap_or_else(|| {
            reasons.push(format!("language {raw:?} must be uk or en"));
            Language::Uk
        }),
    };
    let format = match field("format") {
        "" | "in_person" => "in_person",
        "online" => "online",
        raw => {
            reasons.push(format!("format {raw:?} must be in_person or online"));
            "in_person"
        }
    };
    let capacity = match field("capacity").parse::<i32>() {
        Ok(capacity) if (1..=MAX_CAPACITY).contains(&capacity) => capacity,
        _ if field("capacity").is_empty() => 0,
        _ => {
            reasons.push(format!("capacity {:?} must be a whole number from 1 to {MAX_CAPACITY}", field("capacity")));
            0
        }
    };
    let duration_minutes = match field("duration") {
        "" => 90,
        raw => match raw.parse::<i32>() {
            Ok(minutes) if (15..=480).contains(&minutes) => minutes,
            _ => {
                reasons.push(format!("duration {raw:?} must be 15 to 480 minutes"));
                90
            }
        },
    };
    let sessions = match sessions(fields) {
        Ok(sessions) => sessions,
        Err(reason) => {
            reasons.push(reason);
            Vec::new()
        }
    };
    if sessions.first().is_some_and(|first| *first <= known.now) {
        reasons.push("the first session is in the past".into());
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    Ok(CohortRow {
        id: id.to_owned(),
        programme: programme.to_owned(),
        centre: centre.to_owned(),
        language,
        format,
        capacity,
        sessions,
        duration_minutes,
    })
}

fn sessions(fields: &Fields<'_>) -> Result<Vec<DateTime<Utc>>, String> {
    let field = |name: &str| fields.get(name);
    let dates = field("dates");
    let (starts, count, every) = (field("starts"), field("sessions"), field("every"));
    if !dates.is_empty() {
        if !starts.is_empty() || !count.is_empty() || !every.is_empty() {
            return Err("give either dates, or starts with sessions (and every), not both".into());
        }
        let mut sessions = dates.split(';').map(parse_session).collect::<Result<Vec<_>, _>>()?;
        sessions.sort();
        if sessions.windows(2).any(|w| w[0] == w[1]) {
            return Err("dates lists the same session twice".into());
        }
        if sessions.len() > super::schedule::MAX_SESSIONS {
            return Err(format!("at most {} sessions", super::schedule::MAX_SESSIONS));
        }
        return Ok(sessions);
    }
    if starts.is_empty() || count.is_empty() {
        return Err("give the sessions: starts and sessions, or dates".into());
    }
    let first = parse_session(starts)?;
    let count: usize = count.parse().map_err(|_| format!("sessions {count:?} is not a whole number"))?;
    let sessions = weekly(first, &parse_weekdays(every)?, count)?;
    if sessions.last().is_some_and(|last| last.year() > LAST_YEAR) {
        return Err(format!("the sessions run past the year {LAST_YEAR}"));
    }
    Ok(sessions)
}

/// No session after this year (UTC). chrono also reads "+262142-12-31 18:00",
/// the last day it can represent, and a weekly pattern from there overflowed
/// the calendar: a panic in `schedule::weekly` (found by the `groups_csv`
/// fuzz target). No group meets that late: such a date is a typo.
const LAST_YEAR: i32 = 9999;

/// A session's Kyiv local time, in a year up to [`LAST_YEAR`].
fn parse_session(raw: &str) -> Result<DateTime<Utc>, String> {
    let at = parse_local(raw)?;
    if at.year() > LAST_YEAR {
        return Err(format!("{raw:?} is not a date and time like 2026-12-01 18:00"));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known_sets() -> (HashSet<String>, HashSet<String>) {
        (
            ["parenting-without-stress".to_owned()].into_iter().collect(),
            ["sample-lvivska".to_owned()].into_iter().collect(),
        )
    }

    fn now() -> DateTime<Utc> {
        parse_local("2026-11-22 12:00").expect("valid")
    }

    const HEADER: &str = "id,programme,centre,language,format,capacity,starts,sessions,every,dates,duration\n";

    #[test]
    fn a_weekly_cohort_and_a_listed_one_parse() {
        let (programmes, centres) = known_sets();
        let known = Known { programmes: &programmes, centres: &centres, now: now() };
        let csv = format!(
            "{HEADER}lviv-1,parenting-without-stress,sample-lvivska,uk,in_person,10,2026-12-01 18:00,5,\"Tu,Th\",,90\n\
             lviv-2,parenting-without-stress,sample-lvivska,en,online,20,,,,2026-12-05 10:00;2026-12-12 10:00,\n"
        );
        let rows = parse(csv.as_bytes(), known).expect("valid");
        assert_eq!(rows[0].sessions.len(), 5);
        assert_eq!(rows[1].sessions.len(), 2);
        assert_eq!(rows[1].format, "online");
        assert_eq!(rows[1].duration_minutes, 90);
    }

    #[test]
    fn every_bad_row_is_listed_and_nothing_passes() {
        let (programmes, centres) = known_sets();
        let known = Known { programmes: &programmes, centres: &centres, now: now() };
        let csv = format!(
            "{HEADER}\
             past,parenting-without-stress,sample-lvivska,uk,,10,2026-01-01 18:00,5,,,\n\
             zero,parenting-without-stress,sample-lvivska,uk,,0,2026-12-01 18:00,5,,,\n\
             huge,parenting-without-stress,sample-lvivska,uk,,10000,2026-12-01 18:00,5,,,\n\
             prog,yoga,sample-lvivska,uk,,10,2026-12-01 18:00,5,,,\n\
             cent,parenting-without-stress,nowhere,uk,,10,2026-12-01 18:00,5,,,\n\
             both,parenting-without-stress,sample-lvivska,uk,,10,2026-12-01 18:00,5,,2026-12-02 18:00,\n\
             ok,parenting-without-stress,sample-lvivska,uk,,10,2026-12-01 18:00,5,,,\n\
             ok,parenting-without-stress,sample-lvivska,uk,,10,2026-12-01 18:00,5,,,\n"
        );
        let Err(CsvError::Rejected(errors)) = parse(csv.as_bytes(), known) else { panic!("must be rejected") };
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 7, 9]);
        let text: Vec<&str> = errors.iter().map(|e| e.reason.as_str()).collect();
        assert!(text[0].contains("in the past"), "{text:?}");
        assert!(text[1].contains("capacity \"0\""), "{text:?}");
        assert!(text[2].contains("capacity \"10000\""), "{text:?}");
        assert!(text[3].contains("unknown programme"), "{text:?}");
        assert!(text[4].contains("unknown centre"), "{text:?}");
        assert!(text[5].contains("not both"), "{text:?}");
        assert!(text[6].contains("duplicate id"), "{text:?}");
    }

    #[test]
    fn a_date_at_the_end_of_the_calendar_is_refused_not_a_panic() {
        // Fuzzing regression (fuzz/regressions/groups_csv/year-262142).
        let (programmes, centres) = known_sets();
        let known = Known { programmes: &programmes, centres: &centres, now: now() };
        let csv = "id,programme,centre,capacity,starts,sessions,dates\n\
                   a,parenting-without-stress,sample-lvivska,20,+262142-12-31 18:00,2,\n\
                   b,parenting-without-stress,sample-lvivska,20,,,+262142-12-31 18:00\n\
                   c,parenting-without-stress,sample-lvivska,20,9999-12-31 18:00,2,\n";
        let Err(CsvError::Rejected(errors)) = parse(csv.as_bytes(), known) else { panic!("must be rejected") };
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4], "{errors:?}");
        assert!(errors[0].reason.contains("not a date and time"), "{errors:?}");
        assert!(errors[2].reason.contains("past the year 9999"), "{errors:?}");
    }
}
