//! Localised texts: fluent bundles for every [`Language`], and the formatting of
//! numbers, times and dates the way each language writes them.
//!
//! The core never builds user-visible text; it returns [`Text`] values (a fluent
//! id plus arguments) that channels render here.

use std::collections::HashMap;

use chrono::NaiveDate;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::Language;

/// The `.ftl` files of each locale, compiled into the binary.
const SOURCES: [(Language, &str, &str); 2] = [
    (Language::Uk, "uk", include_str!("../locales/uk/main.ftl")),
    (Language::En, "en", include_str!("../locales/en/main.ftl")),
];

/// The operator desk's `.ftl` files, a catalog of their own ([`Catalog::load_desk`]).
const DESK_SOURCES: [(Language, &str, &str); 2] = [
    (Language::Uk, "uk", include_str!("../locales/uk/desk.ftl")),
    (Language::En, "en", include_str!("../locales/en/desk.ftl")),
];

/// The most characters a button's label shows: longer labels are cut by
/// Telegram's and Viber's clients on a phone, in the middle of a word.
pub const MAX_LABEL_CHARS: usize = 32;

/// The fewest characters of a name a shortened label keeps.
const MIN_NAME_CHARS: usize = 3;

/// A localised message waiting to be rendered: a fluent id and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Text`]; each variant is formatted the way the target
/// language writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Data shown as is (a centre's name, an address).
    Plain(String),
    /// Words someone typed, shown to someone else (a participant's name, a
    /// report's details): set apart with Unicode isolation (see [`isolate`]).
    Typed(String),
    /// A whole number; fluent selects plural forms on it.
    Count(i64),
    /// A decimal with a fixed number of digits: "1,2" in Ukrainian, "1.2" in English.
    Decimal { value: f64, digits: usize },
    /// A time of day on the 24-hour clock, "9:00" or "18:30".
    Time { hour: u32, minute: u32 },
    /// A time with the preposition that goes before it: "о 9:00", "об 11:00"
    /// (Ukrainian says "об" before the vowel of "одинадцятій"), "at 9:00".
    AtTime { hour: u32, minute: u32 },
    /// A calendar date: "22.11.2026" in Ukrainian, "22 November 2026" in English.
    Date(NaiveDate),
    /// Another message, rendered first (a weekday, a service label…).
    Message(Box<Text>),
    /// Several messages joined with ", ".
    List(Vec<Text>),
}

impl Text {
    pub fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    /// Adds an argument; reads as `Text::new("id").with("name", Arg::…)`.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Self {
        self.args.push((name, arg));
        self
    }

    pub fn plain(self, name: &'static str, value: impl Into<String>) -> Self {
        self.with(name, Arg::Plain(value.into()))
    }

    /// Adds words a person typed, to be shown isolated (see [`Arg::Typed`]).
    pub fn typed(self, name: &'static str, value: impl Into<String>) -> Self {
        self.with(name, Arg::Typed(value.into()))
    }

    pub fn count(self, name: &'static str, value: i64) -> Self {
        self.with(name, Arg::Count(value))
    }

    pub fn message(self, name: &'static str, text: Text) -> Self {
        self.with(name, Arg::Message(Box::new(text)))
    }
}

/// The bundles of every language, loaded once at start-up.
pub struct Catalog {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
    /// The `.ftl` texts it was built from (the bot's or the desk's).
    sources: [(Language, &'static str, &'static str); 2],
}

/// A locale file that fluent could not parse or load.
#[derive(Debug, thiserror::Error)]
#[error("locale {locale}: {detail}")]
pub struct CatalogError {
    locale: &'static str,
    detail: String,
}

impl Catalog {
    pub fn load() -> Result<Self, CatalogError> {
        Self::from_sources(SOURCES)
    }

    /// The operator desk's texts (`locales/*/desk.ftl`), rendered like the bot's.
    pub fn load_desk() -> Result<Self, CatalogError> {
        Self::from_sources(DESK_SOURCES)
    }

