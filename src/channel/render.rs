//! Rendering shared by the channels: a reply's paragraphs as plain text.

use crate::conversation::{Document, Reply};
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

/// A document as CSV in the reader's language, formula-safe (see
/// [`crate::csv_table::write_document`]).
pub fn csv(catalog: &Catalog, language: Language, document: &Document) -> Vec<u8> {
    crate::csv_table::write_document(catalog, language, document)
}

/// Splits a text into pieces of at most `limit` units (as `units` counts a
/// character: UTF-16 code units for Telegram, characters for Viber), at line
/// breaks where possible and between characters inside an overlong line.
pub fn split(text: &str, limit: usize, units: fn(char) -> usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    // Kept as lines are added: measuring `current` again for every line made
    // long texts quadratic.
    let mut current_units = 0;
    for line in text.split('\n') {
        let line_units: usize = line.chars().map(units).sum();
        let separator = usize::from(!current.is_empty());
        if current_units + separator + line_units <= limit {
            if separator == 1 {
                current.push('\n');
            }
            current.push_str(line);
            current_units += separator + line_units;
            continue;
        }
        if !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
            current_units = 0;
        }
        for c in line.chars() {
            if current_units + units(c) > limit {
                chunks.push(std::mem::take(&mut current));
                current_units = 0;
            }
            current.push(c);
            current_units += units(c);
        }
    }
    chunks.push(current);
    chunks
}
