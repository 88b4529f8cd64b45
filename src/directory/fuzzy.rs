//! Misspelled-name search: every key within a few edits of a query
//! (optimal string alignment: insertions, deletions, substitutions and
//! swaps of neighbours), found by walking a trie of the keys with one row
//! of the edit-distance table per node. Keys that share a prefix share its
//! rows, and a branch is left as soon as no key below it can end within the
//! budget: no cell of its row is, or the keys below are all too short, too
//! long or short of the query's letters for what the row leaves (see
//! [`Rows::may_end`]). A search then visits a few thousand nodes instead of
//! comparing the query with every key.

mod below;
mod rows;

use below::{Below, letter, letters};
use rows::{BitRows, ByteRows, Rows};

/// The keys as a trie: nodes in one array, each linking to its first child
/// and its next sibling, so that building and holding it costs 20 bytes a
/// node and no allocation per node.
#[derive(Debug, Default)]
pub struct KeyTrie {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    byte: u8,
    /// The fewest and the most bytes that a key through this node has after
    /// it (0 for a key that ends here), so that a walk can skip a branch
    /// whose keys are all too short or too long. Saturated: `shortest` at
    /// 255 is "at least 255", `longest` at 255 is "any length".
    shortest: u8,
    longest: u8,
    /// The letters (see [`letter`]) of this node's byte and of every byte
    /// after it in the keys through it: a branch without enough of the
    /// query's letters is skipped.
    letters: u32,
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
        let root = Node {
            byte: 0,
            shortest: u8::MAX,
            longest: 0,
            letters: 0,
            first_child: NONE,
            next_sibling: NONE,
            key: NONE,
        };
        let mut nodes = vec![root];
        for (index, key) in keys.into_iter().enumerate() {
            let mut node = 0;
            let key = key.as_bytes();
            nodes[0].count_rest(key.len(), letters(key));
            for (depth, &byte) in key.iter().enumerate() {
                let mut child = nodes[node].first_child;
                while child != NONE && nodes[child as usize].byte != byte {
                    child = nodes[child as usize].next_sibling;
                }
                if child == NONE {
                    child = u32::try_from(nodes.len()).unwrap_or(NONE);
                    let sibling = nodes[node].first_child;
                    let new = Node { byte, first_child: NONE, next_sibling: sibling, ..root };
                    nodes.push(new);
                    nodes[node].first_child = child;
                }
                node = child as usize;
                nodes[node].count_rest(key.len() - depth - 1, letters(&key[depth..]));
            }
            nodes[node].key = u32::try_from(index).unwrap_or(NONE);
        }
        nodes.shrink_to_fit();
        Self { nodes }
    }

    /// The children of `node`, as (byte, node, what the keys through the
    /// child have from `node` on).
    fn children(&self, node: u32) -> impl Iterator<Item = (u8, u32, Below)> + '_ {
        let parent = if node == 0 { 0 } else { letter(self.nodes[node as usize].byte) };
        let mut child = self.nodes[node as usize].first_child;
        std::iter::from_fn(move || {
            let current = *self.nodes.get(child as usize)?;
            let found = (current.byte, child, current.below(parent));
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
        let walked = match bits {
            Some(rows) => self.walk(rows, query, max, start, nodes),
            None => self.walk(ByteRows::new(query, max, deepest), query, max, start, nodes),
        };
        (walked.found, walked.complete)
    }

    fn walk<R: Rows>(&self, rows: R, query: &[u8], max: usize, start: Start, nodes: usize) -> Walked {
        let mut found = Vec::new();
        if self.nodes[0].key != NONE && query.len() <= max {
            found.push((self.nodes[0].key, query.len()));
        }
        let deepest = query.len() + max + 1;
        let mut walk = Walk { trie: self, rows, deepest, found, nodes_left: nodes };
        let first = query.first().copied();
        for (byte, child, below) in self.children(0) {
            if (start == Start::Any || Some(byte) == first) && walk.rows.may_end(0, below) {
                walk.visit(child, 1, byte, None);
            }
        }
        let complete = walk.nodes_left > 0;
        Walked { found: walk.found, complete, visited: nodes - walk.nodes_left }
    }
}

impl Node {
    /// Counts a key through this node with `rest` bytes after it and
    /// `letters` from this node's byte on.
    fn count_rest(&mut self, rest: usize, letters: u32) {
        let rest = u8::try_from(rest).unwrap_or(u8::MAX);
        self.shortest = self.shortest.min(rest);
        self.longest = self.longest.max(rest);
        self.letters |= letters;
    }

    /// What the keys through this node have after its parent's depth (one
    /// byte, its own, more than after itself), with `parent`'s letter.
    fn below(&self, parent: u32) -> Below {
        let longest = if self.longest == u8::MAX { usize::MAX } else { usize::from(self.longest) + 1 };
        Below { shortest: usize::from(self.shortest) + 1, longest, letters: self.letters | parent }
    }
}

/// What a walk found, whether it finished, and how many nodes it visited.
#[derive(Debug, PartialEq, Eq)]
struct Walked {
    found: Vec<(u32, usize)>,
    complete: bool,
    visited: usize,
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
    /// `parent_byte`), then goes on into the children below which a key may
    /// still end within the budget.
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
        for (next, child, below) in self.trie.children(node) {
            if self.rows.may_end(depth, below) {
                self.visit(child, depth + 1, next, Some(byte));
            }
        }
    }
}

#[cfg(test)]
mod tests;
