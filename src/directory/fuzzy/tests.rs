//! Tests of [`super`]: the walk against the plain edit distance of every
//! key, both kinds of rows side by side, and what the lengths and letters
//! of the keys below a node prune.

use super::*;
use crate::directory::normalize::distance_within;
use proptest::prelude::*;

fn naive(keys: &[String], query: &str, max: usize) -> Vec<(u32, usize)> {
    let mut found: Vec<(u32, usize)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| distance_within(query.as_bytes(), k.as_bytes(), max).map(|d| (i as u32, d)))
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn finds_substitutions_insertions_deletions_and_swaps() {
    let keys: Vec<String> = ["brovari", "bровари", "brovary", "lviv", "kyiv", "kiev", "odesa", "b", ""]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let trie = KeyTrie::new(keys.iter().map(String::as_str));
    for (query, max) in [("brovori", 2), ("borvari", 1), ("lviv", 0), ("kyvi", 1), ("odessa", 1), ("", 1), ("x", 1)] {
        let mut got = trie.within(query.as_bytes(), max);
        got.sort_unstable();
        assert_eq!(got, naive(&keys, query, max), "{query} within {max}");
    }
}

#[test]
fn a_query_longer_than_a_byte_can_count_finds_nothing_and_does_not_overflow() {
    let long = "a".repeat(300);
    let keys = [long.as_str(), "aaa", "b"];
    let trie = KeyTrie::new(keys);
    assert_eq!(trie.within(long.as_bytes(), 2), vec![(0, 0)]);
    assert!(trie.within(&[b'z'; 300], 3).is_empty());
}

#[test]
fn a_walk_stops_at_its_node_budget_and_says_so() {
    let keys: Vec<String> = (0..200).map(|i| format!("key{i:03}")).collect();
    let trie = KeyTrie::new(keys.iter().map(String::as_str));
    let (all, complete) = trie.within_visiting(b"key100", 2, Start::Any, usize::MAX);
    assert!(complete);
    assert_eq!(all, trie.within(b"key100", 2));
    let (some, complete) = trie.within_visiting(b"key100", 2, Start::Any, 10);
    assert!(!complete && some.len() < all.len(), "{some:?}");
    assert!(some.iter().all(|found| all.contains(found)), "only true answers: {some:?}");
}

#[test]
fn a_walk_from_the_same_first_byte_finds_only_keys_that_start_with_it() {
    let keys = ["brovari", "drovari", "bravari", "kyiv"];
    let trie = KeyTrie::new(keys);
    let (mut found, complete) = trie.within_visiting(b"brovary", 2, Start::SameFirstByte, usize::MAX);
    found.sort_unstable();
    assert!(complete);
    assert_eq!(found, vec![(0, 1), (2, 2)], "drovari is one edit away but starts with d");
}

/// A walk with each kind of rows, within `max` and `nodes`.
fn both_walks(trie: &KeyTrie, query: &str, max: usize, start: Start, nodes: usize) -> [Walked; 2] {
    let (query, deepest) = (query.as_bytes(), query.len() + max + 1);
    let bits = BitRows::new(query, max, deepest).expect("a short query");
    [trie.walk(ByteRows::new(query, max, deepest), query, max, start, nodes), trie.walk(bits, query, max, start, nodes)]
}

#[test]
fn bit_rows_refuse_a_query_longer_than_a_row_holds() {
    assert!(BitRows::new(&[b'a'; 127], 2, 130).is_some());
    assert!(BitRows::new(&[b'a'; 128], 2, 131).is_none());
    let long = "a".repeat(127);
    let trie = KeyTrie::new([long.as_str(), "aaa"]);
    let [bytes, bits] = both_walks(&trie, &long, 2, Start::Any, usize::MAX);
    assert_eq!(bits, bytes);
    assert_eq!(bits.found, vec![(0, 0)]);
}

/// The walk as it was before the lengths of the keys pruned it: into every
/// child of a node with a cell within the budget.
fn unpruned(trie: &KeyTrie, query: &[u8], max: usize, start: Start) -> Walked {
    struct Old<'a> {
        trie: &'a KeyTrie,
        rows: ByteRows<'a>,
        deepest: usize,
        walked: Walked,
    }
    impl Old<'_> {
        fn visit(&mut self, node: u32, depth: usize, parent: Option<u8>) {
            if depth > self.deepest {
                return;
            }
            self.walked.visited += 1;
            let Node { byte, key, .. } = self.trie.nodes[node as usize];
            let alive = self.rows.fill(depth, byte, parent);
            if key != NONE
                && let Some(distance) = self.rows.end(depth)
            {
                self.walked.found.push((key, distance));
            }
            if alive {
                for (_, child, _) in self.trie.children(node) {
                    self.visit(child, depth + 1, Some(byte));
                }
            }
        }
    }
    let deepest = query.len() + max + 1;
    let walked = Walked { found: Vec::new(), complete: true, visited: 0 };
    let mut old = Old { trie, rows: ByteRows::new(query, max, deepest), deepest, walked };
    if trie.nodes[0].key != NONE && query.len() <= max {
        old.walked.found.push((trie.nodes[0].key, query.len()));
    }
    for (byte, child, _) in trie.children(0) {
        if start == Start::Any || Some(byte) == query.first().copied() {
            old.visit(child, 1, None);
        }
    }
    old.walked
}

