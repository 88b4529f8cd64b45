//! The WHO-5 Well-Being Index (WHO, 1998; see REFERENCE.md): five statements
//! about the last two weeks, each answered 0 ("at no time") to 5 ("all of the
//! time"). The raw sum times four gives 0–100.

/// The five statements, in the order they are asked.
pub const ITEMS: usize = 5;
/// The highest answer ("all of the time").
pub const MAX_ANSWER: u8 = 5;
/// At or below this score wellbeing is poor and talking to someone is suggested.
pub const LOW_SCORE: u8 = 50;
/// At or below this score crisis lines come first.
pub const VERY_LOW_SCORE: u8 = 28;

/// Answers given so far, from button data: one digit 0–5 per answered item.
/// `None` for anything else (a forged or garbled button).
pub fn parse_answers(digits: &str) -> Option<Vec<u8>> {
    if digits.len() > ITEMS {
        return None;
    }
    digits.bytes().map(|b| (b'0'..=b'0' + MAX_ANSWER).contains(&b).then(|| b - b'0')).collect()
}

/// A completed check-in's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers([u8; ITEMS]);

/// What a result suggests, from the score and single items (never a diagnosis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Concern {
    /// Nothing in the answers asks for a next step.
    None,
    /// Score ≤ 50 or an item at 0 or 1: suggest talking to someone at a centre.
    Low,
    /// Score ≤ 28: crisis lines first, then a centre.
    VeryLow,
}

impl Answers {
    /// Five answers, each 0–5.
    pub fn new(answers: &[u8]) -> Option<Self> {
        let answers: [u8; ITEMS] = answers.try_into().ok()?;
        answers.iter().all(|a| *a <= MAX_ANSWER).then_some(Self(answers))
    }

    pub fn values(&self) -> [u8; ITEMS] {
        self.0
    }

    /// 0–100, in steps of 4.
    pub fn score(&self) -> u8 {
        self.0.iter().sum::<u8>() * 4
    }

    pub fn concern(&self) -> Concern {
        let score = self.score();
        if score <= VERY_LOW_SCORE {
            Concern::VeryLow
        } else if score <= LOW_SCORE || self.0.iter().any(|a| *a <= 1) {
            Concern::Low
        } else {
            Concern::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(values: [u8; 5]) -> Answers {
        Answers::new(&values).expect("valid answers")
    }

    #[test]
    fn the_score_is_the_raw_sum_times_four() {
        assert_eq!(answers([5, 5, 5, 5, 5]).score(), 100);
        assert_eq!(answers([0, 0, 0, 0, 0]).score(), 0);
        assert_eq!(answers([3, 2, 4, 1, 3]).score(), 52);
    }

    #[test]
    fn routing_follows_the_who5_thresholds() {
        // 52: above 50, every item at 2 or more.
        assert_eq!(answers([3, 3, 3, 2, 2]).concern(), Concern::None);
        // 52, but one item at 1.
        assert_eq!(answers([3, 2, 4, 1, 3]).concern(), Concern::Low);
        // 100 but for one item at 0: still worth a word.
        assert_eq!(answers([5, 5, 5, 5, 0]).concern(), Concern::Low);
        // 48: raw 12, under 13.
        assert_eq!(answers([3, 3, 2, 2, 2]).concern(), Concern::Low);
        // 32: above 28.
        assert_eq!(answers([2, 2, 2, 1, 1]).concern(), Concern::Low);
        // 28 exactly.
        assert_eq!(answers([2, 2, 1, 1, 1]).concern(), Concern::VeryLow);
        assert_eq!(answers([0, 0, 0, 0, 0]).concern(), Concern::VeryLow);
    }

    #[test]
    fn only_digits_zero_to_five_and_at_most_five_of_them_are_answers() {
        assert_eq!(parse_answers(""), Some(vec![]));
        assert_eq!(parse_answers("50314"), Some(vec![5, 0, 3, 1, 4]));
        for bad in ["6", "123456", "1a", "-1", " 1", "٣"] {
            assert_eq!(parse_answers(bad), None, "{bad:?}");
        }
        assert_eq!(Answers::new(&[1, 2, 3, 4]), None);
        assert_eq!(Answers::new(&[1, 2, 3, 4, 6]), None);
    }
}
