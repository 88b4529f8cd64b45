//! The shapes every operator's table shares, whatever its format: a
//! [`Table`] of text rows with where each row is, and the errors that refuse
//! a file.

use super::reason::{Problem, Reason};

/// One problem in a file, with the line (or sheet row) it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    /// In English, as the command line prints it.
    pub reason: String,
    /// The same as a message key, for the desk (see [`Problem`]).
    pub problem: Problem,
}

impl RowError {
    pub fn new(line: u64, reason: impl Into<Reason>) -> Self {
        let Reason { english, problem } = reason.into();
        Self { line, reason: english, problem }
    }
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
    /// Errors of this table's rows, named as its format names places.
    pub fn rejected(&self, errors: Vec<RowError>) -> CsvError {
        match self.format {
            Format::Csv => CsvError::Rejected(errors),
            Format::Xlsx => CsvError::SheetRejected(errors),
        }
    }
}
