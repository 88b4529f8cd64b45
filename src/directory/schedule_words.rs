//! Schedules as people write them in Ukrainian ("пн–пт з 9:00 до 18:00,
//! обідня перерва 13:00–14:00") turned into OpenStreetMap `opening_hours`
//! ("Mo-Fr 09:00-13:00,14:00-18:00").
//!
//! Understood: day names and ranges (full, short, any case, with or without
//! a dot, in any grammatical case: "понеділок–пʼятниця", "з понеділка по
//! п'ятницю", "Пн.–Пт.", "щодня", "будні", "без вихідних"), days off
//! ("вихідні: сб, нд", "крім неділі"), times ("9:00", "09.00", "9-18", "з 9
//! до 18"), breaks ("обідня перерва 13:00–14:00", "перерва з 13 до 14"),
//! "цілодобово", and "за попереднім записом" (kept as a comment). Anything
//! else makes the whole schedule not understood: a wrong schedule is worse
//! than one shown in the operator's own words.

mod token;

use self::token::{Token, tokens};
use super::opening::Hours;

const DAY_MINUTES: u16 = 24 * 60;
const OSM_DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const APPOINTMENT: &str = "за попереднім записом";

/// The `opening_hours` value a schedule in words means, or `None` when it
/// is not understood. The value is checked by the parser the directory uses.
pub fn to_opening_hours(words: &str) -> Option<String> {
    let tokens = tokens(words)?;
    let week = Week::read(&tokens)?;
    let value = week.render()?;
    Hours::parse(&value).is_ok().then_some(value)
}

/// Words kept as they are, as a valid `opening_hours` value: an `unknown`
/// state with the words as its comment (a comment cannot hold `"`).
pub fn verbatim(words: &str) -> String {
    let text: String = words.split_whitespace().collect::<Vec<_>>().join(" ").replace('"', "'");
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("unknown \"{text}\"")
}

/// From and to, in minutes from midnight.
type Interval = (u16, u16);

/// Opening intervals per weekday as the tokens set them.
#[derive(Debug, Default)]
struct Week {
    /// `None`: not mentioned; `Some(empty)`: closed.
    days: [Option<Vec<(u16, u16)>>; 7],
    breaks: Vec<(u16, u16)>,
    appointment: bool,
}

impl Week {
    fn read(tokens: &[Token]) -> Option<Self> {
        let mut week = Week::default();
        // The days the next times are for, and whether a time has been
        // given for them (then new days start a new group).
        let mut days: Vec<usize> = Vec::new();
        let mut timed = false;
        let mut off = false;
        let mut i = 0;
        while i < tokens.len() {
            match tokens[i] {
                Token::Day(first) => {
                    let mut last = first;
                    if let (Some(Token::To), Some(&Token::Day(end))) = (tokens.get(i + 1), tokens.get(i + 2)) {
                        last = end;
                        i += 2;
                    }
                    if timed {
                        days.clear();
                        timed = false;
                    }
                    let range = day_range(first, last);
                    if off {
                        range.iter().for_each(|&d| week.days[d] = Some(Vec::new()));
                    } else {
                        days.extend(range);
                    }
                }
                Token::Days(first, last) => {
                    if timed {
                        days.clear();
                        timed = false;
                    }
                    days.extend(day_range(first, last));
                    off = false;
                }
                Token::EveryDay => {
                    days = (0..7).collect();
                    timed = false;
                    off = false;
                }
                Token::From if !next_is_time(tokens, i) => {}
                Token::Time(_) | Token::From => {
                    let (range, next) = time_range(tokens, i)?;
                    i = next;
                    if off && days.is_empty() {
                        days = vec![5, 6]; // "вихідні 10-14": at the weekend
                    }
                    off = false;
                    if days.is_empty() {
                        return None; // a time for no day
                    }
                    for &d in &days {
                        week.days[d].get_or_insert_with(Vec::new).push(range);
                    }
                    timed = true;
                    continue;
                }
                Token::AllDay => {
                    if days.is_empty() {
                        days = (0..7).collect();
                    }
                    for &d in &days {
                        week.days[d].get_or_insert_with(Vec::new).push((0, DAY_MINUTES));
                    }
                    timed = true;
                }
                Token::Break => {
                    let mut j = i + 1;
                    while matches!(tokens.get(j), Some(Token::Separator | Token::From)) {
                        j += 1;
                    }
                    let (range, next) = time_range(tokens, j)?;
                    week.breaks.push(range);
                    i = next;
                    continue;
                }
                Token::NoBreak => {
                    if matches!(tokens.get(i + 1), Some(Token::Break)) {
                        i += 1;
                    }
                }
                Token::Off | Token::Except => {
                    if !timed && !days.is_empty() && tokens[i] == Token::Off {
                        // "сб, нд — вихідні": the days just named are off.
                        days.drain(..).for_each(|d| week.days[d] = Some(Vec::new()));
                    } else {
                        off = true;
                        if timed {
                            days.clear();
                            timed = false;
                        }
                    }
                }
                Token::Appointment => week.appointment = true,
                Token::Separator | Token::To => {}
            }
            i += 1;
        }
        Some(week)
    }

