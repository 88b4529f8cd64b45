//! Ukrainian settlements and hromadas for typed place search, built by
//! `scripts/build-data.py` from the official KATOTTH codifier and GeoNames.

use std::collections::HashMap;

use super::fuzzy::KeyTrie;
use super::normalize::{MAX_QUERY_CHARS, query_words, skeleton};
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

/// The outcome of a typed search.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// One place is meant. `others` are places with the same name that are far
    /// less likely (villages named like a city), offered as "not this one?".
    Found { place: usize, others: Vec<usize> },
    /// Several places fit equally well: ask which one.
    Ambiguous(Vec<usize>),
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
}

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
        Ok(Self { places, oblasts, by_key, keys, trie, by_code, oblast_keys })
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

    /// Finds the place a person typed. The whole query is tried first; an
    /// oblast typed after the name ("Новомиколаївка, Запорізька") narrows the
    /// search only when the whole query is not itself a name ("Нова Одеса").
    pub fn search(&self, query: &str) -> Lookup {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let mut words = query_words(&query);
        let whole = skeleton(&words.concat());
        if whole.is_empty() {
            return Lookup::NotFound { suggestions: Vec::new() };
        }
        if let Some(exact) = self.by_key.get(&whole) {
            return self.decide(exact.clone());
        }
        if words.len() > 1
            && let Some(oblast) = words.last().and_then(|w| self.oblast_named(w))
        {
            words.pop();
            let narrowed = self.lookup(&skeleton(&words.concat()), Some(oblast));
            if !matches!(narrowed, Lookup::NotFound { .. }) {
                return narrowed;
            }
        }
        self.lookup(&whole, None)
    }

    /// A settlement (or with `hromadas`, a hromada) as an operator's table
    /// names it ("м. Бровари", "Броварська міська громада"), within one
    /// oblast and, when given, one hromada. Only an exact match (as
    /// skeletons: case, apostrophes and и/і do not count) is found; the
    /// closest spellings there are offered otherwise.
    pub fn find_within(&self, name: &str, oblast: usize, hromada: Option<usize>, hromadas: bool) -> Lookup {
        let name: String = name.chars().take(MAX_QUERY_CHARS).collect();
        let key = skeleton(&query_words(&name).concat());
        let within = |p: &Place| {
            p.oblast == oblast
                && (p.kind == PlaceKind::Hromada) == hromadas
                && hromada.is_none_or(|h| p.hromada == Some(h))
        };
        let exact: Vec<usize> =
            self.by_key.get(&key).into_iter().flatten().copied().filter(|&p| within(&self.places[p])).collect();
        if !exact.is_empty() {
            return self.decide(exact);
        }
        // A misspelling is not taken for a place in a file: it is offered.
        let mut suggestions = match self.lookup_where(&key, within) {
            Lookup::Found { place, others } => std::iter::once(place).chain(others).collect(),
            Lookup::Ambiguous(places) => places,
            Lookup::NotFound { suggestions } => suggestions,
        };
        suggestions.dedup_by(|a, b| self.places[*a].name_uk == self.places[*b].name_uk);
        suggestions.truncate(3);
        Lookup::NotFound { suggestions }
    }

    /// Exact, then fuzzy, then suggestions, optionally within one oblast.
    fn lookup(&self, key: &str, oblast: Option<usize>) -> Lookup {
        self.lookup_where(key, |p| oblast.is_none_or(|o| p.oblast == o))
    }

    /// Exact, then fuzzy, then suggestions, among the places `within` keeps.
    fn lookup_where(&self, key: &str, within: impl Fn(&Place) -> bool) -> Lookup {
        if key.is_empty() {
            return Lookup::NotFound { suggestions: Vec::new() };
        }
        let keep = |candidates: Vec<usize>| -> Vec<usize> {
            candidates.into_iter().filter(|&p| within(&self.places[p])).collect()
        };
        let exact = keep(self.by_key.get(key).cloned().unwrap_or_default());
        if !exact.is_empty() {
            return self.decide(exact);
        }
        let budget = edit_budget(key.len());
        let (best, candidates) = self.fuzzy(key, budget);
        let candidates = keep(candidates);
        if best.is_some() && !candidates.is_empty() {
            return self.decide(candidates);
        }
        let (_, near) = self.fuzzy(key, budget + 1);
        let mut suggestions = keep(near);
        self.rank(&mut suggestions);
        suggestions.dedup_by(|a, b| self.places[*a].name_uk == self.places[*b].name_uk);
        suggestions.truncate(3);
        Lookup::NotFound { suggestions }
    }

    fn oblast_named(&self, word: &str) -> Option<usize> {
        let key = skeleton(word);
        if key.len() < 4 {
            return None;
        }
        self.oblast_keys
            .iter()
            .find(|(name, _)| name.starts_with(&key) || key.starts_with(name.as_str()))
            .map(|(_, i)| *i)
    }

    /// All places whose key is within `budget` edits, at the smallest distance
    /// found. Searched one edit at a time: most typos are one edit, and a
    /// search within one edit visits far fewer names than within two.
    fn fuzzy(&self, key: &str, budget: usize) -> (Option<usize>, Vec<usize>) {
        let within = (0..=budget)
            .map(|limit| self.trie.within(key.as_bytes(), limit))
            .find(|within| !within.is_empty())
            .unwrap_or_default();
        let best = within.iter().map(|(_, distance)| *distance).min();
        let mut found: Vec<usize> = within
            .iter()
            .filter(|(_, distance)| Some(*distance) == best)
            .flat_map(|(k, _)| self.by_key.get(&self.keys[*k as usize]).into_iter().flatten().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        (best, found)
    }

    /// A single city among villages of the same name is meant; otherwise ask.
    fn decide(&self, mut candidates: Vec<usize>) -> Lookup {
        self.rank(&mut candidates);
        if candidates.len() == 1 {
            return Lookup::Found { place: candidates[0], others: Vec::new() };
        }
        let cities = candidates.iter().filter(|&&p| self.places[p].kind == PlaceKind::City).count();
        if cities == 1 {
            let place = candidates.remove(0);
            return Lookup::Found { place, others: candidates };
        }
        Lookup::Ambiguous(candidates)
    }

    /// Cities first, then by population, then by oblast and name for stable output.
    fn rank(&self, candidates: &mut [usize]) {
        candidates.sort_by(|&a, &b| {
            let (a, b) = (&self.places[a], &self.places[b]);
            b.kind
                .cmp(&a.kind)
                .then(b.population.cmp(&a.population))
                .then(self.oblasts[a.oblast].name_uk.cmp(&self.oblasts[b.oblast].name_uk))
                .then(a.code.cmp(&b.code))
        });
    }
}

/// Edits allowed for a key of this length: none for very short names, where
/// one edit reaches too many others, up to two for long ones.
fn edit_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
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
