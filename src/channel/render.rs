//! Rendering shared by the channels: a reply's paragraphs as plain text.

use crate::conversation::Reply;
use crate::domain::Language;
use crate::i18n::Catalog;

/// Lines joined with newlines, paragraphs with a blank line.
pub fn plain_text(catalog: &Catalog, language: Language, reply: &Reply) -> String {
    reply
        .paragraphs
        .iter()
        .map(|lines| lines.iter().map(|text| catalog.render(language, text)).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}
