//! A table handed to a person as a file (a group's sign-up list): its
//! header and status words translated, written as CSV in the reader's
//! language with every cell a spreadsheet would run as a formula defused.
//! The bot sends it as a document; the desk serves it as a download.

use crate::domain::Language;
use crate::i18n::{Catalog, Text};

/// A table sent as a file; rendered to CSV in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub file_name: String,
    pub header: Vec<Text>,
    pub rows: Vec<Vec<CsvCell>>,
    pub caption: Text,
}

/// One cell of a [`Document`].
#[derive(Debug, Clone, PartialEq)]
pub enum CsvCell {
    /// Data as it is (names, numbers, times).
    Plain(String),
    /// A word to translate (a status).
    Text(Text),
}

/// A document as CSV in the reader's language, every plain cell through
/// [`super::formula_safe`] (names are typed by anyone).
pub fn write_document(catalog: &Catalog, language: Language, document: &Document) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = document.header.iter().map(|text| catalog.render(language, text)).collect();
    let rows = document.rows.iter().map(|row| {
        row.iter()
            .map(|cell| match cell {
                CsvCell::Plain(value) => super::formula_safe(value),
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let text = String::from_utf8(write_document(&catalog, Language::En, &document)).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "First name,Phone");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\")\",+380671234567");
        assert_eq!(lines[2], "\"Олена, \"\"мама\"\"\",'+1+2");
    }
}
