//! Names of the areas the desk's figures are by (oblasts, hromadas), from
//! the built-in gazetteer, loaded once on first use.

use std::sync::OnceLock;

use crate::directory::Gazetteer;
use crate::domain::Language;

/// The built-in gazetteer, or `None` if it does not load (then codes are
/// shown instead of names, and the failure is logged once).
pub(super) fn gazetteer() -> Option<&'static Gazetteer> {
    static GAZETTEER: OnceLock<Option<Gazetteer>> = OnceLock::new();
    GAZETTEER
        .get_or_init(|| {
            Gazetteer::built_in()
                .inspect_err(|error| tracing::error!(%error, "the desk cannot load the gazetteer"))
                .ok()
        })
        .as_ref()
}

/// An oblast's name by KATOTTH code (the code if unknown).
pub fn oblast(code: &str, language: Language) -> String {
    gazetteer().and_then(|g| g.find_oblast(code)).map_or_else(|| code.to_owned(), |o| o.name(language).to_owned())
}

/// A hromada's name and its oblast's by the hromada's KATOTTH code (the
/// code and nothing if unknown).
pub fn hromada(code: &str, language: Language) -> (String, String) {
    let Some(gazetteer) = gazetteer() else { return (code.to_owned(), String::new()) };
    match gazetteer.by_code(code).map(|i| gazetteer.place(i)) {
        Some(place) => {
            let name = match language {
                Language::Uk => place.name_uk.clone(),
                Language::En => place.name_lat.clone(),
            };
            (name, gazetteer.oblast(place.oblast).name(language).to_owned())
        }
        None => (code.to_owned(), String::new()),
    }
}
