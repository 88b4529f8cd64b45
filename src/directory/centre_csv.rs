//! The centres file (CSV or XLSX): parsing with validation of every row,
//! and export (CSV).
//!
//! Operators' tables come in two shapes: this project's own (English
//! headers, `opening_hours`, coordinates) and the Ministry's (Ukrainian
//! headers, a schedule in words, no ids, no coordinates). Both go through
//! the same row validation ([`super::centre_fields`]). A file with any bad
//! row is rejected whole: the import must never leave the directory
//! half-updated, and the operator gets every problem at once rather than
//! one per attempt.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::OnceLock;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::centre_fields::{self as fields, FieldError, Schedule};
use super::gazetteer::Gazetteer;
use super::normalize::{query_words, skeleton, transliterate};
use super::placement::{self, PlacementError};
use crate::csv_table::{Columns, Fields, Reason, formula_safe, read_table};
pub use crate::csv_table::{CsvError, Format, RowError, Table};
pub use crate::domain::ImportedCentre;
use crate::domain::{Centre, CentreId, InvalidCentreId, LocationSource, Phone};

/// Columns in the order export writes them.
pub const COLUMNS: [&str; 20] = [
    "id",
    "name_uk",
    "name_en",
    "lat",
    "lon",
    "location_source",
    "oblast",
    "hromada",
    "settlement",
    "address_uk",
    "address_en",
    "phone",
    "email",
    "website",
    "opening_hours",
    "services",
    "notes",
    "verified_on",
    "serves_hromada",
    "sample",
];

/// Headers an import reads besides [`COLUMNS`]: `schedule`, the hours in
/// words (not exported: the export has them as `opening_hours`), and the
/// Ministry's Ukrainian headers, with the columns they are. Headers match
/// whatever their case and spacing.
pub const OTHER_HEADERS: [(&str, &str); 11] = [
    ("schedule", "schedule"),
    ("Назва", "name_uk"),
    ("Область", "oblast"),
    ("Громада", "hromada"),
    ("Населений пункт", "settlement"),
    ("Адреса", "address_uk"),
    ("Телефон", "phone"),
    ("Графік роботи", "schedule"),
    ("Електронна пошта", "email"),
    ("Вебсайт", "website"),
    ("Сайт", "website"),
];

/// Parses and validates a whole CSV file. `today` is the default
/// `verified_on`. Rows without coordinates are placed with the built-in
/// gazetteer.
pub fn parse(mut input: impl Read, today: NaiveDate) -> Result<Vec<ImportedCentre>, CsvError> {
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        let reason = Reason::new("import-problem-unreadable", format!("cannot read the file: {e}"));
        return Err(CsvError::Rejected(vec![RowError::new(1, reason.arg("detail", e.to_string()))]));
    }
    let table = Table::from_csv(&bytes)?;
    parse_table(&table, today, built_in_gazetteer())
}

/// The built-in gazetteer, read once, the first time a row needs placing.
fn built_in_gazetteer() -> Option<&'static Gazetteer> {
    static GAZETTEER: OnceLock<Option<Gazetteer>> = OnceLock::new();
    GAZETTEER
        .get_or_init(|| Gazetteer::built_in().inspect_err(|error| tracing::error!(%error, "no gazetteer")).ok())
        .as_ref()
}

/// Parses and validates a table read from either format; `gazetteer` places
/// rows that have no coordinates (`None`: such rows are refused).
pub fn parse_table(
    table: &Table,
    today: NaiveDate,
    gazetteer: Option<&Gazetteer>,
) -> Result<Vec<ImportedCentre>, CsvError> {
    let mut centres: Vec<ImportedCentre> = Vec::new();
    let mut first_line_of: HashMap<CentreId, u64> = HashMap::new();
    let columns = Columns { known: &COLUMNS, required: &["name_uk"], aliases: &OTHER_HEADERS };
    let row = Row { today, gazetteer, decimal_comma: table.decimal_comma };
    read_table(table, columns, "centres", |line, fields| {
        let imported = row.parse(line, fields)?;
        if let Some(first) = first_line_of.get(&imported.centre.id) {
            let derived = fields.get("id").is_empty();
            let english = format!(
                "duplicate id {:?}{} (first on line {first})",
                imported.centre.id.as_str(),
                if derived { " (derived from oblast, hromada and name)" } else { "" }
            );
            let key = if derived { "import-problem-duplicate-derived-id" } else { "import-problem-duplicate-id" };
            let reason =
                Reason::new(key, english).arg("id", imported.centre.id.as_str()).arg("first", first.to_string());
            return Err(vec![reason]);
        }
        first_line_of.insert(imported.centre.id.clone(), line);
        centres.push(imported);
        Ok(())
    })?;
    Ok(centres)
}

