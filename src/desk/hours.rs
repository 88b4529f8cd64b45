//! The hours preview: the week and "open now" of a schedule, read by the
//! same parser as the bot's coordinator editing and the import
//! (`centre_fields::parse_schedule`: `opening_hours` or words). Rendered on
//! the server, so it works without JavaScript: the hours form's "Preview"
//! button posts the typed value back and the page shows its week.

use chrono::{NaiveDateTime, Weekday};

use super::page::Tr;
use crate::directory::centre_fields::{Schedule, parse_schedule};
use crate::directory::{Hours, Status};

/// A schedule's week as lines ("Пн–Пт: 09:00–13:00, 14:00–18:00") and
/// whether it is open at `now`; `None` when the value is not understood.
pub struct Preview {
    /// The `opening_hours` value the schedule was read as.
    pub value: String,
    pub days: Vec<String>,
    pub open_now: bool,
}

/// Reads a typed schedule and previews it at a Kyiv moment.
pub fn preview(raw: &str, now: NaiveDateTime, tr: &Tr) -> Option<Preview> {
    let Some(Schedule::Understood(value)) = parse_schedule(raw) else { return None };
    let hours = Hours::parse(&value).ok()?;
    let days = hours
        .week(now.date())
        .iter()
        .map(|span| {
            let days = if span.first == span.last {
                day(tr, span.first)
            } else {
                format!("{}–{}", day(tr, span.first), day(tr, span.last))
            };
            let mut times: Vec<String> =
                span.intervals.iter().map(|(from, to)| format!("{}–{}", clock(*from), clock(*to))).collect();
            if let Some(from) = span.open_from {
                times.push(format!("{}+", clock(from)));
            }
            let times = if times.is_empty() { tr.t("desk-hours-closed") } else { times.join(", ") };
            format!("{days}: {times}")
        })
        .collect();
    let open_now = matches!(hours.status(now), Status::AlwaysOpen | Status::OpenUntil(_) | Status::OpenSince(_));
    Some(Preview { value, days, open_now })
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn day(tr: &Tr, weekday: Weekday) -> String {
    tr.t(match weekday.number_from_monday() {
        1 => "desk-day-mo",
        2 => "desk-day-tu",
        3 => "desk-day-we",
        4 => "desk-day-th",
        5 => "desk-day-fr",
        6 => "desk-day-sa",
        _ => "desk-day-su",
    })
}