    fn from_sources(sources: [(Language, &'static str, &'static str); 2]) -> Result<Self, CatalogError> {
        let mut bundles = HashMap::new();
        for (language, locale, source) in sources {
            let fail = |detail: String| CatalogError { locale, detail };
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|(_, errors)| fail(format!("syntax errors: {errors:?}")))?;
            let langid = locale.parse().map_err(|e| fail(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Unicode isolation marks around every argument would show up as stray
            // characters in terminals and in some Viber clients, and our own data
            // never mixes text directions; what people type is isolated one
            // argument at a time (`Arg::Typed`), where a disguise would matter.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| fail(format!("duplicate ids: {errors:?}")))?;
            bundles.insert(language, bundle);
        }
        Ok(Self { bundles, sources })
    }

    /// Renders a text. A missing id or argument renders as the id in brackets and
    /// is logged: a visible gap is better than a crash in front of a person.
    pub fn render(&self, language: Language, text: &Text) -> String {
        match self.try_render(language, text) {
            Ok(rendered) => rendered,
            Err(error) => {
                tracing::error!(id = text.id, language = language.code(), %error, "cannot render message");
                format!("[{}]", text.id)
            }
        }
    }

    /// Renders a button's label in at most [`MAX_LABEL_CHARS`] characters:
    /// while it is longer, its longest data argument (a centre's or a
    /// place's name, a programme's title) is cut with "…", so that the start
    /// of each name and the button's own words stay readable. A label whose
    /// own words are too long is returned whole (the button-length test
    /// catches those).
    pub fn render_label(&self, language: Language, text: &Text) -> String {
        let mut shortened = text.clone();
        loop {
            let rendered = self.render(language, &shortened);
            let excess = rendered.chars().count().saturating_sub(MAX_LABEL_CHARS);
            if excess == 0 {
                return rendered;
            }
            let longest = shortened
                .args
                .iter_mut()
                .filter_map(|(_, arg)| match arg {
                    Arg::Plain(value) => Some((value.chars().count(), value)),
                    _ => None,
                })
                .filter(|(chars, _)| *chars > MIN_NAME_CHARS + 1)
                .max_by_key(|(chars, _)| *chars);
            let Some((chars, value)) = longest else { return rendered };
            // Room for the ellipsis, and never fewer than a few letters.
            let kept: String = value.chars().take(chars.saturating_sub(excess + 1).max(MIN_NAME_CHARS)).collect();
            *value = format!("{}…", kept.trim_end());
        }
    }

    /// Renders a text, failing on any fluent error (used by tests and `render`).
    pub fn try_render(&self, language: Language, text: &Text) -> Result<String, RenderError> {
        let bundle = self.bundle(language);
        let message = bundle.get_message(text.id).ok_or(RenderError::MissingId(text.id))?;
        let pattern = message.value().ok_or(RenderError::MissingId(text.id))?;
        let mut args = FluentArgs::new();
        for (name, arg) in &text.args {
            args.set(*name, self.value(language, arg)?);
        }
        let mut errors = Vec::new();
        let rendered = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        if errors.is_empty() {
            Ok(rendered)
        } else {
            Err(RenderError::Fluent { id: text.id, detail: format!("{errors:?}") })
        }
    }

    /// Every message id of a language, for the completeness tests.
    pub fn ids(&self, language: Language) -> Vec<String> {
        let source = self.sources.iter().find(|(l, _, _)| *l == language).map(|(_, _, s)| *s).unwrap_or_default();
        message_ids(source)
    }

    fn bundle(&self, language: Language) -> &FluentBundle<FluentResource> {
        // Both languages are loaded by `load`, so the lookup cannot miss.
        &self.bundles[&language]
    }

    fn value(&self, language: Language, arg: &Arg) -> Result<FluentValue<'static>, RenderError> {
        Ok(match arg {
            Arg::Plain(text) => FluentValue::from(text.clone()),
            Arg::Typed(text) => FluentValue::from(isolate(text)),
            Arg::Count(n) => FluentValue::from(*n),
            Arg::Decimal { value, digits } => FluentValue::from(format_decimal(language, *value, *digits)),
            Arg::Time { hour, minute } => FluentValue::from(format!("{hour}:{minute:02}")),
            Arg::AtTime { hour, minute } => {
                // The preposition is the language's business: Ukrainian says "об"
                // before the vowel of "одинадцятій", "о" otherwise.
                let text = Text::new("time-at").count("hour", i64::from(*hour)).plain("minute", format!("{minute:02}"));
                FluentValue::from(self.try_render(language, &text)?)
            }
            Arg::Date(date) => FluentValue::from(format_date(language, *date)),
            Arg::Message(text) => FluentValue::from(self.try_render(language, text)?),
            Arg::List(texts) => {
                let parts = texts.iter().map(|t| self.try_render(language, t)).collect::<Result<Vec<_>, _>>()?;
                FluentValue::from(parts.join(", "))
            }
        })
    }
}

