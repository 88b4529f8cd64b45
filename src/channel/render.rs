//! Rendering shared by the channels: a reply's paragraphs as plain text.

use crate::conversation::{CsvCell, Document, Reply};
use crate::csv_table::formula_safe;
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

/// A document as CSV in the reader's language, every plain cell through
/// [`formula_safe`] (names are typed by anyone).
pub fn csv(catalog: &Catalog, language: Language, document: &Document) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = document.header.iter().map(|text| catalog.render(language, text)).collect();
    let rows = document.rows.iter().map(|row| {
        row.iter()
            .map(|cell| match cell {
                CsvCell::Plain(value) => formula_safe(value),
                CsvCell::Text(text) => catalog.render(language, text),
            })
            .collect::<Vec<_>>()
    });
    for record in std::iter::once(header).chain(rows) {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_defused_but_phones_are_kept() {
        let catalog = Catalog::load().expect("locales");
        let document = Document {
            file_name: "x.csv".into(),
            header: vec![Text::new("coord-csv-name"), Text::new("coord-csv-phone")],
            rows: vec![
                vec![CsvCell::Plain("=HYPERLINK(\"http://x\")".into()), CsvCell::Plain("+380671234567".into())],
                vec![CsvCell::Plain("Олена, \"мама\"".into()), CsvCell::Plain("+1+2".into())],
            ],
            caption: Text::new("coord-csv-caption"),
        };
        let text = String::from_utf8(csv(&catalog, Language::En, &document)).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "First name,Phone");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\")\",+380671234567");
        assert_eq!(lines[2], "\"Олена, \"\"мама\"\"\",'+1+2");
    }
}
