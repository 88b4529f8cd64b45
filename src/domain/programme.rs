//! Group programmes and the cohorts that run them.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::Language;

/// A programme that runs as cohorts (UNICEF "Parenting Without Stress", WHO
/// Self-Help Plus…).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Programme {
    pub id: String,
    pub kind: String,
    pub title_uk: String,
    pub title_en: String,
    pub description_uk: String,
    pub description_en: String,
}

/// A cohort as an operator's groups file describes it, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRow {
    pub id: String,
    pub programme: String,
    pub centre: String,
    pub language: Language,
    /// `in_person` or `online`.
    pub format: &'static str,
    pub capacity: i32,
    pub sessions: Vec<DateTime<Utc>>,
    pub duration_minutes: i32,
}

#[derive(Deserialize)]
struct File {
    programme: Vec<Programme>,
}

/// Why the programmes file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ProgrammeError {
    #[error("the programmes file is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("programme {0:?}: {1}")]
    Invalid(String, &'static str),
}

const KINDS: [&str; 4] = ["parenting", "self-help-plus", "support-group", "other"];

impl Programme {
    /// The programmes in `data/programmes.toml`, compiled in.
    pub fn built_in() -> Result<Vec<Programme>, ProgrammeError> {
        Self::parse(include_str!("../../data/programmes.toml"))
    }

    pub fn parse(text: &str) -> Result<Vec<Programme>, ProgrammeError> {
        let file: File = toml::from_str(text)?;
        for programme in &file.programme {
            let fail = |reason| ProgrammeError::Invalid(programme.id.clone(), reason);
            if !super::is_identifier(&programme.id) {
                return Err(fail("the id is 1–40 of a-z, 0-9, - and _"));
            }
            if !KINDS.contains(&programme.kind.as_str()) {
                return Err(fail("kind must be parenting, self-help-plus, support-group or other"));
            }
            if programme.title_uk.trim().is_empty() || programme.title_en.trim().is_empty() {
                return Err(fail("both titles are required"));
            }
        }
        Ok(file.programme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_programmes_parse() {
        let programmes = Programme::built_in().expect("data/programmes.toml parses");
        assert!(programmes.iter().any(|p| p.id == "parenting-without-stress"));
        assert!(programmes.iter().any(|p| p.id == "self-help-plus"));
    }

    #[test]
    fn a_programme_with_a_bad_kind_or_id_is_refused() {
        let bad_kind = "[[programme]]\nid = \"x\"\nkind = \"yoga\"\ntitle_uk = \"а\"\ntitle_en = \"a\"\ndescription_uk = \"\"\ndescription_en = \"\"\n";
        assert!(matches!(Programme::parse(bad_kind), Err(ProgrammeError::Invalid(..))));
        let bad_id = bad_kind.replace("\"x\"", "\"a b\"").replace("yoga", "other");
        assert!(matches!(Programme::parse(&bad_id), Err(ProgrammeError::Invalid(..))));
    }
}
