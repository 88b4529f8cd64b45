//! Ukrainian settlements and hromadas for typed place search, built by
//! `scripts/build-data.py` from the official KATOTTH codifier and GeoNames.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::fuzzy::KeyTrie;
use super::geo_index::GeoIndex;
use super::normalize::skeleton;
use crate::domain::Coordinates;

/// What kind of unit a place is, in the codifier's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Village,
    Town,
    Hromada,
    City,
}

/// How a place's coordinates were found: its own, or borrowed from a larger unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Place,
    Hromada,
    Raion,
    Oblast,
}

/// A searchable place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The KATOTTH code, stable across data rebuilds.
    pub code: String,
    pub kind: PlaceKind,
    pub name_uk: String,
    pub name_lat: String,
    /// Position in [`Gazetteer::oblasts`].
    pub oblast: usize,
    /// Position in [`Gazetteer::places`] of the place's hromada, if it has one.
    pub hromada: Option<usize>,
    pub location: Coordinates,
    pub precision: Precision,
    pub population: u32,
}

/// An oblast (or a city with special status), for disambiguation and labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Oblast {
    pub code: String,
    pub name_uk: String,
    pub name_en: String,
}

impl Oblast {
    pub fn name(&self, language: crate::domain::Language) -> &str {
        match language {
            crate::domain::Language::Uk => &self.name_uk,
            crate::domain::Language::En => &self.name_en,
        }
    }
}

/// The outcome of a typed search. `matched` is the skeleton of the name that
/// matched (a place's own name, or a variant such as a former name that
/// several places share), so that a hint can say "places called «…»" with the
/// name the person meant rather than another candidate's own name.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// One place is meant: the only one, or one that clearly dominates its
    /// namesakes (a city among villages, or ten times the population of the
    /// next). `others` are its namesakes, most likely first, offered as "not
    /// this one?".
    Found { place: usize, others: Vec<usize>, matched: String },
    /// Several places fit and none dominates: ask which one, most likely first.
    Ambiguous { candidates: Vec<usize>, matched: String },
    /// Nothing fits; these spellings come closest (maybe none).
    NotFound { suggestions: Vec<usize> },
}

#[derive(Debug, thiserror::Error)]
#[error("gazetteer line {line}: {reason}")]
pub struct GazetteerError {
    line: usize,
    reason: String,
}

/// The place index: names by skeleton, and skeletons by length for fuzzy search.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    oblasts: Vec<Oblast>,
    by_key: HashMap<String, Vec<usize>>,
    /// The distinct keys, and a trie of them for misspelled searches.
    keys: Vec<String>,
    trie: KeyTrie,
    by_code: HashMap<String, usize>,
    oblast_keys: Vec<(String, usize)>,
    /// Settlements with a point of their own, indexed on first use, and the
    /// position in `places` of each indexed item (see `nearest`).
    settlements: OnceLock<(GeoIndex, Vec<usize>)>,
}

mod nearest;
mod search;

const BUILT_IN: &str = include_str!("../../data/gazetteer.tsv");

impl Gazetteer {
    /// The gazetteer committed in `data/gazetteer.tsv`.
    pub fn built_in() -> Result<Self, GazetteerError> {
        Self::parse(BUILT_IN)
    }

    /// Parses the TSV written by `scripts/build-data.py`.
    pub fn parse(tsv: &str) -> Result<Self, GazetteerError> {
        let mut rows = Vec::new();
        for (index, line) in tsv.lines().enumerate().skip(1) {
            let fail = |reason: &str| GazetteerError { line: index + 1, reason: reason.to_owned() };
            let fields: Vec<&str> = line.split('\t').collect();
            let [code, kind, name_uk, name_lat, oblast_code, hromada_code, lat, lon, precision, population, alt] =
                fields[..]
            else {
                return Err(fail("expected 11 tab-separated fields"));
            };
            let lat = lat.parse().map_err(|_| fail("bad lat"))?;
            let lon = lon.parse().map_err(|_| fail("bad lon"))?;
            let location = Coordinates::parse(lat, lon).map_err(|e| fail(&e.to_string()))?;
            rows.push(Row {
                code,
                kind,
                name_uk,
                name_lat,
                oblast_code,
                hromada_code,
                location,
                precision: match precision {
                    "place" => Precision::Place,
                    "hromada" => Precision::Hromada,
                    "raion" => Precision::Raion,
                    "oblast" => Precision::Oblast,
                    _ => return Err(fail("unknown precision")),
                },
                population: population.parse().map_err(|_| fail("bad population"))?,
                alt,
            });
        }
        Self::index(rows).map_err(|reason| GazetteerError { line: 0, reason })
    }

