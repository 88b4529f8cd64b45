//! A centre's card on its desk page, in both languages, in the bot's own
//! words: the paragraphs come from `wording::card::card`, the function the
//! bot's card calls, rendered with the bot's catalog (`main.ftl`) as every
//! channel renders them (`wording::card::plain_text`).

use chrono::NaiveDateTime;
use chrono_tz::Europe::Kyiv;

use super::{area, bot_words};
use crate::directory::Hours;
use crate::domain::{Centre, Closure, Language};
use crate::wording::card::{CardFacts, card, plain_text};

/// The card as the bot shows it now (Kyiv time `now`), in Ukrainian and in
/// English: `[(language, text)]`; empty when the bot's texts do not load.
pub fn both(centre: &Centre, closure: Option<&Closure>, now: NaiveDateTime) -> Vec<(Language, String)> {
    // The bot's catalog and the gazetteer (place names in English), each
    // loaded once for the whole desk.
    let Some(catalog) = bot_words::catalog() else { return Vec::new() };
    let hours = centre.opening_hours.as_deref().and_then(|raw| Hours::parse(raw).ok());
    let closure = closure.filter(|c| c.until.with_timezone(&Kyiv).naive_local() > now);
    [Language::Uk, Language::En]
        .into_iter()
        .map(|language| {
            let facts =
                CardFacts { hours: hours.as_ref(), closure, metres: None, language, gazetteer: area::gazetteer(), now };
            (language, plain_text(catalog, language, &card(centre, facts)))
        })
        .collect()
}
