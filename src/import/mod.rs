//! Loading an operator's centres file (the Ministry's list or this
//! project's own export) into the directory: read it (CSV or XLSX),
//! validate and place every row, compute what would change, and apply it,
//! or with a dry run only report it. The command line prints the
//! [`ImportReport`]; the operators' desk shows the same report on a page.

use chrono::NaiveDate;

use crate::csv_table::{CsvError, Format, Table};
use crate::directory::Gazetteer;
use crate::directory::centre_csv;
use crate::domain::{CentreId, ImportOptions, ImportPlan, LocationSource};
use crate::store::{Store, StoreError};

/// Why an import could not be done; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}: a centres file is .csv or .xlsx")]
    UnknownFormat(String),
    #[error(transparent)]
    File(#[from] CsvError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A centre whose point stands for its settlement or hromada.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approximate {
    pub centre: CentreId,
    pub line: u64,
    pub source: LocationSource,
    /// The settlement or hromada as the file names it.
    pub place: Option<String>,
}

/// A schedule in words that was kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUnderstood {
    pub centre: CentreId,
    pub line: u64,
    pub words: String,
}

/// What an import did (or, in a dry run, would do), for the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub plan: ImportPlan,
    pub approximate: Vec<Approximate>,
    pub not_understood: Vec<NotUnderstood>,
    pub dry_run: bool,
    /// Whether row numbers are a sheet's rows rather than a CSV's lines.
    pub sheet: bool,
}

/// The format a file's name says: `.csv` or `.xlsx`, in any case.
pub fn format_of(file_name: &str) -> Result<Format, ImportError> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".csv") {
        Ok(Format::Csv)
    } else if lower.ends_with(".xlsx") {
        Ok(Format::Xlsx)
    } else {
        Err(ImportError::UnknownFormat(file_name.to_owned()))
    }
}

/// Imports a file's bytes: all or nothing, and nothing with a dry run.
/// `today` is the `verified_on` of rows without one.
pub async fn import_centres(
    store: &Store,
    gazetteer: &Gazetteer,
    bytes: &[u8],
    format: Format,
    today: NaiveDate,
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let table = Table::read(bytes, format)?;
    let centres = centre_csv::parse_table(&table, today, Some(gazetteer))?;
    let approximate = centres
        .iter()
        .filter(|i| i.centre.location_source.is_approximate())
        .map(|i| Approximate {
            centre: i.centre.id.clone(),
            line: i.line,
            source: i.centre.location_source,
            place: match i.centre.location_source {
                LocationSource::Settlement => i.centre.settlement.clone(),
                _ => i.centre.hromada.clone().or_else(|| i.centre.settlement.clone()),
            },
        })
        .collect();
    let not_understood = centres
        .iter()
        .filter_map(|i| {
            let words = i.schedule_not_understood.clone()?;
            Some(NotUnderstood { centre: i.centre.id.clone(), line: i.line, words })
        })
        .collect();
    let plan = store.import_centres_with(&centres, options).await?;
    Ok(ImportReport { plan, approximate, not_understood, dry_run: options.dry_run, sheet: format == Format::Xlsx })
}
