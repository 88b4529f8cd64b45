//! What people type as a place name. The skeleton is lowercase ASCII letters
//! and digits and a fixed point; query words carry no separators, controls or
//! capitals; the bounded edit distance agrees with the plain optimal string
//! alignment distance; and a search of the built-in gazetteer (31,000 names,
//! built once) returns only places that exist, each once, in the shapes the
//! conversation expects — for inputs of any length.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use resilience_bot::directory::normalize::{distance_within, query_words, skeleton};
use resilience_bot::directory::{Gazetteer, Lookup};

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::built_in().expect("the built-in gazetteer parses"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let key = skeleton(text);
    assert!(key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()), "{key:?}");
    assert_eq!(skeleton(&key), key, "the skeleton is not a fixed point");

    for word in query_words(text) {
        assert!(!word.is_empty());
        assert!(!word.chars().any(|c| c.is_whitespace() || c.is_control() || ",;.()/\"".contains(c)), "{word:?}");
        assert_eq!(word.to_lowercase(), word);
    }

    // The text before and after the first tab, as two skeletons to compare.
    if let Some((a, b)) = text.split_once('\t') {
        let (a, b) = (skeleton(a), skeleton(b));
        if a.len() <= 64 && b.len() <= 64 {
            let exact = osa(a.as_bytes(), b.as_bytes());
            for max in 0..=4 {
                let want = (exact <= max).then_some(exact);
                assert_eq!(distance_within(a.as_bytes(), b.as_bytes(), max), want, "{a:?} {b:?} within {max}");
                assert_eq!(distance_within(b.as_bytes(), a.as_bytes(), max), want, "{b:?} {a:?} within {max}");
            }
        }
    }

    let gazetteer = gazetteer();
    let places = gazetteer.places().len();
    match gazetteer.search(text) {
        Lookup::Found { place, others, matched } => {
            assert!(place < places);
            assert!(!matched.is_empty());
            assert!(others.iter().all(|&p| p < places && p != place));
            assert_distinct(&others);
        }
        Lookup::Ambiguous { candidates, matched } => {
            assert!(candidates.len() >= 2, "ambiguous between {candidates:?}");
            assert!(!matched.is_empty());
            assert!(candidates.iter().all(|&p| p < places));
            assert_distinct(&candidates);
        }
        Lookup::NotFound { suggestions } => {
            assert!(suggestions.len() <= 3);
            assert!(suggestions.iter().all(|&p| p < places));
            assert_distinct(&suggestions);
        }
    }
    if let Some(oblast) = gazetteer.find_oblast(text) {
        assert!(gazetteer.oblasts().contains(oblast));
    }
    if let Some(place) = gazetteer.by_code(text) {
        assert_eq!(gazetteer.place(place).code, text);
    }
});

fn assert_distinct(places: &[usize]) {
    let mut sorted = places.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), places.len(), "a place offered twice: {places:?}");
}

/// Optimal string alignment distance, unbounded, straight from the definition.
fn osa(a: &[u8], b: &[u8]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}