/// Why a text could not be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenderError {
    #[error("no message {0:?}")]
    MissingId(&'static str),
    #[error("message {id:?}: {detail}")]
    Fluent { id: &'static str, detail: String },
}

/// First Strong Isolate … Pop Directional Isolate (Unicode's bidirectional
/// algorithm, UAX #9): what is between them is laid out on its own, in the
/// direction of its first strong letter, and any override or embedding left
/// open inside ends at the PDI.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Someone's words set apart with FSI … PDI, so that a right-to-left override
/// typed into a name ("\u{202E}…") cannot reorder or disguise the text around
/// it (the phone number after a name, the bot's own words). Fluent's own
/// isolation is off for every argument (see [`Catalog::load`]); this is for
/// the arguments where it matters.
pub fn isolate(text: &str) -> String {
    format!("{FSI}{text}{PDI}")
}

/// Whether a text holds bidirectional formatting characters: marks,
/// embeddings, overrides or isolates.
pub fn has_bidi_controls(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// "1,2" in Ukrainian and "1.2" in English.
pub fn format_decimal(language: Language, value: f64, digits: usize) -> String {
    let formatted = format!("{value:.digits$}");
    match language {
        Language::Uk => formatted.replace('.', ","),
        Language::En => formatted,
    }
}

/// "22.11.2026" in Ukrainian and "22 November 2026" in English.
pub fn format_date(language: Language, date: NaiveDate) -> String {
    match language {
        Language::Uk => date.format("%d.%m.%Y").to_string(),
        Language::En => date.format("%-d %B %Y").to_string(),
    }
}

/// The ids defined in a fluent source (messages only; terms start with `-`).
fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::load().expect("locales load")
    }

    #[test]
    fn typed_words_are_isolated_so_an_override_ends_inside_them() {
        let override_ = "\u{202E}gnorw";
        let text = Text::new("report-details").typed("details", override_);
        assert_eq!(catalog().render(Language::En, &text), format!("Their words: \u{2068}{override_}\u{2069}"));
        let plain = Text::new("coord-list-name").plain("name", "Olena");
        assert_eq!(catalog().render(Language::En, &plain), "Olena", "other arguments stay unmarked");
        assert!(has_bidi_controls(override_) && has_bidi_controls("a\u{200F}") && !has_bidi_controls("Олена ʼ«»"));
    }

    #[test]
    fn every_id_exists_in_both_locales() {
        let catalog = catalog();
        let uk = catalog.ids(Language::Uk);
        let en = catalog.ids(Language::En);
        let missing_in_en: Vec<_> = uk.iter().filter(|id| !en.contains(id)).collect();
        let missing_in_uk: Vec<_> = en.iter().filter(|id| !uk.contains(id)).collect();
        assert!(missing_in_en.is_empty(), "missing in en: {missing_in_en:?}");
        assert!(missing_in_uk.is_empty(), "missing in uk: {missing_in_uk:?}");
        assert!(uk.len() > 50, "only {} ids found: is the id scanner broken?", uk.len());
    }

    #[test]
    fn ukrainian_plurals_use_one_few_and_many() {
        let catalog = catalog();
        let render = |n| catalog.try_render(Language::Uk, &Text::new("find-results-count").count("count", n));
        assert_eq!(render(1).expect("renders"), "1 центр");
        assert_eq!(render(2).expect("renders"), "2 центри");
        assert_eq!(render(5).expect("renders"), "5 центрів");
        assert_eq!(render(11).expect("renders"), "11 центрів");
        assert_eq!(render(21).expect("renders"), "21 центр");
        let en = |n| catalog.try_render(Language::En, &Text::new("find-results-count").count("count", n));
        assert_eq!(en(1).expect("renders"), "1 centre");
        assert_eq!(en(5).expect("renders"), "5 centres");
    }

    #[test]
    fn decimals_use_a_comma_in_ukrainian_and_a_point_in_english() {
        assert_eq!(format_decimal(Language::Uk, 1.23, 1), "1,2");
        assert_eq!(format_decimal(Language::En, 1.23, 1), "1.2");
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid date");
        assert_eq!(format_date(Language::Uk, date), "02.11.2026");
        assert_eq!(format_date(Language::En, date), "2 November 2026");
    }

    #[test]
    fn times_take_the_right_preposition() {
        let catalog = catalog();
        let closes = |language, hour| {
            let text = Text::new("hours-open-until").with("time", Arg::AtTime { hour, minute: 0 });
            catalog.try_render(language, &text).expect("renders")
        };
        assert_eq!(closes(Language::Uk, 18), "Зараз відчинено, зачиняється о 18:00.");
        assert_eq!(closes(Language::Uk, 11), "Зараз відчинено, зачиняється об 11:00.");
        assert_eq!(closes(Language::En, 9), "Open now, closes at 9:00.");
    }

    #[test]
    fn a_missing_id_or_argument_is_an_error_not_a_panic() {
        let catalog = catalog();
        assert_eq!(
            catalog.try_render(Language::Uk, &Text::new("no-such-message")),
            Err(RenderError::MissingId("no-such-message"))
        );
        assert!(catalog.try_render(Language::Uk, &Text::new("find-results-count")).is_err());
        assert_eq!(catalog.render(Language::Uk, &Text::new("no-such-message")), "[no-such-message]");
    }
}
