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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A day of the week, 0 for Monday.
    Day(usize),
    /// Several days at once ("будні": Monday to Friday).
    Days(usize, usize),
    /// Minutes from midnight.
    Time(u16),
    /// `-` or "до"/"по": the end of a range follows.
    To,
    /// "з", "від": a range starts (no meaning of its own).
    From,
    Separator,
    Break,
    NoBreak,
    /// "вихідні", "не працює": days off (or, before a time, the weekend).
    Off,
    /// "крім": the days after it are off.
    Except,
    EveryDay,
    AllDay,
    Appointment,
}

/// Splits the text into tokens; `None` at a word it does not know.
fn tokens(text: &str) -> Option<Vec<Token>> {
    let text = text.to_lowercase().replace("24/7", " цілодобово ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let (minutes, next) = time(&chars, i)?;
            out.push(Token::Time(minutes));
            i = next;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphabetic() || is_apostrophe(chars[i])) {
                i += 1;
            }
            let word: String = chars[start..i].iter().filter(|c| !is_apostrophe(**c)).collect();
            if let Some(token) = word_token(&word, out.last().copied())? {
                out.push(token);
            }
            // "Пн." and "год." end with a dot that is not a separator.
            if i < chars.len() && chars[i] == '.' {
                i += 1;
            }
        } else {
            if matches!(c, '-' | '–' | '—' | '−' | '‒' | '―') {
                out.push(Token::To);
            } else if matches!(c, ',' | ';' | '.' | ':' | '/' | '(' | ')' | '|' | '\n') {
                out.push(Token::Separator);
            } else if !c.is_whitespace() {
                return None;
            }
            i += 1;
        }
    }
    Some(out)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// A time at `chars[i]`: `9`, `09:00`, `9.00`, `9:00год`; with the index after it.
fn time(chars: &[char], mut i: usize) -> Option<(u16, usize)> {
    let number = |i: &mut usize| {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse::<u16>().ok().filter(|_| *i - start <= 2)
    };
    let hour = number(&mut i)?;
    let mut minute = 0;
    if i < chars.len() && matches!(chars[i], ':' | '.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        i += 1;
        let start = i;
        minute = number(&mut i)?;
        if i - start != 2 {
            return None;
        }
    }
    let valid = (hour < 24 && minute < 60) || (hour == 24 && minute == 0);
    valid.then_some((hour * 60 + minute, i))
}

