//! Loading an operator's centres file (the Ministry's list or this
//! project's own export) into the directory: read it (CSV or XLSX),
//! validate and place every row, compute what would change, and apply it,
//! or with a dry run only report it. The command line prints the
//! [`ImportReport`]; the operators' desk shows the same report on a page.

pub mod geocoder;

use chrono::NaiveDate;

use self::geocoder::{Geocoder, GeocoderError};
use crate::csv_table::{CsvError, Format, Table};
use crate::directory::placement::find_oblast;
use crate::directory::{Gazetteer, GeoIndex, Precision, centre_csv};
use crate::domain::{CentreId, ImportOptions, ImportPlan, ImportedCentre, LocationSource, UKRAINE_BOUNDS};
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
    #[error(transparent)]
    Geocoder(GeocoderError),
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

/// What the geocoder did for rows without coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Geocoding {
    /// Requests sent.
    pub asked: usize,
    /// Answers taken from the cache instead.
    pub cached: usize,
    /// Rows placed at the geocoder's point, with their lines.
    pub used: Vec<(CentreId, u64)>,
    /// Rows the geocoder found nothing for.
    pub not_found: Vec<(CentreId, u64)>,
    /// Rows whose answer lay outside their oblast (so it was not used).
    pub outside_oblast: Vec<(CentreId, u64)>,
    /// Rows whose answer could not be had, with why.
    pub failed: Vec<(CentreId, u64, String)>,
    /// Why the remaining rows were not asked (the geocoder was down or too slow).
    pub stopped: Option<String>,
}

/// What an import did (or, in a dry run, would do), for the operator.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub plan: ImportPlan,
    /// Centres left at their settlement's or hromada's point.
    pub approximate: Vec<Approximate>,
    pub not_understood: Vec<NotUnderstood>,
    /// With a geocoder: what it did.
    pub geocoding: Option<Geocoding>,
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

/// Imports a file's bytes: all or nothing, and no centre changed with a
/// dry run. `today` is the `verified_on` of rows without one. With a
/// `geocoder`, rows placed at their settlement or hromada that have an
/// address are asked for (its answers are cached even in a dry run).
pub async fn import_centres(
    store: &Store,
    gazetteer: &Gazetteer,
    bytes: &[u8],
    format: Format,
    today: NaiveDate,
    options: ImportOptions,
    geocoder: Option<&Geocoder>,
) -> Result<ImportReport, ImportError> {
    let table = Table::read(bytes, format)?;
    let mut centres = centre_csv::parse_table(&table, today, Some(gazetteer))?;
    let geocoding = match geocoder {
        Some(geocoder) => Some(geocode(store, gazetteer, geocoder, &mut centres).await?),
        None => None,
    };
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
    tracing::info!(
        dry_run = options.dry_run,
        added = plan.added.len(),
        changed = plan.changed.len(),
        unchanged = plan.unchanged,
        removed = plan.removed.len(),
        coordinator_changes_kept = plan.kept.len(),
        "centres file imported"
    );
    Ok(ImportReport {
        plan,
        approximate,
        not_understood,
        geocoding,
        dry_run: options.dry_run,
        sheet: format == Format::Xlsx,
    })
}

/// Asks the geocoder (or its cache) for every approximate row with an
/// address, and moves the row to the answer when it lies inside the row's
/// oblast: the gazetteer place with a point of its own nearest to the
/// answer must be in that oblast. Otherwise the settlement placement stands.
/// After an outage (down, or slower than the timeout) the rest are not asked.
async fn geocode(
    store: &Store,
    gazetteer: &Gazetteer,
    geocoder: &Geocoder,
    centres: &mut [ImportedCentre],
) -> Result<Geocoding, StoreError> {
    let own_points: Vec<usize> =
        (0..gazetteer.places().len()).filter(|&i| gazetteer.place(i).precision == Precision::Place).collect();
    let index = GeoIndex::new(&own_points.iter().map(|&i| gazetteer.place(i).location).collect::<Vec<_>>());
    let mut report = Geocoding::default();
    for imported in centres.iter_mut() {
        let centre = &mut imported.centre;
        let Some(address) = centre.address_uk.clone().filter(|_| centre.location_source.is_approximate()) else {
            continue;
        };
        let row = (centre.id.clone(), imported.line);
        let query: Vec<&str> = [Some(address.as_str()), centre.settlement.as_deref(), centre.hromada.as_deref()]
            .into_iter()
            .chain([centre.oblast.as_deref(), Some("Україна")])
            .flatten()
            .collect();
        let query = query.join(", ");
        let answer = match store.geocoder_answer(&query).await? {
            Some(cached) => {
                report.cached += 1;
                cached
            }
            None if report.stopped.is_some() => continue,
            None => {
                report.asked += 1;
                match geocoder.search(&query).await {
                    Ok(answer) => {
                        store.keep_geocoder_answer(&query, answer).await?;
                        answer
                    }
                    Err(error) => {
                        if error.is_outage() {
                            report.stopped = Some(error.to_string());
                        }
                        report.failed.push((row.0, row.1, error.to_string()));
                        continue;
                    }
                }
            }
        };
        let Some(point) = answer else {
            report.not_found.push(row);
            continue;
        };
        let oblast = centre.oblast.as_deref().and_then(|o| find_oblast(gazetteer, o).ok());
        let nearest = index.nearest(point, 1).first().map(|n| gazetteer.place(own_points[n.item]).oblast);
        if point.is_in(UKRAINE_BOUNDS) && oblast.is_some() && nearest == oblast {
            centre.location = point;
            centre.location_source = LocationSource::Geocoder;
            report.used.push(row);
        } else {
            report.outside_oblast.push(row);
        }
    }
    Ok(report)
}

impl From<GeocoderError> for ImportError {
    fn from(error: GeocoderError) -> Self {
        ImportError::Geocoder(error)
    }
}
