//! Reading a schedule in words as tokens: days, times, ranges and the
//! words around them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
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
pub(super) fn tokens(text: &str) -> Option<Vec<Token>> {
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
