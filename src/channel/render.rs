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

/// Splits a text into pieces of at most `limit` units (as `units` counts a
/// character: UTF-16 code units for Telegram, characters for Viber), at line
/// breaks where possible and between characters inside an overlong line.
pub fn split(text: &str, limit: usize, units: fn(char) -> usize) -> Vec<String> {
    let measure = |s: &str| s.chars().map(units).sum::<usize>();
    let mut chunks = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        let separator = usize::from(!current.is_empty());
        if measure(&current) + separator + measure(line) <= limit {
            if separator == 1 {
                current.push('\n');
            }
            current.push_str(line);
            continue;
        }
        if !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
        }
        let mut used = 0;
        for c in line.chars() {
            if used + units(c) > limit {
                chunks.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push(c);
            used += units(c);
        }
    }
    chunks.push(current);
    chunks
}
