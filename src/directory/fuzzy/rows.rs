//! The rows of the edit-distance table that a trie walk fills, one per
//! depth: row `d` holds, for every prefix of the query, its distance from
//! the key's first `d` bytes (optimal string alignment: insertions,
//! deletions, substitutions and swaps of neighbours). Two ways to hold them
//! give the same answers: a byte per cell for any query, and for queries up
//! to 127 bytes, a bit vector per distance (the row as the set of prefixes
//! within 0, 1, … `max` edits), which fills a row in a few word operations
//! whatever the query's length.

use super::below::{Below, letter};

/// Rows a walk fills, one per depth (the root's, depth 0, filled at start).
pub trait Rows {
    /// Fills the row at `depth` (≥ 1) for a key byte `byte` that follows
    /// `parent` (none at depth 1), from the rows above it. Returns whether
    /// any cell is within `max`: if none is, no deeper row can be.
    fn fill(&mut self, depth: usize, byte: u8, parent: Option<u8>) -> bool;
    /// The whole query's distance at `depth`, if within `max`.
    fn end(&self, depth: usize) -> Option<usize>;
    /// Whether a key through a child of the node at `depth`, with what
    /// `below` says of it, may be within `max` of the query. Such a key is
    /// at least `cell(j) + rest(j)` away for some `j`, where `rest(j)` is the
    /// larger of the edits its length and its letters cost against the
    /// query's bytes after `j` (see [`Below`]): an alignment passes through
    /// a cell of this row, or swaps the node's byte with the child's, and
    /// then the cell one diagonal step before the swap is within one edit
    /// of it and the swapped query byte is among `below`'s letters, so that
    /// cell's bound is no higher. No such `j` within `max`: no key below
    /// can be found, and the walk skips them.
    fn may_end(&self, depth: usize, below: Below) -> bool;
}

/// A byte a cell (distances saturate at 255): any query length.
pub struct ByteRows<'a> {
    query: &'a [u8],
    max: u8,
    width: usize,
    rows: Vec<u8>,
}

impl<'a> ByteRows<'a> {
    /// Rows for depths 0 to `deepest`, within `max` edits of `query`.
    pub fn new(query: &'a [u8], max: usize, deepest: usize) -> Self {
        let max = u8::try_from(max).unwrap_or(u8::MAX - 1);
        let width = query.len() + 1;
        let mut rows = vec![0u8; width * (deepest + 1)];
        for (j, cell) in rows[..width].iter_mut().enumerate() {
            *cell = u8::try_from(j).unwrap_or(u8::MAX);
        }
        Self { query, max, width, rows }
    }
}

impl Rows for ByteRows<'_> {
    fn fill(&mut self, depth: usize, byte: u8, parent_byte: Option<u8>) -> bool {
        let (width, query) = (self.width, self.query);
        let (before, current) = self.rows.split_at_mut(depth * width);
        let row = &mut current[..width];
        let parent = &before[(depth - 1) * width..];
        let grandparent = if depth >= 2 { &before[(depth - 2) * width..(depth - 1) * width] } else { parent };
        row[0] = parent[0].saturating_add(1);
        let mut row_min = row[0];
        for j in 1..width {
            let cost = u8::from(query[j - 1] != byte);
            let mut best =
                parent[j].saturating_add(1).min(row[j - 1].saturating_add(1)).min(parent[j - 1].saturating_add(cost));
            // Two neighbours swapped: "ab" in the key for "ba" in the query.
            if j > 1 && byte == query[j - 2] && parent_byte == Some(query[j - 1]) {
                best = best.min(grandparent[j - 2].saturating_add(1));
            }
            row[j] = best;
            row_min = row_min.min(best);
        }
        // Later rows come from this one (a swap from the one before, which
        // is never below this row's minimum), so nothing deeper can do better.
        row_min <= self.max
    }

    fn end(&self, depth: usize) -> Option<usize> {
        let last = self.rows[depth * self.width + self.width - 1];
        (last <= self.max).then_some(usize::from(last))
    }

    fn may_end(&self, depth: usize, below: Below) -> bool {
        let row = &self.rows[depth * self.width..(depth + 1) * self.width];
        // The query's bytes after `j` whose letter no key below has, from
        // the last cell back.
        let mut missing = 0;
        (0..self.width).rev().any(|j| {
            if j < self.query.len() && below.letters & letter(self.query[j]) == 0 {
                missing += 1;
            }
            let rest = below.length_gap(self.query.len() - j).max(missing);
            usize::from(row[j]).saturating_add(rest) <= usize::from(self.max)
        })
    }
}

/// The longest query [`BitRows`] holds: bit `j` of a row stands for the
/// query's first `j` bytes, in a `u128`.
pub const BIT_ROWS_LONGEST: usize = 127;

/// `UNDER[k]`: the bits below `k` (a table, because a shift of a `u128` by
/// a variable count is several instructions, and a walk makes thousands).
const UNDER: [u128; BIT_ROWS_LONGEST + 2] = {
    let mut under = [0; BIT_ROWS_LONGEST + 2];
    let mut k = 1;
    while k < under.len() {
        under[k] = (under[k - 1] << 1) | 1;
        k += 1;
    }
    under
};

