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

mod xlsx;

use std::collections::HashMap;
use std::io::Read;

/// One problem in a file, with the line (or sheet row) it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub reason: String,
}

/// Why a file was refused, or could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("the file was rejected; nothing was changed:\n{}", list(.0, "line"))]
    Rejected(Vec<RowError>),
    /// A spreadsheet's problems, by the row numbers the spreadsheet shows.
    #[error("the file was rejected; nothing was changed:\n{}", list(.0, "row"))]
    SheetRejected(Vec<RowError>),
    #[error("cannot write CSV: {0}")]
    Write(#[from] csv::Error),
}

impl CsvError {
    /// The problems of a refused file (none for a write error).
    pub fn errors(&self) -> &[RowError] {
        match self {
            CsvError::Rejected(errors) | CsvError::SheetRejected(errors) => errors,
            CsvError::Write(_) => &[],
        }
    }
}

fn list(errors: &[RowError], unit: &str) -> String {
    errors.iter().map(|e| format!("  {unit} {}: {}", e.line, e.reason)).collect::<Vec<_>>().join("\n")
}

/// The format of an operator's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// One row of a table: where it is, and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// An operator's table, read from either format.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub format: Format,
    pub header: Row,
    pub rows: Vec<Row>,
    /// Whether numbers may use a decimal comma: a CSV separated by `;` (as
    /// Excel saves it in a Ukrainian locale) or a spreadsheet's text cell.
    pub decimal_comma: bool,
}

impl Table {
    /// Reads a file's bytes in the given format.
    pub fn read(bytes: &[u8], format: Format) -> Result<Self, CsvError> {
        match format {
            Format::Csv => Self::from_csv(bytes),
            Format::Xlsx => xlsx::read(bytes),
        }
    }

    /// Reads a CSV file: UTF-8 with or without a byte-order mark, LF or
    /// CRLF line ends, separated by `,` or `;` (whichever the header line
    /// has more of, outside quotes).
    pub fn from_csv(bytes: &[u8]) -> Result<Self, CsvError> {
        let refuse = |line: u64, reason: String| CsvError::Rejected(vec![RowError { line, reason }]);
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        if let Err(error) = std::str::from_utf8(bytes) {
            let line = line_at(bytes, error.valid_up_to());
            return Err(refuse(line, NOT_UTF8.to_owned()));
        }
        let delimiter = delimiter(bytes);
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes);
        let mut lines = LineCounter::default();
        let mut header = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(1, |p| lines.line_of(bytes, p.byte()));
                refuse(line, format!("unreadable row: {e}"))
            })?;
            let line = record.position().map_or(1, |p| lines.line_of(bytes, p.byte()));
            let row = Row { line, cells: record.iter().map(str::to_owned).collect() };
            if header.is_none() {
                header = Some(row);
            } else {
                rows.push(row);
            }
        }
        let Some(header) = header else {
            return Err(refuse(1, "the file is empty: it has no header row".into()));
        };
        Ok(Self { format: Format::Csv, header, rows, decimal_comma: delimiter == b';' })
    }

    /// Errors of this table's rows, named as its format names places.
    pub fn rejected(&self, errors: Vec<RowError>) -> CsvError {
        match self.format {
            Format::Csv => CsvError::Rejected(errors),
            Format::Xlsx => CsvError::SheetRejected(errors),
        }
    }
}

const NOT_UTF8: &str = "the file is not UTF-8 text (probably Windows-1251, what Excel saves by default in Ukraine): \
     in Excel choose \"Save as\" → \"CSV UTF-8 (comma delimited)\", or export the sheet as .xlsx, and import that";

/// `;` when the header line has more semicolons than commas outside quotes.
fn delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in bytes {
        match b {
            b'\n' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// The physical line (from 1) of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    LineCounter::default().line_of(bytes, offset as u64)
}

/// Counts line feeds up to increasing byte offsets, so that numbering every
/// row of a file reads it once.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    feeds: u64,
}

