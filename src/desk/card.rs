//! A centre's card on its desk page, in both languages, in the bot's own
//! words: the paragraphs come from `wording::card::card`, the function the
//! bot's card calls, rendered with the bot's catalog (`main.ftl`) as every
//! channel renders them (`wording::card::plain_text`).

use std::sync::{Arc, OnceLock};

use chrono::NaiveDateTime;
use chrono_tz::Europe::Kyiv;

use crate::directory::{Gazetteer, Hours};
use crate::domain::{Centre, Closure, Language};
use crate::i18n::Catalog;
use crate::wording::card::{CardFacts, card, plain_text};

/// The bot's catalog and the gazetteer (for place names in English), read
/// once per process: both are built into the binary.
struct Words {
    catalog: Catalog,
    gazetteer: Option<Arc<Gazetteer>>,
}

fn words() -> Option<&'static Words> {
    static WORDS: OnceLock<Option<Words>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let catalog =
                Catalog::load().map_err(|error| tracing::error!(%error, "the bot's texts do not load")).ok()?;
            let gazetteer = Gazetteer::built_in()
                .map_err(|error| tracing::error!(%error, "the gazetteer does not load"))
                .ok()
                .map(Arc::new);
            Some(Words { catalog, gazetteer })
        })
        .as_ref()
}

/// The card as the bot shows it now (Kyiv time `now`), in Ukrainian and in
/// English: `[(language, text)]`; empty when the bot's texts do not load.
pub fn both(centre: &Centre, closure: Option<&Closure>, now: NaiveDateTime) -> Vec<(Language, String)> {
    let Some(words) = words() else { return Vec::new() };
    let hours = centre.opening_hours.as_deref().and_then(|raw| Hours::parse(raw).ok());
    let closure = closure.filter(|c| c.until.with_timezone(&Kyiv).naive_local() > now);
    [Language::Uk, Language::En]
        .into_iter()
        .map(|language| {
            let facts = CardFacts {
                hours: hours.as_ref(),
                closure,
                metres: None,
                language,
                gazetteer: words.gazetteer.as_deref(),
                now,
            };
            (language, plain_text(&words.catalog, language, &card(centre, facts)))
        })
        .collect()
}
