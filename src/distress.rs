//! Recognising, in whatever a person types, words that say they may be in
//! acute distress ("не хочу жити", "мне очень плохо", "I want to die"), so
//! that the conversation answers with the crisis lines first instead of
//! taking the words for a place name or a form's answer.
//!
//! The phrases live in an operator-editable file (`data/distress-phrases.toml`,
//! or `DISTRESS_PHRASES_FILE`) and are matched with the place search's
//! normaliser ([`skeleton`]: case, apostrophes, і/и/ї, transliteration), one
//! typo allowed in phrases of eight letters or more.

use serde::Deserialize;

use crate::directory::normalize::{distance_within, skeleton};

/// How much of a message is read: a person in distress says so early, and a
/// bound keeps a 4,000-character message as cheap as a short one.
const MAX_WORDS: usize = 120;

/// Phrases shorter than this (in skeleton letters) must match exactly: one
/// typo in "mne ploho" could be another everyday phrase.
const MIN_LETTERS_FOR_A_TYPO: usize = 8;

/// At most this many words may stand between the words of an `anywhere`
/// phrase ("не хочу більше жити" for "не хочу жити"), or around an `alone`
/// phrase ("мені зараз погано", "мені погано(.)…").
const SLACK_WORDS: usize = 1;

/// The phrase list, ready for matching.
#[derive(Debug, Clone)]
pub struct DistressPhrases {
    phrases: Vec<Phrase>,
}

#[derive(Debug, Clone)]
struct Phrase {
    /// As written in the file, for tests and the operator's error messages.
    text: String,
    /// The skeleton of each word.
    words: Vec<String>,
    /// Whether the phrase counts only as (almost) the whole message.
    alone: bool,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    anywhere: Vec<String>,
    #[serde(default)]
    alone: Vec<String>,
}

/// Why a phrase file was refused at start.
#[derive(Debug, thiserror::Error)]
pub enum DistressPhrasesError {
    #[error("the distress phrases file is not valid TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("the distress phrases file lists no phrases")]
    Empty,
    #[error("the phrase {0:?} has no letters to match")]
    NoLetters(String),
}

impl DistressPhrases {
    /// The copy committed in `data/distress-phrases.toml`, used when no file is configured.
    pub const BUILT_IN: &'static str = include_str!("../data/distress-phrases.toml");

    /// Reads a phrase file.
    ///
    /// # Errors
    /// The file is not TOML of the documented shape, lists no phrases, or a
    /// phrase has no letters or digits (it would match every message).
    pub fn parse(text: &str) -> Result<Self, DistressPhrasesError> {
        let file: File = toml::from_str(text)?;
        let anywhere = file.anywhere.into_iter().map(|text| (text, false));
        let alone = file.alone.into_iter().map(|text| (text, true));
        let mut phrases = Vec::new();
        for (text, alone) in anywhere.chain(alone) {
            let words = words(&text);
            if words.is_empty() {
                return Err(DistressPhrasesError::NoLetters(text));
            }
            phrases.push(Phrase { text, words, alone });
        }
        if phrases.is_empty() {
            return Err(DistressPhrasesError::Empty);
        }
        Ok(Self { phrases })
    }

    /// The committed list.
    pub fn built_in() -> Self {
        // The committed file is tested, so this cannot fail at run time.
        Self::parse(Self::BUILT_IN).unwrap_or(Self { phrases: Vec::new() })
    }

    /// The phrases as written, for tests and for the operator's check.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().map(|p| p.text.as_str())
    }

    /// The first phrase that `message` says, if any.
    pub fn find(&self, message: &str) -> Option<&str> {
        let said = words(message);
        if said.is_empty() {
            return None;
        }
        self.phrases.iter().find(|phrase| phrase.is_in(&said)).map(|p| p.text.as_str())
    }

    /// Whether `message` says one of the phrases.
    pub fn is_distress(&self, message: &str) -> bool {
        self.find(message).is_some()
    }
}

impl Phrase {
    fn letters(&self) -> usize {
        self.words.iter().map(String::len).sum()
    }

    /// One typo in a long phrase; none in a short one, and none in an
    /// `alone` phrase with another word beside it in the message ("I can't come tomorrow" is
    /// one letter and one word away from "I can't cope").
    fn typos_allowed(&self, said: &[String]) -> usize {
        let beside_another_word = self.alone && said.len() > self.words.len();
        usize::from(self.letters() >= MIN_LETTERS_FOR_A_TYPO && !beside_another_word)
    }

    fn is_in(&self, said: &[String]) -> bool {
        let budget = self.typos_allowed(said);
        if self.alone {
            // Some words before and after may be dropped (at most the
            // slack in all); what is left must say the phrase.
            if said.len() > self.words.len() + SLACK_WORDS {
                return false;
            }
            return (0..=SLACK_WORDS).any(|skip| {
                said.get(skip..)
                    .is_some_and(|rest| self.says(rest, true, budget) || self.spelled_together(rest, true, budget))
            });
        }
        (0..said.len()).any(|start| {
            self.says(&said[start..], false, budget) || self.spelled_together(&said[start..], false, budget)
        })
    }