/// The `i`-th word of `length` bytes over `letters`.
fn spell(i: usize, length: u32, letters: &[u8]) -> String {
    let base = letters.len();
    (0..length).map(|k| char::from(letters[i / base.pow(k) % base])).collect()
}

#[test]
fn keys_too_short_or_too_long_for_a_query_are_not_walked() {
    // Eight bytes within two edits: only keys of six to ten bytes can be
    // found, and the walk without lengths goes deep into the others before
    // it learns so. The keys have the query's letters, so that only their
    // lengths tell.
    let mut keys: Vec<String> = (0..16).map(|i| spell(i, 4, b"ab")).collect();
    keys.extend((0..300).map(|i| spell(i, 13, b"ab")));
    keys.push("abbaabba".into());
    let trie = KeyTrie::new(keys.iter().map(String::as_str));
    let [walked, _] = both_walks(&trie, "abbaabab", 2, Start::Any, usize::MAX);
    let before = unpruned(&trie, b"abbaabab", 2, Start::Any);
    assert_eq!(walked.found, vec![(316, 1)]);
    assert_eq!(walked.found, before.found);
    assert!(walked.visited * 10 < before.visited, "{} nodes against {}", walked.visited, before.visited);
}

#[test]
fn keys_without_enough_of_the_query_s_letters_are_not_walked() {
    // Keys as long as the query, of letters it does not have: each of its
    // nine bytes costs an edit, which the walk without letters learns only
    // three levels deep into every branch.
    let mut keys: Vec<String> = (0..500).map(|i| spell(i, 9, b"bcefg")).collect();
    keys.push("zzyzxroda".into());
    let trie = KeyTrie::new(keys.iter().map(String::as_str));
    let [walked, _] = both_walks(&trie, "zzyzxroad", 2, Start::Any, usize::MAX);
    let before = unpruned(&trie, b"zzyzxroad", 2, Start::Any);
    assert_eq!(walked.found, vec![(500, 1)]);
    assert_eq!(walked.found, before.found);
    assert!(walked.visited * 10 < before.visited, "{} nodes against {}", walked.visited, before.visited);
}

proptest! {
    #[test]
    fn the_lengths_and_letters_prune_no_key_the_unpruned_walk_finds(
        keys in proptest::collection::vec("[ab]{0,12}|[a-e]{0,10}", 1..60),
        query in "[ab]{0,12}|[b-f]{0,10}",
        max in 0usize..4,
        same_first in any::<bool>(),
    ) {
        let trie = KeyTrie::new(keys.iter().map(String::as_str));
        let start = if same_first { Start::SameFirstByte } else { Start::Any };
        let before = unpruned(&trie, query.as_bytes(), max, start);
        for walked in both_walks(&trie, &query, max, start, usize::MAX) {
            // The same keys in the same order: the nodes skipped held none.
            prop_assert_eq!(&walked.found, &before.found);
            prop_assert!(walked.visited <= before.visited);
        }
    }

    #[test]
    fn both_kinds_of_rows_visit_the_same_nodes_and_find_the_same_keys(
        keys in proptest::collection::vec("[abcd]{0,8}", 1..60),
        query in "[abcd]{0,9}",
        max in 0usize..4,
        nodes in 1usize..200,
        same_first in any::<bool>(),
    ) {
        let trie = KeyTrie::new(keys.iter().map(String::as_str));
        let start = if same_first { Start::SameFirstByte } else { Start::Any };
        let [bytes, bits] = both_walks(&trie, &query, max, start, nodes);
        // Found in the same order, stopped at the same node and visited as
        // many: the bit rows prune exactly where the byte rows do.
        prop_assert_eq!(bits, bytes);
    }

    #[test]
    fn agrees_with_the_edit_distance_of_every_key(
        keys in proptest::collection::vec("[abc]{0,6}", 1..40),
        query in "[abc]{0,7}",
        max in 0usize..4,
    ) {
        agrees_with_the_edit_distance(&keys, &query, max)?;
    }

    #[test]
    fn agrees_with_the_edit_distance_of_keys_of_any_length(
        keys in proptest::collection::vec("[abc]{0,14}", 1..60),
        query in "[abc]{0,14}",
        max in 0usize..5,
    ) {
        agrees_with_the_edit_distance(&keys, &query, max)?;
    }
}

/// The walk finds exactly the keys that the plain edit distance puts
/// within `max` of `query`.
fn agrees_with_the_edit_distance(keys: &[String], query: &str, max: usize) -> Result<(), TestCaseError> {
    let trie = KeyTrie::new(keys.iter().map(String::as_str));
    let mut got = trie.within(query.as_bytes(), max);
    got.sort_unstable();
    let mut want = naive(keys, query, max);
    // Keys given twice end at the same node: the trie keeps the last.
    let last: std::collections::HashMap<&str, u32> =
        keys.iter().enumerate().map(|(i, k)| (k.as_str(), i as u32)).collect();
    want.retain(|(i, _)| last[keys[*i as usize].as_str()] == *i);
    prop_assert_eq!(got, want);
    Ok(())
}
