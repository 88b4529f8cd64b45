//! Misspelled-name search: every key within a few edits of a query
//! (optimal string alignment: insertions, deletions, substitutions and
//! swaps of neighbours), found by walking a trie of the keys with one row
//! of the edit-distance table per node. Keys that share a prefix share its
//! rows, and a branch is left as soon as no cell of its row is within the
//! budget, so a search visits a few thousand nodes instead of comparing the
//! query with every key.

mod rows;

use rows::{BitRows, ByteRows, Rows};

/// The keys as a trie: nodes in one array, each linking to its first child
/// and its next sibling, so that building and holding it costs 16 bytes a
/// node and no allocation per node.
#[derive(Debug, Default)]
pub struct KeyTrie {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    byte: u8,
    first_child: u32,
    next_sibling: u32,
    /// The key that ends here (an index into the keys given), or `NONE`.
    key: u32,
}

const NONE: u32 = u32::MAX;

/// Which keys a bounded walk considers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Every key.
    Any,
    /// Only keys whose first byte is the query's: a typo in the first
    /// letter is rarer than elsewhere, and the walk then covers one branch
    /// of the root instead of the whole trie.
    SameFirstByte,
}

impl KeyTrie {
    /// A trie of `keys`; searches return indexes into it.
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let root = Node { byte: 0, first_child: NONE, next_sibling: NONE, key: NONE };
        let mut nodes = vec![root];
        for (index, key) in keys.into_iter().enumerate() {
            let mut node = 0;
            for &byte in key.as_bytes() {
                let mut child = nodes[node].first_child;
                while child != NONE && nodes[child as usize].byte != byte {
                    child = nodes[child as usize].next_sibling;
                }
                if child == NONE {
                    child = u32::try_from(nodes.len()).unwrap_or(NONE);
                    let sibling = nodes[node].first_child;
                    nodes.push(Node { byte, first_child: NONE, next_sibling: sibling, key: NONE });
                    nodes[node].first_child = child;
                }
                node = child as usize;
            }
            nodes[node].key = u32::try_from(index).unwrap_or(NONE);
        }
        nodes.shrink_to_fit();
        Self { nodes }
    }

    /// The children of `node`, as (byte, node).
    fn children(&self, node: u32) -> impl Iterator<Item = (u8, u32)> + '_ {
        let mut child = self.nodes[node as usize].first_child;
        std::iter::from_fn(move || {
            let current = *self.nodes.get(child as usize)?;
            let found = (current.byte, child);
            child = current.next_sibling;
            Some(found)
        })
    }

    /// Every key within `max` edits of `query`, with its distance.
    pub fn within(&self, query: &[u8], max: usize) -> Vec<(u32, usize)> {
        self.within_visiting(query, max, Start::Any, usize::MAX).0
    }

    /// Like [`Self::within`], among the keys that `start` allows, visiting
    /// at most `nodes` nodes of the trie: the keys found by then, and
    /// whether the walk was complete. Bounds the cost of a wide search
    /// (three edits reach much of the trie) for a caller that can do with
    /// some of the answers, such as "did you mean".
    pub fn within_visiting(&self, query: &[u8], max: usize, start: Start, nodes: usize) -> (Vec<(u32, usize)>, bool) {
        if self.nodes.is_empty() {
            return (Vec::new(), true);
        }
        // Both kinds of rows hold the same cells, so the walk visits the
        // same nodes in the same order and finds the same keys; bit vectors
        // only fill a row faster (a few operations per distance instead of
        // one per query byte). Distances saturate at 255.
        let max = max.min(usize::from(u8::MAX - 1));
        let deepest = query.len() + max + 1;
        let bits = if max <= MAX_BIT_DISTANCE { BitRows::new(query, max, deepest) } else { None };
        match bits {
            Some(rows) => self.walk(rows, query, max, start, nodes),
            None => self.walk(ByteRows::new(query, max, deepest), query, max, start, nodes),
        }
    }

    fn walk<R: Rows>(
        &self,
        rows: R,
        query: &[u8],
        max: usize,
        start: Start,
        nodes: usize,
    ) -> (Vec<(u32, usize)>, bool) {
        let mut found = Vec::new();
        if self.nodes[0].key != NONE && query.len() <= max {
            found.push((self.nodes[0].key, query.len()));
        }
        let deepest = query.len() + max + 1;
        let mut walk = Walk { trie: self, rows, deepest, found, nodes_left: nodes };
        let first = query.first().copied();
        for (byte, child) in self.children(0) {
            if start == Start::Any || Some(byte) == first {
                walk.visit(child, 1, byte, None);
            }
        }
        let complete = walk.nodes_left > 0;
        (walk.found, complete)
    }
}