    /// Word by word from the start of `said`, with at most [`SLACK_WORDS`]
    /// words inserted between the phrase's words, and (when `whole`) nothing
    /// after its last word but the slack not yet used.
    fn says(&self, said: &[String], whole: bool, budget: usize) -> bool {
        let mut typos = 0;
        let mut slack = SLACK_WORDS;
        let mut at = 0;
        for (index, word) in self.words.iter().enumerate() {
            loop {
                let Some(candidate) = said.get(at) else { return false };
                at += 1;
                match distance_within(word.as_bytes(), candidate.as_bytes(), budget - typos) {
                    Some(cost) => {
                        typos += cost;
                        break;
                    }
                    // The first word anchors the phrase; later ones may
                    // have a word in front of them.
                    None if index > 0 && slack > 0 => slack -= 1,
                    None => return false,
                }
            }
        }
        !whole || said.len() - at <= slack
    }

    /// The phrase's letters against the same number of letters of `said`'s
    /// words run together, for words typed together or apart ("нехочу
    /// жити", "i cant goon").
    fn spelled_together(&self, said: &[String], whole: bool, budget: usize) -> bool {
        let phrase: String = self.words.concat();
        let mut joined = String::new();
        for (count, word) in said.iter().enumerate() {
            joined.push_str(word);
            if joined.len() + budget < phrase.len() {
                continue;
            }
            if joined.len() > phrase.len() + budget {
                return false;
            }
            if distance_within(phrase.as_bytes(), joined.as_bytes(), budget).is_some() {
                return !whole || said.len() - (count + 1) <= SLACK_WORDS;
            }
        }
        false
    }
}

/// The skeletons of a message's words, apostrophes kept inside words (so that
/// "can't" stays one word), at most [`MAX_WORDS`] of them.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | 'ʼ' | '`')))
        .map(skeleton)
        .filter(|word| !word.is_empty())
        .take(MAX_WORDS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(anywhere: &[&str], alone: &[&str]) -> DistressPhrases {
        let quote = |list: &[&str]| list.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ");
        DistressPhrases::parse(&format!("anywhere = [{}]\nalone = [{}]", quote(anywhere), quote(alone))).unwrap()
    }

    #[test]
    fn a_phrase_is_found_in_any_spelling_with_one_typo() {
        let list = phrases(&["не хочу жити"], &[]);
        for message in [
            "не хочу жити",
            "Не Хочу Жити!!!",
            "я вже тиждень не сплю і не хочу жити",
            "не хочу більше жити",
            "нехочу жити",
            "не хочу жыти",
            "ne hochu zhyty",
            "не хочу житии",
        ] {
            assert!(list.is_distress(message), "{message}");
        }
        for message in ["не хочу їсти", "хочу жити", "не жити хочу", "не хочу тут і там жити"]
        {
            assert!(!list.is_distress(message), "{message}");
        }
    }

    #[test]
    fn an_alone_phrase_counts_only_as_almost_the_whole_message() {
        let list = phrases(&["kill myself"], &["мені погано"]);
        for message in ["мені погано", "Мені погано.", "мені зараз погано", "мені погано 😔", "ох мені погано"]
        {
            assert!(list.is_distress(message), "{message}");
        }
        for message in ["мені погано видно карту", "мені погано чути вас, де центр"]
        {
            assert!(!list.is_distress(message), "{message}");
        }
    }

    #[test]
    fn short_phrases_must_match_exactly() {
        let list = phrases(&[], &["спасите"]);
        assert!(list.is_distress("Спасите!"));
        assert!(!list.is_distress("спасибо"), "a typo in a short phrase could be another word");
        assert!(!list.is_distress("спасити"), "seven letters: no typo allowed");
    }

    #[test]
    fn a_file_without_phrases_or_with_an_empty_phrase_is_refused() {
        assert!(matches!(DistressPhrases::parse("anywhere = []"), Err(DistressPhrasesError::Empty)));
        assert!(matches!(DistressPhrases::parse("anywhere = [\"!!!\"]"), Err(DistressPhrasesError::NoLetters(_))));
        assert!(matches!(DistressPhrases::parse("anywhere = 3"), Err(DistressPhrasesError::Toml(_))));
        assert!(DistressPhrases::parse("anywhere = [\"a b\"]\nsometimes = []").is_err(), "unknown keys");
    }

    #[test]
    fn a_long_message_is_read_only_up_to_its_first_words() {
        let list = DistressPhrases::built_in();
        let long = format!("{} не хочу жити", "слово ".repeat(MAX_WORDS));
        assert!(!list.is_distress(&long));
        assert!(list.is_distress(&format!("не хочу жити {}", "слово ".repeat(10_000))));
    }
}
