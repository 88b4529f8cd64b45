//! Reading the operators' CSV files (centres, groups): the header is checked
//! against the known columns, every row is offered with its line number, and
//! every problem is collected so that a bad file is refused whole, with all
//! its problems listed at once.

use std::collections::HashMap;
use std::io::Read;

/// One problem in a file, with the line it is on (1 is the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub reason: String,
}

/// Why a file was refused, or could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("the file was rejected; nothing was changed:\n{}", list(.0))]
    Rejected(Vec<RowError>),
    #[error("cannot write CSV: {0}")]
    Write(#[from] csv::Error),
}

fn list(errors: &[RowError]) -> String {
    errors.iter().map(|e| format!("  line {}: {}", e.line, e.reason)).collect::<Vec<_>>().join("\n")
}

/// A row's fields by column name; absent columns read as empty.
pub struct Fields<'a> {
    columns: &'a HashMap<&'static str, usize>,
    record: &'a csv::StringRecord,
}

impl Fields<'_> {
    pub fn get(&self, name: &str) -> &str {
        self.columns.get(name).and_then(|&i| self.record.get(i)).map(str::trim).unwrap_or("")
    }
}

/// Reads every row of `input`, giving each to `row` with its line number.
/// `row` returns the problems it found; all are collected. `what` names the
/// rows for the empty-file message ("centres", "groups").
pub fn read_rows(
    input: impl Read,
    columns: &[&'static str],
    required: &[&'static str],
    what: &str,
    mut row: impl FnMut(u64, &Fields<'_>) -> Result<(), Vec<String>>,
) -> Result<(), CsvError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(input);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => {
            return Err(CsvError::Rejected(vec![RowError { line: 1, reason: format!("cannot read the header: {e}") }]));
        }
    };
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (position, name) in headers.iter().enumerate() {
        let name = name.trim().trim_start_matches('\u{feff}');
        match columns.iter().find(|c| **c == name) {
            Some(known) if positions.insert(known, position).is_some() => {
                errors.push(RowError { line: 1, reason: format!("column {name:?} appears twice") });
            }
            Some(_) => {}
            None => errors.push(RowError { line: 1, reason: format!("unknown column {name:?}") }),
        }
    }
    for required in required {
        if !positions.contains_key(required) {
            errors.push(RowError { line: 1, reason: format!("missing required column {required:?}") });
        }
    }
    if !errors.is_empty() {
        return Err(CsvError::Rejected(errors));
    }
    let mut rows = 0;
    for record in reader.records() {
        rows += 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                errors.push(RowError { line, reason: format!("unreadable row: {}", describe(&error)) });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if let Err(reasons) = row(line, &Fields { columns: &positions, record: &record }) {
            errors.extend(reasons.into_iter().map(|reason| RowError { line, reason }));
        }
    }
    if rows == 0 {
        errors.push(RowError { line: 1, reason: format!("the file has no {what}") });
    }
    if errors.is_empty() { Ok(()) } else { Err(CsvError::Rejected(errors)) }
}

fn describe(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".into(),
        _ => error.to_string(),
    }
}