impl LineCounter {
    /// The line of the record the `csv` crate says starts at `offset`. The
    /// crate's offset is where it resumed reading, which may be the line
    /// feed of a CRLF or blank lines before the record: those are skipped.
    fn line_of(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset < self.offset {
            *self = Self::default();
        }
        self.feeds += bytes[self.offset..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = offset;
        self.feeds + 1
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
        self.columns.get(name).and_then(|&i| self.cells.get(i)).map_or("", |cell| cell.trim())
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
        return Err(CsvError::Rejected(vec![RowError { line: 1, reason: format!("cannot read the file: {e}") }]));
    }
    let table = Table::from_csv(&bytes)?;
    read_table(&table, Columns { known: columns, required, aliases: &[] }, what, row)
}

/// Checks the header, then gives every row (blank ones skipped) to `row`
/// with its line. `row` returns the problems it found; all are collected.
/// `what` names the rows for the empty-file message ("centres", "groups").
pub fn read_table(
    table: &Table,
    columns: Columns<'_>,
    what: &str,
    mut row: impl FnMut(u64, &Fields<'_>) -> Result<(), Vec<String>>,
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
                errors.push(RowError { line: header_line, reason: format!("column {known:?} appears twice") });
            }
            Some(_) => {}
            None => errors.push(RowError { line: header_line, reason: format!("unknown column {:?}", name.trim()) }),
        }
    }
    for required in columns.required {
        if !positions.contains_key(required) {
            errors.push(RowError { line: header_line, reason: format!("missing required column {required:?}") });
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
            let reason = format!("expected {width} fields, found {}", record.cells.len());
            errors.push(RowError { line, reason });
            continue;
        }
        if let Err(reasons) = row(line, &Fields { columns: &positions, cells: &record.cells }) {
            errors.extend(reasons.into_iter().map(|reason| RowError { line, reason }));
        }
    }
    if rows == 0 {
        errors.push(RowError { line: header_line, reason: format!("the file has no {what}") });
    }
    if errors.is_empty() { Ok(()) } else { Err(table.rejected(errors)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(csv: &str) -> Vec<u64> {
        Table::from_csv(csv.as_bytes()).expect("readable").rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn rows_are_numbered_by_physical_line_after_crlf_blank_lines_and_quoted_breaks() {
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
        assert_eq!(lines("a,b\n\n1,2\n\n\n3,4\n"), vec![3, 6]);
        assert_eq!(lines("a,b\r\n\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n"), vec![3, 6]);
    }

    #[test]
    fn the_separator_is_taken_from_the_header_line_outside_quotes() {
        let table = Table::from_csv("\u{feff}Назва;Область;\"a,b,c\"\r\nЦентр;Київська;x\r\n".as_bytes()).expect("ok");
        assert_eq!(table.header.cells, vec!["Назва", "Область", "a,b,c"]);
        assert_eq!(table.rows[0].cells, vec!["Центр", "Київська", "x"]);
        assert!(table.decimal_comma);
        assert!(!Table::from_csv(b"a,b;c,d\n").expect("ok").decimal_comma);
    }

    #[test]
    fn a_windows_1251_file_is_refused_with_the_way_to_save_it_as_utf8() {
        // "Назва;Область\nЦентр" in Windows-1251.
        let bytes = b"id;x\r\n\xcd\xe0\xe7\xe2\xe0;1\r\n";
        let Err(CsvError::Rejected(errors)) = Table::from_csv(bytes) else { panic!("must be refused") };
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].reason.contains("not UTF-8") && errors[0].reason.contains("CSV UTF-8"), "{errors:?}");
    }

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
            Ok(())
        })
        .expect("read");
        assert_eq!(seen, vec![("1".into(), "x".into(), "y".into())]);
    }

    #[test]
    fn an_unknown_header_is_refused_by_its_name_on_the_header_line() {
        let table = Table::from_csv(b"\n\nid,colour\n1,red\n").expect("ok");
        let columns = Columns { known: &["id"], required: &["id"], aliases: &[] };
        let Err(error) = read_table(&table, columns, "rows", |_, _| Ok(())) else { panic!("must be refused") };
        assert_eq!(error.errors(), &[RowError { line: 3, reason: "unknown column \"colour\"".into() }]);
    }
}
