//! A new group, one answer at a time: which question comes next, reading and
//! checking each typed answer, and turning the finished draft into the same
//! validated row a groups file gives. The bot's coordinator screens ask one
//! field at a time; the operator desk's form sends them all at once: both
//! read every answer here, and word every refusal with [`error_text`].

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use serde::{Deserialize, Serialize};

use super::schedule::{self, MAX_SESSIONS};
use crate::domain::{CohortRow, Language};
use crate::i18n::Text;

/// A group being created: the answers so far, asked in field order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Draft {
    pub centre: String,
    pub programme: Option<String>,
    /// The first session, Kyiv local time.
    pub first: Option<NaiveDateTime>,
    /// Weekly sessions, counting the first.
    pub sessions: Option<u32>,
    pub minutes: Option<i32>,
    pub capacity: Option<i32>,
    pub language: Option<Language>,
    pub online: Option<bool>,
}

/// Seats a group may have (the database allows the same).
pub const CAPACITY: std::ops::RangeInclusive<i64> = 1..=200;
/// Minutes one session may last.
pub const MINUTES: std::ops::RangeInclusive<i64> = 15..=480;
/// How far ahead a first session may be.
const MAX_DAYS_AHEAD: i64 = 366;

/// The next thing to ask, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Programme,
    First,
    Sessions,
    Minutes,
    Capacity,
    Language,
    Format,
    /// Everything is answered: show the preview.
    Done,
}

pub fn next_field(draft: &Draft) -> Field {
    if draft.programme.is_none() {
        Field::Programme
    } else if draft.first.is_none() {
        Field::First
    } else if draft.sessions.is_none() {
        Field::Sessions
    } else if draft.minutes.is_none() {
        Field::Minutes
    } else if draft.capacity.is_none() {
        Field::Capacity
    } else if draft.language.is_none() {
        Field::Language
    } else if draft.online.is_none() {
        Field::Format
    } else {
        Field::Done
    }
}

/// Why a typed answer or a draft was refused; each has its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftError {
    /// Not a date and time we can read.
    Unreadable,
    Past,
    TooFar,
    /// Skipped or repeated by a clock change in Kyiv.
    NoSuchTime,
    /// A number outside its range.
    OutOfRange,
    /// The draft is missing an answer (a stale "Create" button).
    Incomplete,
    /// The person does not coordinate the centre.
    NotAllowed,
    /// A group with the new id exists (twice the same microsecond).
    Exists,
}

