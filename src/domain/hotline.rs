//! The crisis and support lines (`data/hotlines.toml`, or an operator's
//! copy) that "I need help now" shows, with the date they were checked.

use chrono::NaiveDate;
use serde::Deserialize;

use super::Language;

/// The crisis and support lines shown by "I need help now". Numbers change, so
/// they live in an operator-editable TOML file with the date they were last checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Hotlines {
    pub last_checked: NaiveDate,
    pub lines: Vec<Hotline>,
}

/// The file as written: TOML dates are their own type, not strings.
#[derive(Deserialize)]
struct File {
    last_checked: toml::value::Datetime,
    #[serde(rename = "line")]
    lines: Vec<Hotline>,
}

/// One support line.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Hotline {
    pub name_uk: String,
    pub name_en: String,
    /// Numbers as people dial them, written with the usual spacing ("0 800 500 335").
    pub numbers: Vec<String>,
    pub hours_uk: Option<String>,
    pub hours_en: Option<String>,
    /// Lines for someone in acute danger come first and get a call button.
    #[serde(default)]
    pub urgent: bool,
    /// Emergency services (112, 103): for a threat to life, not for being
    /// listened to, so the check-in's result names them on a line of their own.
    #[serde(default)]
    pub emergency: bool,
    pub source: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum HotlineError {
    #[error("the hotlines file is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("the hotlines file lists no lines")]
    Empty,
    #[error("last_checked must be a date like 2026-11-22")]
    Date,
    #[error("line {index} ({name}): {reason}")]
    Line { index: usize, name: String, reason: &'static str },
}

impl Hotlines {
    /// The copy committed in `data/hotlines.toml`, used when no file is configured.
    pub const BUILT_IN: &'static str = include_str!("../../data/hotlines.toml");

    pub fn parse(text: &str) -> Result<Self, HotlineError> {
        let file: File = toml::from_str(text)?;
        let date = file.last_checked.date.ok_or(HotlineError::Date)?;
        let last_checked = NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
            .ok_or(HotlineError::Date)?;
        let hotlines = Hotlines { last_checked, lines: file.lines };
        if hotlines.lines.is_empty() {
            return Err(HotlineError::Empty);
        }
        for (index, line) in hotlines.lines.iter().enumerate() {
            let fail = |reason| HotlineError::Line { index: index + 1, name: line.name_en.clone(), reason };
            if line.name_uk.trim().is_empty() || line.name_en.trim().is_empty() {
                return Err(fail("both name_uk and name_en are required"));
            }
            if line.numbers.is_empty() {
                return Err(fail("at least one number is required"));
            }
            let dialable = |n: &String| {
                let digits = n.chars().filter(char::is_ascii_digit).count();
                digits >= 3 && n.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '+')
            };
            if !line.numbers.iter().all(dialable) {
                return Err(fail("numbers may hold only digits, spaces and a leading +"));
            }
        }
        Ok(hotlines)
    }

    pub fn built_in() -> Result<Self, HotlineError> {
        Self::parse(Self::BUILT_IN)
    }
}

impl Hotline {
    pub fn name(&self, language: Language) -> &str {
        match language {
            Language::Uk => &self.name_uk,
            Language::En => &self.name_en,
        }
    }

    pub fn hours(&self, language: Language) -> Option<&str> {
        match language {
            Language::Uk => self.hours_uk.as_deref(),
            Language::En => self.hours_en.as_deref(),
        }
    }

    /// The first number without spaces, for `tel:` links and call buttons.
    pub fn dial(&self) -> Option<String> {
        self.numbers.first().map(|n| n.chars().filter(|c| !c.is_whitespace()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_hotlines_parse_and_start_with_urgent_lines() {
        let hotlines = Hotlines::built_in().expect("data/hotlines.toml parses");
        assert!(hotlines.lines[0].urgent);
        assert!(hotlines.lines.iter().any(|l| l.numbers.iter().any(|n| n == "7333")));
    }

    #[test]
    fn a_hotline_without_numbers_or_with_letters_is_refused() {
        let no_numbers = "last_checked = 2026-01-01\n[[line]]\nname_uk = \"а\"\nname_en = \"a\"\nnumbers = []\n";
        assert!(matches!(Hotlines::parse(no_numbers), Err(HotlineError::Line { index: 1, .. })));
        let letters =
            "last_checked = 2026-01-01\n[[line]]\nname_uk = \"а\"\nname_en = \"a\"\nnumbers = [\"CALL-ME\"]\n";
        assert!(matches!(Hotlines::parse(letters), Err(HotlineError::Line { .. })));
        assert!(matches!(Hotlines::parse("last_checked = 2026-01-01\nline = []\n"), Err(HotlineError::Empty)));
        assert!(matches!(Hotlines::parse("not toml ["), Err(HotlineError::Toml(_))));
    }
}
