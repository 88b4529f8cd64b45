//! Reading the operators' tables (centres, groups) from CSV or XLSX: one
//! [`Table`] of text cells whatever the format, its header checked against
//! the known columns (and their other names), every row offered with where
//! it is in the file, and every problem collected so that a bad file is
//! refused whole, with all its problems listed at once.
//!
//! Where a row is: the physical line of a CSV file, counted from the byte
//! where the row starts (the `csv` crate's own line counter is off after a
//! CRLF, a blank line or a quoted line break), or the row number a
//! spreadsheet shows.

mod csv_text;
mod document;
mod formula;
mod reason;
mod table;
mod xlsx;

use std::collections::HashMap;
use std::io::Read;

pub use document::{CsvCell, Document, write_document};
pub use formula::{formula_safe, formula_undone};
pub use reason::{Problem, ProblemArg, Reason, UNTRANSLATED};
pub use table::{CsvError, Format, Row, RowError, Table};

impl Table {
    /// Reads a file's bytes in the given format.
    pub fn read(bytes: &[u8], format: Format) -> Result<Self, CsvError> {
        match format {
            Format::Csv => Self::from_csv(bytes),
            Format::Xlsx => xlsx::read(bytes),
        }
    }
}

/// What columns a table may have.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub known: &'a [&'static str],
    pub required: &'a [&'static str],
    /// Other names of known columns (Ukrainian headers), as `(name, column)`.
    pub aliases: &'a [(&'static str, &'static str)],
}

/// A header cell's key: lowercase, without spaces, `_`, `-` or a byte-order
/// mark, so that `Name UK`, `name_uk` and `Графік  роботи` match their columns.
pub fn header_key(name: &str) -> String {
    name.chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '_' | '-' | '\u{feff}')))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A row's fields by column name; absent columns read as empty.
pub struct Fields<'a> {
    columns: &'a HashMap<&'static str, usize>,
    cells: &'a [String],
}

impl Fields<'_> {
    pub fn get(&self, name: &str) -> &str {
        self.columns.get(name).and_then(|&i| self.cells.get(i)).map_or("", |cell| formula_undone(cell.trim()))
    }

    /// Whether the table has this column at all.
    pub fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }
}

/// Reads every row of a CSV `input` (see [`Table::from_csv`]) with
/// [`read_table`].
pub fn read_rows(
    mut input: impl Read,
    columns: &[&'static str],
    required: &[&'static str],
    what: &str,
    row: impl FnMut(u64, &Fields<'_>) -> Result<(), Vec<String>>,
) -> Result<(), CsvError> {
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        let reason = Reason::new("import-problem-unreadable", format!("cannot read the file: {e}"));
        return Err(CsvError::Rejected(vec![RowError::new(1, reason.arg("detail", e.to_string()))]));
    }
    let table = Table::from_csv(&bytes)?;
    read_table(&table, Columns { known: columns, required, aliases: &[] }, what, row)
}

/// Checks the header, then gives every row (blank ones skipped) to `row`
/// with its line. `row` returns the problems it found; all are collected.
/// `what` names the rows for the empty-file message ("centres", "groups").
/// `row`'s problems are English words or [`Reason`]s with their keys.
pub fn read_table<R: Into<Reason>>(
    table: &Table,
    columns: Columns<'_>,
    what: &str,
    mut row: impl FnMut(u64, &Fields<'_>) -> Result<(), Vec<R>>,
) -> Result<(), CsvError> {
    let header_line = table.header.line;
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (position, name) in table.header.cells.iter().enumerate() {
        let key = header_key(name);
        if key.is_empty() && table.rows.iter().all(|r| r.cells.get(position).is_none_or(|c| c.trim().is_empty())) {
            continue; // an empty column a spreadsheet left at the edge
        }
        let known = columns
            .known
            .iter()
            .find(|c| header_key(c) == key)
            .or_else(|| columns.aliases.iter().find(|(alias, _)| header_key(alias) == key).map(|(_, c)| c));
        match known {
            Some(known) if positions.insert(known, position).is_some() => {
                let reason = Reason::new("import-problem-column-twice", format!("column {known:?} appears twice"));
                errors.push(RowError::new(header_line, reason.arg("column", *known)));
            }
            Some(_) => {}
            None => {
                let reason = Reason::new("import-problem-unknown-column", format!("unknown column {:?}", name.trim()));
                errors.push(RowError::new(header_line, reason.arg("column", name.trim())));
            }
        }
    }
    for required in columns.required {
        if !positions.contains_key(required) {
            let reason = Reason::new("import-problem-missing-column", format!("missing required column {required:?}"));
            errors.push(RowError::new(header_line, reason.arg("column", *required)));
        }
    }
    if !errors.is_empty() {
        return Err(table.rejected(errors));
    }
    let width = table.header.cells.len();
    let mut rows = 0;
    for record in &table.rows {
        if record.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows += 1;
        let line = record.line;
        if table.format == Format::Csv && record.cells.len() != width {
            let english = format!("expected {width} fields, found {}", record.cells.len());
            let reason = Reason::new("import-problem-field-count", english)
                .arg("expected", width.to_string())
                .arg("found", record.cells.len().to_string());
            errors.push(RowError::new(line, reason));
            continue;
        }
        if let Err(reasons) = row(line, &Fields { columns: &positions, cells: &record.cells }) {
            errors.extend(reasons.into_iter().map(|reason| RowError::new(line, reason)));
        }
    }
    if rows == 0 {
        let reason = Reason::new("import-problem-no-rows", format!("the file has no {what}"));
        errors.push(RowError::new(header_line, reason));
    }
    if errors.is_empty() { Ok(()) } else { Err(table.rejected(errors)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_their_case_and_spaces_and_by_their_other_names() {
        let table = Table::from_csv("ID;Name UK; графік  роботи \n1;x;y\n".as_bytes()).expect("ok");
        let columns = Columns {
            known: &["id", "name_uk", "schedule"],
            required: &["id"],
            aliases: &[("Графік роботи", "schedule")],
        };
        let mut seen = Vec::new();
        read_table(&table, columns, "rows", |_, fields| {
            seen.push((
                fields.get("id").to_owned(),
                fields.get("name_uk").to_owned(),
                fields.get("schedule").to_owned(),
            ));
            Ok::<_, Vec<String>>(())
        })
        .expect("read");
        assert_eq!(seen, vec![("1".into(), "x".into(), "y".into())]);
    }

    #[test]
    fn an_unknown_header_is_refused_by_its_name_on_the_header_line() {
        let table = Table::from_csv(b"\n\nid,colour\n1,red\n").expect("ok");
        let columns = Columns { known: &["id"], required: &["id"], aliases: &[] };
        let Err(error) = read_table(&table, columns, "rows", |_, _| Ok::<_, Vec<String>>(())) else {
            panic!("must be refused")
        };
        assert_eq!(
            error.errors(),
            &[RowError::new(
                3,
                Reason::new("import-problem-unknown-column", "unknown column \"colour\"").arg("column", "colour")
            )]
        );
    }
}
