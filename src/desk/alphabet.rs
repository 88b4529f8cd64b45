//! Names in Ukrainian alphabetical order: а б в г ґ д е є ж з и і ї й к …
//! Sorting by code points puts `Є`, `І`, `Ї` and `Ґ` after `Я` (they sit
//! outside the basic Cyrillic block), so "Івано-Франківська" came last in
//! the oblast lists. ICU4X's collator with CLDR's Ukrainian tailoring
//! orders them as a Ukrainian reader expects, and Latin names after
//! Cyrillic ones are handled the same way.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

static UKRAINIAN: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    // Compiled into the crate: the only failure is a build without the data.
    Collator::try_new(locale!("uk").into(), CollatorOptions::default()).expect("ICU4X's compiled Ukrainian collation")
});

/// `a` against `b` in Ukrainian alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    UKRAINIAN.compare(a, b)
}

/// Sorts `names` in Ukrainian alphabetical order, each once.
pub fn sorted<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable_by(|a, b| compare(a, b));
    names.dedup();
    names.into_iter().map(str::to_owned).collect()
}

/// Each name's place in Ukrainian alphabetical order (0 first; equal names
/// share a place), in the order given: for putting many in order by a number
/// rather than by comparing strings. One sort key per name, whose bytes
/// order as [`compare`] does (ICU4X's `write_sort_key_to`).
pub fn places<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
    let mut keyed: Vec<(Vec<u8>, usize)> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let mut key = Vec::new();
            let Ok(()) = UKRAINIAN.write_sort_key_to(name, &mut key);
            (key, i)
        })
        .collect();
    keyed.sort_unstable();
    let mut places = vec![0; keyed.len()];
    let mut place = 0;
    for (n, (key, i)) in keyed.iter().enumerate() {
        if n > 0 && keyed[n - 1].0 != *key {
            place = u32::try_from(n).unwrap_or(u32::MAX);
        }
        places[*i] = place;
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_follow_the_alphabet_and_equal_names_share_one() {
        let names = ["Київська", "Івано-Франківська", "Балаклійська", "Київська", "Єнакіївська"];
        assert_eq!(places(names), [3, 2, 0, 3, 1]);
        let mut by_place: Vec<(u32, &str)> = places(names).into_iter().zip(names).collect();
        by_place.sort_unstable();
        let by_place: Vec<&str> = by_place.into_iter().map(|(_, name)| name).collect();
        let mut by_compare = names.to_vec();
        by_compare.sort_by(|a, b| compare(a, b));
        assert_eq!(by_place, by_compare, "the same order as comparing the names");
    }

    #[test]
    fn the_ukrainian_letters_outside_the_basic_block_sort_where_the_alphabet_has_them() {
        let oblasts = ["Чернігівська", "Івано-Франківська", "Вінницька", "Житомирська", "Запорізька", "Київська"];
        assert_eq!(
            sorted(oblasts),
            ["Вінницька", "Житомирська", "Запорізька", "Івано-Франківська", "Київська", "Чернігівська"]
        );
        assert_eq!(
            sorted(["ґанок", "гора", "єнот", "есе", "їжак", "іній", "иній"]),
            ["гора", "ґанок", "есе", "єнот", "иній", "іній", "їжак"]
        );
        assert_eq!(sorted(["Київська", "Київська"]), ["Київська"], "each once");
    }
}