/// How rows are read: the same for every row of a file.
struct Row<'a> {
    today: NaiveDate,
    gazetteer: Option<&'a Gazetteer>,
    decimal_comma: bool,
}

impl Row<'_> {
    /// Validates one row, collecting every problem in it.
    fn parse(&self, line: u64, fields: &Fields<'_>) -> Result<ImportedCentre, Vec<Reason>> {
        let field = |name: &str| fields.get(name);
        let mut reasons: Vec<Reason> = Vec::new();
        let r = &mut reasons;
        let address_uk = one(r, fields::parse_text("address_uk", field("address_uk"))).flatten();
        let address_en = one(r, fields::parse_text("address_en", field("address_en"))).flatten();
        let notes = one(r, fields::parse_text("notes", field("notes"))).flatten();
        let email = one(r, fields::parse_email(field("email"))).flatten();
        let website = one(r, fields::parse_website(field("website"))).flatten();
        let verified_on = one(r, fields::parse_verified_on(field("verified_on"), self.today)).flatten();
        let sample = one(r, fields::parse_flag(field("sample"))).unwrap_or(false);
        let given_hours = one(r, fields::parse_opening_hours(field("opening_hours"))).flatten();
        let phones = many(r, fields::parse_phones(field("phone"))).unwrap_or_default();
        let services = many(r, fields::parse_services(field("services"))).unwrap_or_default();
        let point = many(r, fields::parse_coordinates(field("lat"), field("lon"), self.decimal_comma));
        let text = |name: &str| Some(field(name).to_owned()).filter(|v| !v.is_empty());
        let name_uk = field("name_uk");
        if name_uk.is_empty() {
            reasons.push(Reason::new("import-problem-no-name", "missing required field name_uk"));
        }
        let location = match point {
            Some(Some(point)) => match field("location_source") {
                "" => Some((point, LocationSource::Given)),
                raw => LocationSource::parse(raw)
                    .map(|source| (point, source))
                    .map_err(|e| {
                        let reason = Reason::new("import-problem-location-source", e.to_string());
                        reasons.push(reason.arg("raw", raw));
                    })
                    .ok(),
            },
            Some(None) => match self.gazetteer {
                Some(gazetteer) => placement::place(gazetteer, field("oblast"), field("hromada"), field("settlement"))
                    .map(|placed| (placed.location, placed.source))
                    .map_err(|e| reasons.push(Reason::from(&e)))
                    .ok(),
                None => {
                    reasons.push(Reason::from(&PlacementError::NothingToGoBy));
                    None
                }
            },
            None => None,
        };
        let id = match field("id") {
            "" => derived_id(self.gazetteer, field("oblast"), field("hromada"), name_uk)
                .map_err(|e| reasons.push(Reason::from(format!("derived id: {e}"))))
                .ok(),
            raw => CentreId::parse(raw)
                .map_err(|e| reasons.push(Reason::new("import-problem-id", format!("id {raw:?}: {e}")).arg("raw", raw)))
                .ok(),
        };
        let (opening_hours, schedule_not_understood) = match (given_hours, fields::parse_schedule(field("schedule"))) {
            (Some(hours), _) => (Some(hours), None),
            (None, Some(Schedule::Understood(hours))) => (Some(hours), None),
            (None, Some(Schedule::NotUnderstood { opening_hours, words })) => (Some(opening_hours), Some(words)),
            (None, None) => (None, None),
        };
        let (Some(id), Some((location, location_source)), true) = (id, location, reasons.is_empty()) else {
            return Err(reasons);
        };
        // A name of letters the rules drop ("ь") keeps its Ukrainian form.
        let name_en = match (field("name_en"), transliterate(name_uk).trim()) {
            ("", "") => name_uk.to_owned(),
            ("", latin) => latin.to_owned(),
            (name, _) => name.to_owned(),
        };
        Ok(ImportedCentre {
            centre: Centre {
                id,
                name_uk: name_uk.to_owned(),
                name_en,
                location,
                location_source,
                oblast: text("oblast"),
                hromada: text("hromada"),
                settlement: text("settlement"),
                address_uk,
                address_en,
                phones,
                email,
                website,
                opening_hours,
                services,
                notes,
                verified_on: verified_on.unwrap_or(self.today),
                serves_hromada: text("serves_hromada"),
                sample,
            },
            verified_on_given: verified_on.is_some(),
            line,
            schedule_not_understood,
        })
    }
}