/// What a word means; `Ok(None)` for words that carry nothing ("години"),
/// `None` for a word not known.
fn word_token(word: &str, previous: Option<Token>) -> Option<Option<Token>> {
    const DAY_STEMS: [&[&str]; 7] = [
        &["пн", "пон", "понеділ", "mo", "mon", "monday"],
        &["вт", "вів", "вівтор", "tu", "tue", "tuesday"],
        &["ср", "сер", "серед", "we", "wed", "wednesday"],
        &["чт", "чет", "четвер", "th", "thu", "thursday"],
        &["пт", "пят", "пятниц", "fr", "fri", "friday"],
        &["сб", "суб", "субот", "sa", "sat", "saturday"],
        &["нд", "нед", "неділ", "су", "su", "sun", "sunday"],
    ];
    for (day, stems) in DAY_STEMS.iter().enumerate() {
        // Short forms exactly ("пн", "сб"); long ones by their stem ("понеділка").
        if stems.iter().any(|s| word == *s || (s.chars().count() >= 5 && word.starts_with(s))) {
            return Some(Some(Token::Day(day)));
        }
    }
    let token = match word {
        "з" | "із" | "зі" | "від" | "о" | "from" => Token::From,
        "до" | "по" | "to" | "till" | "until" => Token::To,
        "щодня" | "щоденно" | "daily" => Token::EveryDay,
        "будні" | "будній" | "будня" | "буднях" | "робочі" | "робочий" | "weekdays" => {
            Token::Days(0, 4)
        }
        "цілодобово" | "цілодобовий" | "цілодобова" => Token::AllDay,
        "перерва" | "перерви" | "обід" | "обіду" | "обідня" | "обідом" | "break" | "lunch" =>
        {
            // "без перерви" says there is none; "обідня перерва" is one break.
            if matches!(previous, Some(Token::NoBreak | Token::Break)) {
                return Some(None);
            }
            Token::Break
        }
        "вихідні" | "вихідний" | "вихідними" | "вихідна" | "closed" | "off" => {
            Token::Off
        }
        "крім" | "окрім" | "винятком" | "except" => Token::Except,
        w if w.starts_with("запис") || w == "appointment" => Token::Appointment,
        "без" => Token::NoBreak,
        "вихідних" if previous == Some(Token::NoBreak) => Token::EveryDay,
        "кожного" | "кожен" | "щоденний" => Token::EveryDay,
        "не" => Token::Off,
        // Words around the facts: "графік роботи", "години прийому", "дні"…
        "год"
        | "години"
        | "годин"
        | "година"
        | "графік"
        | "роботи"
        | "режим"
        | "час"
        | "прийому"
        | "прийом"
        | "дні"
        | "день"
        | "днів"
        | "дня"
        | "та"
        | "і"
        | "й"
        | "а"
        | "також"
        | "на"
        | "у"
        | "в"
        | "за"
        | "попереднім"
        | "попереднiм"
        | "попередньому"
        | "попередній"
        | "попередня"
        | "працює"
        | "працюють"
        | "працюємо"
        | "and"
        | "by"
        | "hours"
        | "h" => return Some(None),
        _ => return None,
    };
    Some(Some(token))
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
mod tests {
    use super::*;

    /// Schedules as they are written in centres' announcements and the
    /// Ministry's table, with what they mean.
    const UNDERSTOOD: &[(&str, &str)] = &[
        ("пн–пт з 9:00 до 18:00, обідня перерва 13:00–14:00", "Mo-Fr 09:00-13:00,14:00-18:00"),
        ("понеділок–пʼятниця 9:00-18:00", "Mo-Fr 09:00-18:00"),
        ("понеділок-п'ятниця: 09:00-18:00", "Mo-Fr 09:00-18:00"),
        ("Пн.–Пт.: 09.00–18.00", "Mo-Fr 09:00-18:00"),
        ("ПН-ПТ 9-18", "Mo-Fr 09:00-18:00"),
        ("пн-пт 9-18", "Mo-Fr 09:00-18:00"),
        ("Пн - Пт з 8.00 до 17.00", "Mo-Fr 08:00-17:00"),
        ("з понеділка по п'ятницю з 9 до 18", "Mo-Fr 09:00-18:00"),
        ("з понеділка до пʼятниці, з 08:30 до 17:30", "Mo-Fr 08:30-17:30"),
        ("щодня 8:00-20:00", "Mo-Su 08:00-20:00"),
        ("Щодня з 9 до 21", "Mo-Su 09:00-21:00"),
        ("без вихідних 10:00–19:00", "Mo-Su 10:00-19:00"),
        ("пн-пт 9:00-18:00; вихідні: сб, нд", "Mo-Fr 09:00-18:00"),
        ("щодня 9-18, вихідний: неділя", "Mo-Sa 09:00-18:00"),
        ("щодня з 9 до 18 крім неділі", "Mo-Sa 09:00-18:00"),
        ("пн-пт 9:00-18:00, перерва з 13 до 14", "Mo-Fr 09:00-13:00,14:00-18:00"),
        ("пн–пт 9.00–18.00 (обід 13.00–14.00)", "Mo-Fr 09:00-13:00,14:00-18:00"),
        ("пн-пт 9-18, перерва на обід 13-14", "Mo-Fr 09:00-13:00,14:00-18:00"),
        ("пн-пт 8:00-17:00 без перерви", "Mo-Fr 08:00-17:00"),
        ("пн-чт 9:00-18:00, пт 9:00-16:45", "Mo-Th 09:00-18:00; Fr 09:00-16:45"),
        ("пн-пт 9-18, сб 10-14", "Mo-Fr 09:00-18:00; Sa 10:00-14:00"),
        ("Понеділок, середа, пʼятниця: 10:00-16:00", "Mo,We,Fr 10:00-16:00"),
        ("вт, чт 12:00 - 20:00", "Tu,Th 12:00-20:00"),
        ("цілодобово", "24/7"),
        ("Цілодобово, без вихідних", "24/7"),
        ("пн-пт цілодобово", "Mo-Fr 00:00-24:00"),
        ("пн-пт 9:00-18:00, за попереднім записом", "Mo-Fr 09:00-18:00 \"за попереднім записом\""),
        ("за попереднім записом", "unknown \"за попереднім записом\""),
        ("будні 9-18", "Mo-Fr 09:00-18:00"),
        ("у будні дні з 9:00 до 17:00, у суботу з 10:00 до 14:00", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"),
        ("пн-пт 9:00-13:00, 14:00-18:00", "Mo-Fr 09:00-13:00,14:00-18:00"),
        ("Графік роботи: пн-пт з 9 до 18 год.", "Mo-Fr 09:00-18:00"),
        ("пн-пт 9:00-18:00. Сб, нд – вихідні.", "Mo-Fr 09:00-18:00"),
        ("пн-пт 9-18; вихідні 10-14", "Mo-Fr 09:00-18:00; Sa,Su 10:00-14:00"),
        ("пт-нд 18:00-02:00", "Fr-Su 18:00-02:00"),
        ("Mon-Fri 9-18", "Mo-Fr 09:00-18:00"),
    ];

    #[test]
    fn schedules_in_words_become_the_opening_hours_they_mean() {
        assert!(UNDERSTOOD.len() >= 30);
        let wrong: Vec<(&str, Option<String>, &str)> = UNDERSTOOD
            .iter()
            .map(|(words, expected)| (*words, to_opening_hours(words), *expected))
            .filter(|(_, got, expected)| got.as_deref() != Some(*expected))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn schedules_that_mean_nothing_certain_are_not_understood() {
        for words in [
            "",
            "коли як",
            "за домовленістю з керівником",
            "9-18",
            "з 9 до 18",
            "пн-пт 9",
            "пн-пт 25:00-26:00",
            "пн-пт 9:00-9:00",
            "вихідні: сб, нд",
            "пн-пт 9-18 крім свят",
            "уточнюйте за телефоном",
            "Mo-Fr 9 to 5 o'clock",
        ] {
            assert_eq!(to_opening_hours(words), None, "{words:?}");
        }
    }

    #[test]
    fn words_kept_verbatim_are_a_valid_value_that_says_unknown() {
        assert!(Hours::parse(&verbatim("a\u{0}b\u{7f}")).is_ok());
        let value = verbatim("за \"домовленістю\"\nз керівником");
        assert_eq!(value, "unknown \"за 'домовленістю' з керівником\"");
        assert!(Hours::parse(&value).is_ok());
    }
}
