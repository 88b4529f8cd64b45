//! Moments as the desk shows them: Kyiv time, 24-hour clock, day first.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Kyiv;

/// `30.11.2026 07:35`.
pub fn minute(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Kyiv).format("%d.%m.%Y %H:%M").to_string()
}

/// `30.11.2026`.
pub fn day(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Kyiv).format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_shown_in_kyiv_time() {
        let at = DateTime::parse_from_rfc3339("2026-11-30T22:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(minute(&at), "01.12.2026 00:30");
        assert_eq!(day(&at), "01.12.2026");
    }
}
