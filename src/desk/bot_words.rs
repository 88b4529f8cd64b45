//! The bot's own words (`locales/*/main.ftl`) in the desk: where a desk
//! screen does what a coordinator's screen in the bot does, it answers with
//! the same notice ("there are already 5 people in this group…"), and a
//! message's preview shows exactly what subscribers will read.

use std::sync::OnceLock;

use crate::domain::Language;
use crate::i18n::{Catalog, Text};

/// The bot's catalog, compiled into the binary, loaded once for the whole
/// desk (its cards, posters and notices).
pub(super) fn catalog() -> Option<&'static Catalog> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            Catalog::load()
                .inspect_err(|error| tracing::error!(%error, "cannot load the bot's texts for the desk"))
                .ok()
        })
        .as_ref()
}

/// A text of the bot's in `language`; its id in brackets if the catalog
/// could not load (the bot itself would not have started).
pub fn render(language: Language, text: &Text) -> String {
    catalog().map_or_else(|| format!("[{}]", text.id), |catalog| catalog.render(language, text))
}

/// A [`crate::csv_table::Document`] as the bot sends it: CSV in `language`.
pub fn csv(language: Language, document: &crate::csv_table::Document) -> Vec<u8> {
    catalog().map(|catalog| crate::csv_table::write_document(catalog, language, document)).unwrap_or_default()
}
