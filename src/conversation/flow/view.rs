//! Wording and buttons that several screens share: the buttons every screen
//! carries, names and titles in the person's language, session and closure
//! lines, dates with times, and the replies to input that fits no screen.
//! Screens import this module; it imports no screen.

use chrono::Duration;
use chrono_tz::Europe::Kyiv;

use super::Context;
use super::draft::{DraftError, Field};
use crate::conversation::action::Action;
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::domain::{CentreId, Closure, Hotline};
use crate::i18n::{Arg, Text};
use crate::store::CohortView;

/// The button every screen carries (principle: help is one tap away).
pub fn help_now_button() -> Button {
    Button { label: Text::new("menu-help-now"), action: Action::HelpNow }
}

/// The button back to the main menu.
pub fn menu_button() -> Button {
    Button { label: Text::new("menu-back"), action: Action::Menu }
}

/// Find a centre · I need help now · Language · About & privacy.
pub fn menu_buttons(_ctx: &Context<'_>) -> Vec<Button> {
    vec![
        Button { label: Text::new("menu-find"), action: Action::Find },
        help_now_button(),
        Button { label: Text::new("menu-groups"), action: Action::Groups },
        Button { label: Text::new("menu-mine"), action: Action::Mine },
        Button { label: Text::new("menu-checkin"), action: Action::Checkin },
        Button { label: Text::new("menu-language"), action: Action::Language },
        Button { label: Text::new("menu-about"), action: Action::About },
    ]
}

/// The button to the person's own sign-ups.
pub fn mine_button() -> Button {
    Button { label: Text::new("menu-mine"), action: Action::Mine }
}

/// "That button no longer works" for forged, stale or unknown button data.
pub fn stale_button(ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("error-stale-button")).buttons(menu_buttons(ctx))
}

/// Text that is neither an answer, a keyword nor a place.
pub fn not_understood(ctx: &Context<'_>) -> Reply {
    Reply { ask_location: true, ..Reply::default() }.line(Text::new("error-not-understood")).buttons(menu_buttons(ctx))
}

pub use crate::wording::card::name;

/// The name of a centre by its id, or the id when the directory does not
/// know it (any more).
pub fn centre_name(ctx: &Context<'_>, centre: &str) -> String {
    CentreId::parse(centre)
        .ok()
        .and_then(|id| ctx.directory.get(&id).map(|(c, _)| name(c, ctx.language).to_owned()))
        .unwrap_or_else(|| centre.to_owned())
}

/// "5 sessions:" and a line for each of a group's sessions.
pub fn sessions(cohort: &CohortView) -> Vec<Text> {
    let mut lines = vec![Text::new("group-sessions-title").count("count", cohort.sessions.len() as i64)];
    lines.extend(cohort.sessions.iter().enumerate().map(|(i, (at, minutes))| session_line(i + 1, *at, *minutes)));
    lines
}

pub use crate::wording::broadcast::{programme_title, session_line, start_date};
pub use crate::wording::{at_time, closure_line, weekday_key, with_date_time};

/// Tomorrow at `hour`:00 as typed answers are read ("05.12.2026 18:00"),
/// the example in a question asking for a date and time.
pub fn example_tomorrow(ctx: &Context<'_>, hour: u32) -> String {
    let tomorrow = ctx.now.date() + Duration::days(1);
    format!("{} {hour:02}:00", tomorrow.format("%d.%m.%Y"))
}

/// A closure of the centre that has not ended.
pub fn closure<'a>(ctx: &Context<'a>, id: &CentreId) -> Option<&'a Closure> {
    not_ended(ctx, ctx.directory.closure(id))
}

/// The closure, if it has not ended by now.
pub fn not_ended<'a>(ctx: &Context<'_>, closure: Option<&'a Closure>) -> Option<&'a Closure> {
    closure.filter(|c| c.until.with_timezone(&Kyiv).naive_local() > ctx.now)
}

/// One crisis line: its name, numbers and hours.
pub fn hotline(ctx: &Context<'_>, line: &Hotline) -> Text {
    let numbers = line.numbers.iter().map(|n| Text::new("help-number").plain("number", n.as_str())).collect();
    let text = match line.hours(ctx.language) {
        Some(hours) => Text::new("help-line-with-hours").plain("hours", hours),
        None => Text::new("help-line"),
    };
    text.plain("name", line.name(ctx.language)).with("numbers", Arg::List(numbers))
}

/// The fluent id naming a report topic.
pub fn topic_id(topic: &str) -> &'static str {
    match topic {
        "address" => "report-topic-address",
        "phone" => "report-topic-phone",
        "hours" => "report-topic-hours",
        "closed" => "report-topic-closed",
        _ => "report-topic-other",
    }
}

/// Why a typed answer was refused, for the question `field` asked.
pub fn draft_error(error: DraftError, field: Field) -> Text {
    crate::cohort::draft::error_text(error, field)
}

/// Why a typed date and time was refused.
pub fn date_error(error: DraftError) -> Text {
    draft_error(error, Field::First)
}

/// The centres of the last search on screen, `count` after the first `skip`,
/// from what the state keeps: a typed place's point, or the centres kept in
/// order after a shared location (then without distances: its point is gone).
/// `None` when no search is on screen.
pub fn last_search<'a>(
    ctx: &Context<'a>,
    state: &State,
    skip: usize,
    count: usize,
) -> Option<Vec<crate::directory::Nearby<'a>>> {
    let State::Results { place, nearest, .. } = state else { return None };
    match place.as_deref().and_then(|code| ctx.gazetteer.by_code(code)) {
        Some(index) => Some(ctx.directory.nearest(ctx.gazetteer.place(index).location, skip, count)),
        None if !nearest.is_empty() => Some(ctx.directory.listed(nearest, skip, count)),
        None => None,
    }
}