/// The most edits a walk counts in bit vectors (one vector per distance);
/// beyond it, a byte per cell is cheaper. Searches here allow at most three.
const MAX_BIT_DISTANCE: usize = 8;

/// One search's state: the rows and what was found.
struct Walk<'a, R> {
    trie: &'a KeyTrie,
    rows: R,
    deepest: usize,
    found: Vec<(u32, usize)>,
    /// Nodes the walk may still visit; at 0 it stops (incomplete).
    nodes_left: usize,
}

impl<R: Rows> Walk<'_, R> {
    /// Fills the row at `depth` for the node reached by `byte` (after
    /// `parent_byte`), then goes on into its children while any cell of the
    /// row is within the budget.
    fn visit(&mut self, node: u32, depth: usize, byte: u8, parent_byte: Option<u8>) {
        if depth > self.deepest || self.nodes_left == 0 {
            return;
        }
        self.nodes_left -= 1;
        let alive = self.rows.fill(depth, byte, parent_byte);
        let end = self.trie.nodes[node as usize].key;
        if end != NONE
            && let Some(distance) = self.rows.end(depth)
        {
            self.found.push((end, distance));
        }
        if !alive {
            return;
        }
        for (next, child) in self.trie.children(node) {
            self.visit(child, depth + 1, next, Some(byte));
        }
    }
}

#[cfg(test)]
mod tests {
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
        for (query, max) in [("brovori", 2), ("borvari", 1), ("lviv", 0), ("kyvi", 1), ("odessa", 1), ("", 1), ("x", 1)]
        {
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
    fn both_walks(
        trie: &KeyTrie,
        query: &str,
        max: usize,
        start: Start,
        nodes: usize,
    ) -> [(Vec<(u32, usize)>, bool); 2] {
        let (query, deepest) = (query.as_bytes(), query.len() + max + 1);
        let bits = BitRows::new(query, max, deepest).expect("a short query");
        [
            trie.walk(ByteRows::new(query, max, deepest), query, max, start, nodes),
            trie.walk(bits, query, max, start, nodes),
        ]
    }

    #[test]
    fn bit_rows_refuse_a_query_longer_than_a_row_holds() {
        assert!(BitRows::new(&[b'a'; 127], 2, 130).is_some());
        assert!(BitRows::new(&[b'a'; 128], 2, 131).is_none());
        let long = "a".repeat(127);
        let trie = KeyTrie::new([long.as_str(), "aaa"]);
        let [bytes, bits] = both_walks(&trie, &long, 2, Start::Any, usize::MAX);
        assert_eq!(bits, bytes);
        assert_eq!(bits.0, vec![(0, 0)]);
    }

    proptest! {
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
            // Found in the same order, and stopped at the same node: the
            // bit rows prune exactly where the byte rows do.
            prop_assert_eq!(bits, bytes);
        }

        #[test]
        fn agrees_with_the_edit_distance_of_every_key(
            keys in proptest::collection::vec("[abc]{0,6}", 1..40),
            query in "[abc]{0,7}",
            max in 0usize..4,
        ) {
            let trie = KeyTrie::new(keys.iter().map(String::as_str));
            let mut got = trie.within(query.as_bytes(), max);
            got.sort_unstable();
            let mut want = naive(&keys, &query, max);
            // Keys given twice end at the same node: the trie keeps the last.
            let last: std::collections::HashMap<&str, u32> =
                keys.iter().enumerate().map(|(i, k)| (k.as_str(), i as u32)).collect();
            want.retain(|(i, _)| last[keys[*i as usize].as_str()] == *i);
            prop_assert_eq!(got, want);
        }
    }
}