    fn render(mut self) -> Option<String> {
        for intervals in self.days.iter_mut().flatten() {
            intervals.sort_unstable();
            for &(from, to) in &self.breaks {
                *intervals = intervals
                    .iter()
                    .flat_map(|&(a, b)| {
                        if to <= a || from >= b || b < a {
                            vec![(a, b)]
                        } else {
                            [(a, from), (to, b)].into_iter().filter(|(x, y)| x < y).collect()
                        }
                    })
                    .collect();
            }
        }
        let open: Vec<Vec<(u16, u16)>> = self.days.iter().map(|d| d.clone().unwrap_or_default()).collect();
        let comment = if self.appointment { format!(" \"{APPOINTMENT}\"") } else { String::new() };
        if open.iter().all(Vec::is_empty) {
            return self.appointment.then(|| format!("unknown{comment}"));
        }
        if open.iter().all(|d| d == &[(0, DAY_MINUTES)]) {
            return Some(format!("24/7{comment}"));
        }
        // Days with equal hours share one rule, in the order they first appear.
        let mut rules: Vec<(Vec<usize>, &[Interval])> = Vec::new();
        for (day, intervals) in open.iter().enumerate().filter(|(_, i)| !i.is_empty()) {
            match rules.iter_mut().find(|(_, i)| *i == intervals.as_slice()) {
                Some((days, _)) => days.push(day),
                None => rules.push((vec![day], intervals)),
            }
        }
        let rules: Vec<String> = rules
            .into_iter()
            .map(|(days, intervals)| {
                let times: Vec<String> = intervals.iter().map(|&(a, b)| format!("{}-{}", clock(a), clock(b))).collect();
                format!("{} {}{comment}", day_list(&days), times.join(","))
            })
            .collect();
        Some(rules.join("; "))
    }
}

fn next_is_time(tokens: &[Token], i: usize) -> bool {
    matches!(tokens.get(i + 1), Some(Token::Time(_)))
}

/// `from`–`to` at `tokens[i]` ("з 9 до 18", "9-18", "9:00 – 18:00"), with
/// the index after it.
fn time_range(tokens: &[Token], mut i: usize) -> Option<((u16, u16), usize)> {
    if tokens.get(i) == Some(&Token::From) {
        i += 1;
    }
    let Some(&Token::Time(from)) = tokens.get(i) else { return None };
    let Some(&Token::To) = tokens.get(i + 1) else { return None };
    let Some(&Token::Time(to)) = tokens.get(i + 2) else { return None };
    let to = if to == 0 { DAY_MINUTES } else { to };
    (from != to).then_some(((from, to), i + 3))
}

/// Days from `first` to `last`, through Sunday if the range wraps.
fn day_range(first: usize, last: usize) -> Vec<usize> {
    if first <= last { (first..=last).collect() } else { (first..7).chain(0..=last).collect() }
}

/// "Mo-Fr", "Mo,We,Fr", "Mo-We,Sa".
fn day_list(days: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let start = i;
        while i + 1 < days.len() && days[i + 1] == days[i] + 1 {
            i += 1;
        }
        parts.push(match i - start {
            0 => OSM_DAYS[days[start]].to_owned(),
            1 => format!("{},{}", OSM_DAYS[days[start]], OSM_DAYS[days[i]]),
            _ => format!("{}-{}", OSM_DAYS[days[start]], OSM_DAYS[days[i]]),
        });
        i += 1;
    }
    parts.join(",")
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests;
