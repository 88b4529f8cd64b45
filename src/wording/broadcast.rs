//! What a broadcast to a centre's subscribers says, in one reader's
//! language: the coordinator's words under the centre's name, the week's
//! sessions of its groups, or its closure. The bot's broadcast worker words
//! every delivery with [`paragraphs`], and the bot's and the desk's previews
//! show the same; the lines it is made of (a session, a date and time, a
//! closure) are the ones the bot's screens use too.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Timelike, Utc};
use chrono_tz::Europe::Kyiv;

use super::{closure_line, weekday_key};
use crate::domain::{Closure, Language};
use crate::i18n::{Arg, Text};
use crate::store::{BroadcastBody, CohortView};

/// The longest message a coordinator can send (fits Telegram's 4,096 with
/// the header; the database refuses longer).
pub const MAX_MESSAGE_CHARS: usize = 3000;
/// How far ahead "this week's schedule" looks.
const SCHEDULE_DAYS: i64 = 7;

/// A typed message as it will be sent: line breaks kept, other control
/// characters dropped, trimmed. `None` when it is empty or longer than
/// [`MAX_MESSAGE_CHARS`] (then `broadcast-bad-length` says so).
pub fn clean_message(text: &str) -> Option<String> {
    // Line breaks are the coordinator's; other control characters are not text.
    let text: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
    let text = text.trim();
    (!text.is_empty() && text.chars().count() <= MAX_MESSAGE_CHARS).then(|| text.to_owned())
}

/// The paragraphs a subscriber reads, at Kyiv local time `now`: `name` is
/// the centre's name in `language`, `cohorts` its running groups (for the
/// schedule) and `closure` its closure (for a closure's message).
pub fn paragraphs(
    name: &str,
    body: &BroadcastBody,
    cohorts: &[CohortView],
    closure: Option<&Closure>,
    now: NaiveDateTime,
    language: Language,
) -> Vec<Vec<Text>> {
    match body {
        BroadcastBody::Message(text) => vec![
            vec![Text::new("broadcast-from").plain("centre", name)],
            vec![Text::new("broadcast-body").plain("text", text.as_str())],
        ],
        BroadcastBody::Closure => {
            match closure.filter(|c| c.until.with_timezone(&Kyiv).naive_local() > now) {
                Some(closure) => vec![vec![closure_line(closure, "broadcast-closed").plain("centre", name)]],
                // Opened again before the message went.
                None => vec![vec![Text::new("broadcast-reopened").plain("centre", name)]],
            }
        }
        BroadcastBody::Schedule => {
            let mut lines = vec![Text::new("broadcast-schedule-title").plain("centre", name)];
            lines.extend(week(cohorts, now, language));
            if lines.len() == 1 {
                lines.push(Text::new("broadcast-schedule-none"));
            }
            vec![lines]
        }
    }
}

/// A button under a broadcast. The bot attaches its action; the desk's
/// preview shows its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Under {
    /// The centre's groups (under the week's schedule).
    CentreGroups,
    /// Stop this centre's updates.
    Unsubscribe,
    HelpNow,
    Menu,
}

impl Under {
    /// The button's words (`main.ftl`).
    pub fn label(self) -> Text {
        Text::new(match self {
            Under::CentreGroups => "card-groups",
            Under::Unsubscribe => "subscribe-stop",
            Under::HelpNow => "menu-help-now",
            Under::Menu => "menu-back",
        })
    }
}

/// The buttons under a broadcast, in order: help is one tap away on every
/// message, as on every screen.
pub fn buttons(body: &BroadcastBody) -> Vec<Under> {
    let mut buttons = Vec::new();
    if *body == BroadcastBody::Schedule {
        buttons.push(Under::CentreGroups);
    }
    buttons.extend([Under::Unsubscribe, Under::HelpNow, Under::Menu]);
    buttons
}

/// "Programme: 2. 03.12.2026 (Чт), 18:00–19:30" for each session in the coming week, in order.
fn week(cohorts: &[CohortView], from: NaiveDateTime, language: Language) -> Vec<Text> {
    let until = from + Duration::days(SCHEDULE_DAYS);
    let mut sessions: Vec<(NaiveDateTime, Text)> = cohorts
        .iter()
        .flat_map(|cohort| {
            cohort.sessions.iter().enumerate().filter_map(move |(i, (at, minutes))| {
                let local = at.with_timezone(&Kyiv).naive_local();
                (local >= from && local < until).then(|| {
                    let line = Text::new("broadcast-schedule-item")
                        .plain("programme", programme_title(cohort, language))
                        .message("session", session_line(i + 1, *at, *minutes));
                    (local, line)
                })
            })
        })
        .collect();
    sessions.sort_by_key(|(at, _)| *at);
    sessions.into_iter().map(|(_, line)| line).collect()
}

/// A group's programme title in the reader's language.
pub fn programme_title(cohort: &CohortView, language: Language) -> &str {
    match language {
        Language::Uk => &cohort.programme.title_uk,
        Language::En => &cohort.programme.title_en,
    }
}

/// The day a group's first session is, in Kyiv (empty when it has none).
pub fn start_date(cohort: &CohortView) -> Arg {
    let first = cohort.sessions.first().map(|(at, _)| at.with_timezone(&Kyiv).date_naive());
    first.map_or(Arg::Plain(String::new()), Arg::Date)
}

/// "2. 03.12.2026 (Чт), 18:00–19:30", in Kyiv time.
pub fn session_line(number: usize, at: DateTime<Utc>, minutes: i32) -> Text {
    let start = at.with_timezone(&Kyiv);
    let end = start + Duration::minutes(i64::from(minutes));
    Text::new("group-session")
        .count("number", number as i64)
        .with("date", Arg::Date(start.date_naive()))
        .message("weekday", Text::new("weekday-short").plain("day", weekday_key(start.weekday())))
        .with("from", Arg::Time { hour: start.hour(), minute: start.minute() })
        .with("to", Arg::Time { hour: end.hour(), minute: end.minute() })
}