/// A row as `max + 1` bit vectors: bit `j` of vector `e` is set when the
/// query's first `j` bytes are within `e` edits of the key's prefix. This
/// is the byte row's content exactly (`cell ≤ e`), so a walk prunes and
/// finds the same, but each distance costs a few shifts and ands for the
/// whole row instead of a comparison per cell.
pub struct BitRows {
    /// For each byte value, the positions `j` (1-based) where the query has it.
    positions: Box<[u128; 256]>,
    /// The query's letters (see [`letter`]), and for each, where it has them.
    letters: u32,
    by_letter: [u128; 32],
    max: usize,
    /// Bits 0 to the query's length.
    full: u128,
    last: u128,
    rows: Vec<u128>,
}

impl BitRows {
    /// Rows for depths 0 to `deepest`, within `max` edits of `query`, or
    /// `None` for a query longer than [`BIT_ROWS_LONGEST`].
    pub fn new(query: &[u8], max: usize, deepest: usize) -> Option<Self> {
        if query.len() > BIT_ROWS_LONGEST {
            return None;
        }
        let mut positions = Box::new([0u128; 256]);
        let (mut letters, mut by_letter) = (0, [0u128; 32]);
        for (i, &byte) in query.iter().enumerate() {
            positions[usize::from(byte)] |= 1 << (i + 1);
            letters |= letter(byte);
            by_letter[letter(byte).trailing_zeros() as usize] |= 1 << (i + 1);
        }
        let last = 1u128 << query.len();
        let full = last | (last - 1);
        let stride = max.checked_add(1)?;
        let mut rows = vec![0u128; stride.checked_mul(deepest + 1)?];
        // The root: the first `j` bytes are `j` edits from the empty key.
        for (e, vector) in rows[..stride].iter_mut().enumerate() {
            let reach = e.min(query.len());
            *vector = if reach == BIT_ROWS_LONGEST { u128::MAX } else { (1u128 << (reach + 1)) - 1 };
        }
        Some(Self { positions, letters, by_letter, max, full, last, rows })
    }
}

impl Rows for BitRows {
    fn fill(&mut self, depth: usize, byte: u8, parent_byte: Option<u8>) -> bool {
        let stride = self.max + 1;
        let (before, current) = self.rows.split_at_mut(depth * stride);
        let row = &mut current[..stride];
        let parent = &before[(depth - 1) * stride..depth * stride];
        let grandparent = if depth >= 2 { &before[(depth - 2) * stride..(depth - 1) * stride] } else { parent };
        let matches = self.positions[usize::from(byte)];
        // Positions `j` where the key's last two bytes are the query's
        // bytes `j - 1` and `j` swapped.
        let swaps = parent_byte.map_or(0, |p| (matches << 1) & self.positions[usize::from(p)]);
        let mut fewer = 0u128;
        for e in 0..stride {
            // Diagonal on a match (no edit), then, one edit more than the row
            // within `e - 1`: a key byte deleted, substituted, a query byte
            // inserted, or a swap.
            let mut vector = (parent[e] << 1) & matches;
            if e > 0 {
                let (up, swapped) = (parent[e - 1], grandparent[e - 1]);
                vector |= up | (up << 1) | (fewer << 1) | ((swapped << 2) & swaps);
            }
            if depth <= e {
                vector |= 1;
            }
            vector &= self.full;
            row[e] = vector;
            fewer = vector;
        }
        fewer != 0
    }

    fn end(&self, depth: usize) -> Option<usize> {
        let stride = self.max + 1;
        self.rows[depth * stride..(depth + 1) * stride].iter().position(|vector| vector & self.last != 0)
    }

    // Called for every child of every node walked: inlined into the walk,
    // it saves a call's worth of saved registers on each.
    #[inline(always)]
    fn may_end(&self, depth: usize, below: Below) -> bool {
        let stride = self.max + 1;
        let length = self.last.trailing_zeros() as usize;
        // Keys whose whole length is out of reach need no look at the row
        // (the row's bound implies this one: a cell is at least as far
        // from its diagonal as `j` is from `depth`).
        if depth.saturating_add(below.shortest) > length + self.max
            || depth.saturating_add(below.longest).saturating_add(self.max) < length
        {
            return false;
        }
        let row = &self.rows[depth * stride..(depth + 1) * stride];
        // The positions of the query's bytes whose letter no key below has.
        let mut absent = self.letters & !below.letters;
        let mut missing = 0u128;
        while absent != 0 {
            missing |= self.by_letter[absent.trailing_zeros() as usize];
            absent &= absent - 1;
        }
        // From the tightest slack up: within `e = max - slack` edits at `j`,
        // the rest may cost `slack` more. The rest of the query, `length -
        // j`, is then at least the keys' shortest rest and at most their
        // longest, give or take `slack`, and `j` is at or after the
        // `slack + 1`-th last position in `missing` (each slack lets one
        // more of them go).
        for (slack, vector) in row.iter().rev().enumerate() {
            let after = if missing == 0 { 0 } else { BIT_ROWS_LONGEST - missing.leading_zeros() as usize };
            missing &= UNDER[after];
            let Some(high) = (length + slack).checked_sub(below.shortest) else { continue };
            let high = high.min(length);
            let low = length.saturating_sub(below.longest.saturating_add(slack)).max(after);
            if low <= high && vector & UNDER[high + 1] & !UNDER[low] != 0 {
                return true;
            }
        }
        false
    }
}
