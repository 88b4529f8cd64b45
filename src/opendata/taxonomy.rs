//! The taxonomy the published attributes point to: `data/taxonomy.toml`,
//! the centres' services vocabulary plus markers of how a record may be used
//! (sample data, an approximate location).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::id;
use crate::domain::ServiceTag;

/// The term a sample record carries.
pub const SAMPLE_DATA: &str = "sample-data";
/// The term a location whose point is not its address carries.
pub const APPROXIMATE_LOCATION: &str = "approximate-location";

/// The taxonomy and its terms, as shipped in `data/taxonomy.toml`.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub detail: TaxonomyDetail,
    pub terms: Vec<Term>,
}

/// HSDS `taxonomy`: what the terms are drawn from.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyDetail {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub version: String,
}

/// One term, in both languages.
#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    pub code: String,
    pub kind: TermKind,
    pub name_uk: String,
    pub name_en: String,
    pub description_uk: String,
    pub description_en: String,
}

/// What a term says: what a centre offers, or something about the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Service,
    Record,
}

/// HSDS `taxonomy_term`. Its taxonomy is named and referred to by id, not
/// embedded (`taxonomy_detail`): it would repeat in every attribute of every
/// record; the API metadata (`GET /api/hsds/`) gives it once.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyTerm<'a> {
    pub id: Uuid,
    pub code: &'a str,
    pub name: &'a str,
    pub description: String,
    pub language: &'static str,
    pub taxonomy: &'a str,
    pub taxonomy_id: Uuid,
}

/// Why `data/taxonomy.toml` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("data/taxonomy.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("data/taxonomy.toml: {0}")]
    Invalid(String),
}

#[derive(Deserialize)]
struct File {
    taxonomy: Header,
    term: Vec<Term>,
}

#[derive(Deserialize)]
struct Header {
    name: String,
    description: String,
    version: String,
}

impl Taxonomy {
    /// The copy built into the binary.
    pub fn built_in() -> Result<Self, TaxonomyError> {
        Self::parse(include_str!("../../data/taxonomy.toml"))
    }

    /// Reads a taxonomy and checks that it names every service tag and the
    /// record markers, each once.
    pub fn parse(text: &str) -> Result<Self, TaxonomyError> {
        let file: File = toml::from_str(text)?;
        let invalid = |why: String| Err(TaxonomyError::Invalid(why));
        for (i, term) in file.term.iter().enumerate() {
            if file.term[..i].iter().any(|t| t.code == term.code) {
                return invalid(format!("term {:?} is listed twice", term.code));
            }
            let texts = [&term.name_uk, &term.name_en, &term.description_uk, &term.description_en];
            if texts.iter().any(|t| t.trim().is_empty()) {
                return invalid(format!("term {:?} needs both names and both descriptions", term.code));
            }
            if term.kind == TermKind::Service && ServiceTag::parse(&term.code).is_err() {
                return invalid(format!("service term {:?} is not in the services vocabulary", term.code));
            }
        }
        let has = |code: &str, kind| file.term.iter().any(|t| t.code == code && t.kind == kind);
        for tag in ServiceTag::ALL {
            if !has(tag.as_str(), TermKind::Service) {
                return invalid(format!("the service {:?} has no term", tag.as_str()));
            }
        }
        for code in [SAMPLE_DATA, APPROXIMATE_LOCATION] {
            if !has(code, TermKind::Record) {
                return invalid(format!("the record term {code:?} is missing"));
            }
        }
        let detail = TaxonomyDetail {
            id: id::derive("taxonomy", &file.taxonomy.name),
            name: file.taxonomy.name,
            description: file.taxonomy.description,
            version: file.taxonomy.version,
        };
        Ok(Self { detail, terms: file.term })
    }

    /// The term with this code (every service tag and record marker has one).
    pub fn term(&self, code: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.code == code)
    }

    /// The term as HSDS publishes it: the Ukrainian name, both descriptions.
    pub fn hsds_term<'a>(&'a self, term: &'a Term) -> TaxonomyTerm<'a> {
        TaxonomyTerm {
            id: self.term_id(term),
            code: &term.code,
            name: &term.name_uk,
            description: format!("{}\n\n{}: {}", term.description_uk, term.name_en, term.description_en),
            language: "uk",
            taxonomy: &self.detail.name,
            taxonomy_id: self.detail.id,
        }
    }

    pub fn term_id(&self, term: &Term) -> Uuid {
        id::derive("taxonomy_term", &format!("{}/{}", self.detail.id, term.code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;
    use crate::i18n::{Catalog, Text};

    #[test]
    fn the_shipped_taxonomy_names_every_service_with_the_bots_own_labels() {
        let taxonomy = Taxonomy::built_in().expect("data/taxonomy.toml is valid");
        let catalog = Catalog::load().expect("locales load");
        for tag in ServiceTag::ALL {
            let term = taxonomy.term(tag.as_str()).expect("a term per tag");
            // The fluent id of a service's label is `service-<tag>`.
            let id: &'static str = Box::leak(format!("service-{}", tag.as_str()).into_boxed_str());
            assert_eq!(catalog.try_render(Language::Uk, &Text::new(id)).expect("label"), term.name_uk);
            assert_eq!(catalog.try_render(Language::En, &Text::new(id)).expect("label"), term.name_en);
        }
    }

    #[test]
    fn a_taxonomy_missing_a_service_or_repeating_a_term_is_refused() {
        let shipped = include_str!("../../data/taxonomy.toml");
        let without_online = shipped.replace("code = \"online\"", "code = \"yoga\"");
        assert!(matches!(Taxonomy::parse(&without_online), Err(TaxonomyError::Invalid(_))));
        let twice = shipped.replace("code = \"online\"", "code = \"veterans\"");
        assert!(matches!(Taxonomy::parse(&twice), Err(TaxonomyError::Invalid(_))));
        let no_sample = shipped.replace("code = \"sample-data\"", "code = \"sample\"");
        assert!(matches!(Taxonomy::parse(&no_sample), Err(TaxonomyError::Invalid(_))));
        assert!(matches!(Taxonomy::parse("[taxonomy]\n"), Err(TaxonomyError::Toml(_))));
    }
}
