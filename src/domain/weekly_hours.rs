//! Opening hours picked step by step (days, opens, closes, an optional
//! break), as a coordinator sets them in the bot: read from taps or typed
//! times, checked, and written as an OpenStreetMap `opening_hours` value.

use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// The day ranges offered by the picker, as `opening_hours` writes them.
pub const DAY_RANGES: [&str; 5] = ["Mo-Fr", "Mo-Sa", "Mo-Su", "Mo-Th", "Tu-Sa"];

const DAY_MINUTES: u16 = 24 * 60;

/// The first and last day of one of [`DAY_RANGES`].
pub fn day_bounds(days: &str) -> Option<(Weekday, Weekday)> {
    const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    let day = |osm: &str| OSM_DAYS.iter().position(|d| *d == osm).and_then(|i| Weekday::try_from(i as u8).ok());
    let (first, last) = days.split_once('-')?;
    Some((day(first)?, day(last)?))
}

/// Why a picked or typed time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("not a time of day")]
    NotATime,
    #[error("closing is not after opening")]
    ClosesBeforeOpening,
    #[error("the break is not inside the opening hours")]
    BreakOutside,
}

/// A week of the same hours on a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours {
    /// One of [`DAY_RANGES`].
    pub days: String,
    /// Minutes from midnight.
    pub opens: u16,
    pub closes: u16,
    /// From and to, minutes from midnight.
    pub pause: Option<(u16, u16)>,
}

impl WeeklyHours {
    /// Checks the times: opening before closing, a break inside them.
    pub fn parse(days: &str, opens: u16, closes: u16, pause: Option<(u16, u16)>) -> Result<Self, HoursError> {
        if !DAY_RANGES.contains(&days) || opens >= DAY_MINUTES || closes > DAY_MINUTES {
            return Err(HoursError::NotATime);
        }
        if closes <= opens {
            return Err(HoursError::ClosesBeforeOpening);
        }
        if let Some((from, to)) = pause
            && (from <= opens || to >= closes || to <= from)
        {
            return Err(HoursError::BreakOutside);
        }
        Ok(Self { days: days.to_owned(), opens, closes, pause })
    }

    /// `Mo-Fr 09:00-13:00,14:00-18:00`.
    pub fn to_opening_hours(&self) -> String {
        let intervals = match self.pause {
            Some((from, to)) => format!("{}-{},{}-{}", clock(self.opens), clock(from), clock(to), clock(self.closes)),
            None => format!("{}-{}", clock(self.opens), clock(self.closes)),
        };
        format!("{} {intervals}", self.days)
    }
}

/// `09:00`; midnight at the end of a day is `24:00`.
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A time as people type it: `9`, `09`, `9:30`, `09.30`, `18:00`, `24:00`.
pub fn parse_time(raw: &str) -> Result<u16, HoursError> {
    let raw = raw.trim();
    let (hours, minutes) = match raw.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(HoursError::NotATime),
        None => (raw, "00"),
    };
    let number = |s: &str| -> Result<u16, HoursError> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(HoursError::NotATime);
        }
        s.parse().map_err(|_| HoursError::NotATime)
    };
    let (hours, minutes) = (number(hours)?, number(minutes)?);
    let total = hours * 60 + minutes;
    if minutes >= 60 || total > DAY_MINUTES {
        return Err(HoursError::NotATime);
    }
    Ok(total)
}

/// A typed break: `13-14`, `13:00–14:00`; `None` for "no break" (`-`,
/// `ні`, `немає`, `no`, `none`, `без перерви`).
pub fn parse_pause(raw: &str) -> Result<Option<(u16, u16)>, HoursError> {
    let text = raw.trim().to_lowercase();
    if ["-", "—", "ні", "немає", "нема", "без перерви", "no", "none", "no break"].contains(&text.as_str())
    {
        return Ok(None);
    }
    let (from, to) = text.split_once(['-', '–', '—']).ok_or(HoursError::NotATime)?;
    Ok(Some((parse_time(from)?, parse_time(to)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_people_type_them() {
        assert_eq!(parse_time("9"), Ok(540));
        assert_eq!(parse_time("09.30"), Ok(570));
        assert_eq!(parse_time(" 18:00 "), Ok(1080));
        assert_eq!(parse_time("24:00"), Ok(1440));
        for bad in ["", "25", "9:60", "9:5", "nine", "9:00:00", "-1", "24:30"] {
            assert_eq!(parse_time(bad), Err(HoursError::NotATime), "{bad:?}");
        }
        assert_eq!(parse_pause("13-14"), Ok(Some((780, 840))));
        assert_eq!(parse_pause("13:00–14:00"), Ok(Some((780, 840))));
        assert_eq!(parse_pause("Без перерви"), Ok(None));
        assert_eq!(parse_pause("обід"), Err(HoursError::NotATime));
    }

    #[test]
    fn picked_hours_become_opening_hours_and_impossible_ones_are_refused() {
        let week = WeeklyHours::parse("Mo-Fr", 540, 1080, Some((780, 840))).expect("valid");
        assert_eq!(week.to_opening_hours(), "Mo-Fr 09:00-13:00,14:00-18:00");
        let late = WeeklyHours::parse("Mo-Su", 600, 1440, None).expect("valid");
        assert_eq!(late.to_opening_hours(), "Mo-Su 10:00-24:00");
        assert_eq!(WeeklyHours::parse("Mo-Fr", 1080, 540, None), Err(HoursError::ClosesBeforeOpening));
        assert_eq!(WeeklyHours::parse("Mo-Fr", 540, 540, None), Err(HoursError::ClosesBeforeOpening));
        assert_eq!(WeeklyHours::parse("Mo-Fr", 540, 1080, Some((480, 600))), Err(HoursError::BreakOutside));
        assert_eq!(WeeklyHours::parse("Mo-Fr", 540, 1080, Some((840, 780))), Err(HoursError::BreakOutside));
        assert_eq!(WeeklyHours::parse("Mo-We", 540, 1080, None), Err(HoursError::NotATime));
        assert!(DAY_RANGES.iter().all(|days| day_bounds(days).is_some()));
        assert_eq!(day_bounds("Tu-Sa"), Some((Weekday::Tue, Weekday::Sat)));
    }
}
