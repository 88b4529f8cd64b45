//! The languages the bot speaks, and choosing one for a new person.

use serde::{Deserialize, Serialize};

/// A language the bot speaks. Ukrainian is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Uk,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Uk, Language::En];

    /// Picks the language for a new user from the code their platform reports
    /// (`uk`, `ru-RU`, `en-GB`…). Russian speakers in Ukraine get Ukrainian:
    /// they read it, and the centres work in it; everyone else gets English.
    pub fn from_platform_code(code: Option<&str>) -> Self {
        let Some(code) = code else {
            return Language::Uk;
        };
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "uk" | "ru" | "" => Language::Uk,
            _ => Language::En,
        }
    }

    /// The two-letter code stored in the database and used for locale folders.
    pub fn code(self) -> &'static str {
        match self {
            Language::Uk => "uk",
            Language::En => "en",
        }
    }

    /// Parses a stored or typed two-letter code.
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "uk" | "ua" => Some(Language::Uk),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_codes_map_to_the_language_people_expect() {
        assert_eq!(Language::from_platform_code(Some("uk")), Language::Uk);
        assert_eq!(Language::from_platform_code(Some("ru-RU")), Language::Uk);
        assert_eq!(Language::from_platform_code(Some("en-GB")), Language::En);
        assert_eq!(Language::from_platform_code(Some("de")), Language::En);
        assert_eq!(Language::from_platform_code(None), Language::Uk);
    }

    #[test]
    fn codes_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.code()), Some(language));
        }
        assert_eq!(Language::parse("fr"), None);
    }
}
