//! What the keys below a node of the trie have, as far as a walk needs it
//! to tell whether one of them may still end within the budget: how many
//! bytes they have left, and which letters. Both give a lower bound on the
//! edits still to come, whatever the rest of the keys is: the rest of the
//! query and of a key differ in length by at least one edit per byte, and
//! a query byte whose letter no key below has can only be substituted or
//! deleted, one edit each.

/// What the keys through one child of a node have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Below {
    /// The fewest and the most bytes after the node's depth (`longest` may
    /// be `usize::MAX`, for "any").
    pub shortest: usize,
    pub longest: usize,
    /// The letters (see [`letter`]) of the keys' bytes from the node's own
    /// byte on: one byte before the node's depth, because a swap of the
    /// node's byte with the child's spans the node's row and may match a
    /// query byte with the node's byte.
    pub letters: u32,
}

impl Below {
    /// The edits that the lengths alone cost when the query has
    /// `query_rest` bytes left.
    pub fn length_gap(&self, query_rest: usize) -> usize {
        self.shortest.saturating_sub(query_rest).max(query_rest.saturating_sub(self.longest))
    }
}

/// The letter class of a byte, as one bit of a `u32`: each of `a`–`z` (all
/// a skeleton has besides digits) its own, and the other bytes sharing the
/// rest. Classes only lose precision when they share a bit: a byte counts
/// as present when any byte of its class is, so the bound stays a bound.
pub fn letter(byte: u8) -> u32 {
    let class = match byte {
        b'a'..=b'z' => byte - b'a',
        b'0'..=b'9' => 26,
        _ => 27 + byte % 5,
    };
    1 << class
}

/// The letters of every byte of `bytes`.
pub fn letters(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |letters, &byte| letters | letter(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_skeleton_letter_has_its_own_class_and_every_byte_has_one() {
        assert_eq!(letters(b"abcdefghijklmnopqrstuvwxyz").count_ones(), 26);
        assert_eq!(letter(b'0'), letter(b'9'));
        assert!((0..=u8::MAX).all(|byte| letter(byte).count_ones() == 1));
    }
}