/// A field's value, or its problem added to the row's.
fn one<T>(reasons: &mut Vec<Reason>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| reasons.push(Reason::from(&e))).ok()
}

/// A field's value, or its problems added to the row's.
fn many<T>(reasons: &mut Vec<Reason>, result: Result<T, Vec<FieldError>>) -> Option<T> {
    result.map_err(|errors| reasons.extend(errors.iter().map(Reason::from))).ok()
}

/// The id of a row that has none: the hromada's Latin skeleton (at most 20
/// letters, for people reading ids) and the first 10 hex digits of a
/// SHA-256 of the oblast (its KATOTTH code when the gazetteer knows it),
/// the hromada and the name, each reduced to a skeleton (case, spaces,
/// apostrophes and words such as "міська громада" do not count). The same
/// row gives the same id on every import; renaming a centre gives a new one.
pub fn derived_id(
    gazetteer: Option<&Gazetteer>,
    oblast: &str,
    hromada: &str,
    name: &str,
) -> Result<CentreId, InvalidCentreId> {
    let key = |text: &str| skeleton(&query_words(text).concat());
    let oblast_key = gazetteer
        .and_then(|g| placement::find_oblast(g, oblast).ok().map(|i| g.oblast(i).code.clone()))
        .unwrap_or_else(|| key(oblast));
    let digest = Sha256::digest(format!("{oblast_key}|{}|{}", key(hromada), key(name)).as_bytes());
    let hash: String = crate::domain::hex(&digest).chars().take(10).collect();
    let hromada_key = key(hromada);
    let label: String = if hromada_key.is_empty() { "centre".into() } else { hromada_key.chars().take(20).collect() };
    // Skeletons are lowercase ASCII letters and digits: always a valid id.
    CentreId::parse(&format!("{label}-{hash}"))
}

/// Writes centres in the import format, so that an export imports unchanged.
pub fn write(output: impl Write, centres: &[Centre]) -> Result<(), CsvError> {
    let mut writer = csv::Writer::from_writer(output);
    writer.write_record(COLUMNS)?;
    for c in centres {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let phones: Vec<&str> = c.phones.iter().map(Phone::as_e164).collect();
        let services: Vec<&str> = c.services.iter().map(|s| s.as_str()).collect();
        // Cells typed by coordinators (names, addresses, notes) could start
        // like a formula: defused for spreadsheets, undone when read back.
        writer.write_record(
            [
                c.id.to_string(),
                c.name_uk.clone(),
                c.name_en.clone(),
                c.location.lat().to_string(),
                c.location.lon().to_string(),
                c.location_source.as_str().to_owned(),
                text(&c.oblast),
                text(&c.hromada),
                text(&c.settlement),
                text(&c.address_uk),
                text(&c.address_en),
                phones.join(";"),
                text(&c.email),
                text(&c.website),
                text(&c.opening_hours),
                services.join(";"),
                text(&c.notes),
                c.verified_on.format("%Y-%m-%d").to_string(),
                text(&c.serves_hromada),
                c.sample.to_string(),
            ]
            .map(|cell| formula_safe(&cell)),
        )?;
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(())
}

#[cfg(test)]
mod tests;