/// Reads "05.12.2026 18:00" (also "5.12.2026, 18:00" or "2026-12-05 18:00")
/// as a Kyiv local time that exists, is ahead of `now` and within a year.
pub fn read_first(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, DraftError> {
    let cleaned = text.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = ["%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H.%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&cleaned, format).ok())
        .ok_or(DraftError::Unreadable)?;
    if at <= now {
        return Err(DraftError::Past);
    }
    if at > now + Duration::days(MAX_DAYS_AHEAD) {
        return Err(DraftError::TooFar);
    }
    schedule::kyiv(at).ok_or(DraftError::NoSuchTime)?;
    Ok(at)
}

/// A whole number within `range`; anything else is refused.
pub fn read_number(text: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, DraftError> {
    let number: i64 = text.trim().parse().map_err(|_| DraftError::OutOfRange)?;
    if range.contains(&number) { Ok(number) } else { Err(DraftError::OutOfRange) }
}

/// The weekly sessions of a draft with a first session and a count.
pub fn sessions(draft: &Draft) -> Result<Vec<DateTime<Utc>>, DraftError> {
    let (Some(first), Some(count)) = (draft.first, draft.sessions) else {
        return Err(DraftError::Incomplete);
    };
    let first = schedule::kyiv(first).ok_or(DraftError::NoSuchTime)?;
    schedule::weekly(first, &[], count as usize).map_err(|_| DraftError::NoSuchTime)
}

/// The words (in `main.ftl`) for a refused answer to `field`.
pub fn error_text(error: DraftError, field: Field) -> Text {
    match (error, field) {
        (DraftError::Unreadable, _) => Text::new("draft-bad-date"),
        (DraftError::Past, _) => Text::new("draft-past-date"),
        (DraftError::TooFar, _) => Text::new("draft-far-date"),
        (DraftError::NoSuchTime, _) => Text::new("draft-no-such-time"),
        (_, Field::Sessions) => Text::new("draft-bad-sessions"),
        (_, Field::Minutes) => Text::new("draft-bad-minutes"),
        (_, Field::Capacity) => Text::new("coord-bad-capacity"),
        _ => Text::new("error-stale-button"),
    }
}

/// The sessions a count may have.
pub fn session_counts() -> std::ops::RangeInclusive<i64> {
    1..=MAX_SESSIONS as i64
}

/// The finished draft as a group to create under `id`.
pub fn to_row(draft: &Draft, id: String) -> Result<CohortRow, DraftError> {
    let (Some(programme), Some(minutes), Some(capacity), Some(language), Some(online)) =
        (&draft.programme, draft.minutes, draft.capacity, draft.language, draft.online)
    else {
        return Err(DraftError::Incomplete);
    };
    Ok(CohortRow {
        id,
        programme: programme.clone(),
        centre: draft.centre.clone(),
        language,
        format: if online { "online" } else { "in_person" },
        capacity,
        sessions: sessions(draft)?,
        duration_minutes: minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0)).expect("valid")
    }

    #[test]
    fn first_sessions_are_read_in_the_usual_ukrainian_and_iso_forms() {
        let now = at(2026, 11, 23, 12, 0);
        for text in ["05.12.2026 18:00", "5.12.2026, 18:00", " 2026-12-05   18:00 ", "05.12.2026 18.00"] {
            assert_eq!(read_first(text, now), Ok(at(2026, 12, 5, 18, 0)), "{text:?}");
        }
    }

    #[test]
    fn past_far_impossible_and_unreadable_times_are_refused() {
        let now = at(2026, 11, 23, 12, 0);
        assert_eq!(read_first("23.11.2026 11:59", now), Err(DraftError::Past));
        assert_eq!(read_first("01.01.2020 10:00", now), Err(DraftError::Past));
        assert_eq!(read_first("01.01.2028 10:00", now), Err(DraftError::TooFar));
        assert_eq!(read_first("28.03.2027 03:30", now), Err(DraftError::NoSuchTime), "spring clock change");
        for text in ["tomorrow", "31.02.2027 10:00", "05.12.2026", "18:00", ""] {
            assert_eq!(read_first(text, now), Err(DraftError::Unreadable), "{text:?}");
        }
    }

    #[test]
    fn numbers_outside_their_range_are_refused() {
        assert_eq!(read_number(" 12 ", CAPACITY), Ok(12));
        for text in ["0", "10000", "201", "-3", "12.5", "twelve", ""] {
            assert_eq!(read_number(text, CAPACITY), Err(DraftError::OutOfRange), "{text:?}");
        }
    }

    #[test]
    fn a_finished_draft_becomes_weekly_sessions_at_the_same_local_time() {
        let draft = Draft {
            centre: "kyiv-1".into(),
            programme: Some("self-help-plus".into()),
            first: Some(at(2026, 10, 20, 18, 0)),
            sessions: Some(3),
            minutes: Some(120),
            capacity: Some(12),
            language: Some(Language::Uk),
            online: Some(false),
        };
        assert_eq!(next_field(&draft), Field::Done);
        let row = to_row(&draft, "g1".into()).expect("complete");
        assert_eq!(row.sessions.len(), 3);
        // 20 October is summer time (UTC+3), 3 November winter time (UTC+2).
        assert_eq!(row.sessions[0].format("%m-%d %H:%M").to_string(), "10-20 15:00");
        assert_eq!(row.sessions[2].format("%m-%d %H:%M").to_string(), "11-03 16:00");
        let unfinished = Draft { capacity: None, ..draft };
        assert_eq!(next_field(&unfinished), Field::Capacity);
        assert_eq!(to_row(&unfinished, "g1".into()).map(|_| ()), Err(DraftError::Incomplete));
    }
}
