//! Finding the place a person typed: exact names, then misspellings, then
//! the closest spellings; and among namesakes, the one that clearly
//! dominates (a city among villages) or a question.

use super::{Gazetteer, Lookup, Place, PlaceKind};
use crate::directory::fuzzy::Start;
use crate::directory::normalize::{MAX_QUERY_CHARS, query_words, skeleton};

/// The most trie nodes a "did you mean" walk visits: three times what one
/// within three edits from a name's first letter needed (1,400–3,100 for the
/// queries measured) before the walk skipped branches by the lengths and
/// letters of their keys (now 140–830), a bound for a long query on a
/// common first letter.
const SUGGESTION_NODES: usize = 10_000;

impl Gazetteer {
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
            return self.decide(exact.clone(), whole);
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
            return self.decide(exact, key);
        }
        // A misspelling is not taken for a place in a file: it is offered.
        let mut suggestions = match self.lookup_where(&key, within) {
            Lookup::Found { place, others, .. } => std::iter::once(place).chain(others).collect(),
            Lookup::Ambiguous { candidates, .. } => candidates,
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
            return self.decide(exact, key.to_owned());
        }
        let budget = edit_budget(key.len());
        // Of the names equally close to a misspelling, the one of the most
        // likely place is meant; its namesakes are the candidates.
        let mut named: Vec<(usize, &str)> =
            self.fuzzy(key, budget).into_iter().filter(|&(place, _)| within(&self.places[place])).collect();
        if !named.is_empty() {
            let mut ranked: Vec<usize> = named.iter().map(|&(place, _)| place).collect();
            self.rank(&mut ranked);
            let meant = named.iter().find(|&&(place, _)| place == ranked[0]).map_or("", |&(_, name)| name).to_owned();
            named.retain(|&(_, name)| name == meant);
            return self.decide(named.into_iter().map(|(place, _)| place).collect(), meant);
        }
        let mut suggestions: Vec<usize> =
            self.suggestions(key, budget + 1).filter(|&place| within(&self.places[place])).collect();
        self.rank(&mut suggestions);
        suggestions.dedup_by(|a, b| self.places[*a].name_uk == self.places[*b].name_uk);
        suggestions.truncate(3);
        Lookup::NotFound { suggestions }
    }

    pub(super) fn oblast_named(&self, word: &str) -> Option<usize> {
        let key = skeleton(word);
        if key.len() < 4 {
            return None;
        }
        self.oblast_keys
            .iter()
            .find(|(name, _)| name.starts_with(&key) || key.starts_with(name.as_str()))
            .map(|(_, i)| *i)
    }

    /// "Did you mean": the places whose names are closest to `key`, within
    /// `max` edits (one more than a search allows), among names with its
    /// first letter, and at most [`SUGGESTION_NODES`] nodes of the trie
    /// walked. Nothing nearer than `max` exists (the search found nothing), so
    /// the walk within `max` is the only one made. Bounded so that a typed
    /// name that matches nothing costs no more than a misspelled one.
    fn suggestions(&self, key: &str, max: usize) -> impl Iterator<Item = usize> + '_ {
        let (found, _complete) = self.trie.within_visiting(key.as_bytes(), max, Start::SameFirstByte, SUGGESTION_NODES);
        let best = found.iter().map(|(_, distance)| *distance).min();
        found
            .into_iter()
            .filter(move |(_, distance)| Some(*distance) == best)
            .flat_map(|(k, _)| self.by_key.get(self.keys[k as usize].as_str()).into_iter().flatten().copied())
    }

    /// Every place whose name is within `budget` edits of `key`, with the
    /// name (its key) that came that close, at the smallest distance found.
    /// Searched one edit at a time: most typos are one edit, and a search
    /// within one edit visits far fewer names than within two.
    fn fuzzy(&self, key: &str, budget: usize) -> Vec<(usize, &str)> {
        let within = (0..=budget)
            .map(|limit| self.trie.within(key.as_bytes(), limit))
            .find(|within| !within.is_empty())
            .unwrap_or_default();
        let best = within.iter().map(|(_, distance)| *distance).min();
        let mut found: Vec<(usize, &str)> = within
            .iter()
            .filter(|(_, distance)| Some(*distance) == best)
            .flat_map(|(k, _)| {
                let name = self.keys[*k as usize].as_str();
                self.by_key.get(name).into_iter().flatten().map(move |&place| (place, name))
            })
            .collect();
        found.sort_unstable();
        found.dedup_by_key(|(place, _)| *place);
        found
    }

    /// The one place meant among namesakes, if one dominates; otherwise ask.
    fn decide(&self, mut candidates: Vec<usize>, matched: String) -> Lookup {
        self.rank(&mut candidates);
        if candidates.len() == 1 || self.dominates(&candidates, &matched) {
            let place = candidates.remove(0);
            return Lookup::Found { place, others: candidates, matched };
        }
        Lookup::Ambiguous { candidates, matched }
    }

    /// Whether the first of ranked namesakes is clearly the one meant: the
    /// only city among them, called so by its own name ("Рівне" the city, not
    /// the villages; not the city Привілля, which one source also calls
    /// Привільне, against twenty villages of that name), or a place
    /// of at least ten thousand people ten times as populous as the next
    /// ("Миколаїв" of 470,000 against the town of 15,000 in Lviv oblast).
    /// A town among villages does not dominate by its type alone: there are
    /// thirty villages called Привільне beside the town, and populations of
    /// villages are mostly unknown.
    fn dominates(&self, ranked: &[usize], matched: &str) -> bool {
        let [top, rest @ ..] = ranked else { return false };
        let top = &self.places[*top];
        let own_name = skeleton(&top.name_uk) == matched || skeleton(&top.name_lat) == matched;
        if own_name && top.kind == PlaceKind::City && rest.iter().all(|&p| self.places[p].kind != PlaceKind::City) {
            return true;
        }
        let next_population = rest.iter().map(|&p| self.places[p].population).max().unwrap_or(0);
        top.population >= DOMINANT_POPULATION && top.population >= next_population.saturating_mul(10)
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

/// A place must have at least this many people to dominate its namesakes by
/// population alone: below it, populations are mostly unknown (0) and
/// "ten times" means little.
const DOMINANT_POPULATION: u32 = 10_000;

/// Edits allowed for a key of this length: none for very short names, where
/// one edit reaches too many others, up to two for long ones.
fn edit_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}