    fn index(rows: Vec<Row<'_>>) -> Result<Self, String> {
        let mut oblasts = Vec::new();
        let mut oblast_index = HashMap::new();
        for row in rows.iter().filter(|r| r.kind == "oblast" || (r.kind == "city" && r.code == r.oblast_code)) {
            oblast_index.insert(row.code.to_owned(), oblasts.len());
            oblasts.push(Oblast { code: row.code.into(), name_uk: row.name_uk.into(), name_en: row.name_lat.into() });
        }
        let mut places = Vec::new();
        let mut by_code = HashMap::new();
        let mut alternates = Vec::new();
        for row in rows.iter().filter(|r| r.kind != "oblast") {
            let kind = match row.kind {
                "city" => PlaceKind::City,
                "town" => PlaceKind::Town,
                "village" => PlaceKind::Village,
                "hromada" => PlaceKind::Hromada,
                other => return Err(format!("{}: unknown kind {other}", row.code)),
            };
            let oblast = *oblast_index.get(row.oblast_code).ok_or_else(|| format!("{}: unknown oblast", row.code))?;
            by_code.insert(row.code.to_owned(), places.len());
            alternates.push(row.alt);
            places.push(Place {
                code: row.code.into(),
                kind,
                name_uk: row.name_uk.into(),
                name_lat: row.name_lat.into(),
                oblast,
                hromada: None,
                location: row.location,
                precision: row.precision,
                population: row.population,
            });
        }
        for (place, row) in places.iter_mut().zip(rows.iter().filter(|r| r.kind != "oblast")) {
            if !row.hromada_code.is_empty() && row.hromada_code != row.code {
                place.hromada = by_code.get(row.hromada_code).copied();
            }
        }
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, (place, alt)) in places.iter().zip(&alternates).enumerate() {
            let names = [place.name_uk.as_str(), place.name_lat.as_str()].into_iter().chain(alt.split('|'));
            for name in names {
                let key = skeleton(name);
                if key.is_empty() {
                    continue;
                }
                let entry = by_key.entry(key).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
        let mut keys: Vec<String> = by_key.keys().cloned().collect();
        keys.sort_unstable();
        let trie = KeyTrie::new(keys.iter().map(String::as_str));
        let oblast_keys = oblasts
            .iter()
            .enumerate()
            .flat_map(|(i, o)| {
                let first_word = |name: &str| name.split_whitespace().next().map(skeleton).unwrap_or_default();
                [(first_word(&o.name_uk), i), (first_word(&o.name_en), i)]
            })
            .filter(|(key, _)| key.len() >= 4)
            .collect();
        Ok(Self { places, oblasts, by_key, keys, trie, by_code, oblast_keys, settlements: OnceLock::new() })
    }

    pub fn place(&self, index: usize) -> &Place {
        &self.places[index]
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn oblast(&self, index: usize) -> &Oblast {
        &self.oblasts[index]
    }

    pub fn oblasts(&self) -> &[Oblast] {
        &self.oblasts
    }

    /// An oblast by its KATOTTH code, or by its name in either language
    /// ("Київська", "kyivska oblast", "Lviv").
    pub fn find_oblast(&self, code_or_name: &str) -> Option<&Oblast> {
        let code_or_name = code_or_name.trim();
        self.oblasts
            .iter()
            .find(|o| o.code.eq_ignore_ascii_case(code_or_name))
            .or_else(|| {
                let key = skeleton(code_or_name);
                self.oblasts.iter().find(|o| skeleton(&o.name_uk) == key || skeleton(&o.name_en) == key)
            })
            .or_else(|| self.oblast_named(code_or_name).map(|i| &self.oblasts[i]))
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }
}

struct Row<'a> {
    code: &'a str,
    kind: &'a str,
    name_uk: &'a str,
    name_lat: &'a str,
    oblast_code: &'a str,
    hromada_code: &'a str,
    location: Coordinates,
    precision: Precision,
    population: u32,
    alt: &'a str,
}
