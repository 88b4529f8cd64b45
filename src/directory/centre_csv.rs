//! The centres CSV: parsing with validation of every row, and export.
//!
//! A file with any bad row is rejected whole: the import must never leave the
//! directory half-updated, and the operator gets every problem at once rather
//! than one per attempt.

use std::collections::HashMap;
use std::io::{Read, Write};

use chrono::NaiveDate;

use super::opening::Hours;
pub use crate::csv_table::{CsvError, RowError};
use crate::csv_table::{Fields, read_rows};
pub use crate::domain::ImportedCentre;
use crate::domain::{Centre, CentreId, Coordinates, Phone, ServiceTag, UKRAINE_BOUNDS};

/// Columns in the order export writes them. The first five are required.
pub const COLUMNS: [&str; 18] = [
    "id",
    "name_uk",
    "name_en",
    "lat",
    "lon",
    "oblast",
    "hromada",
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
const REQUIRED: usize = 5;

/// Parses and validates a whole file. `today` is the default `verified_on`.
pub fn parse(input: impl Read, today: NaiveDate) -> Result<Vec<ImportedCentre>, CsvError> {
    let mut centres: Vec<ImportedCentre> = Vec::new();
    let mut first_line_of: HashMap<CentreId, u64> = HashMap::new();
    read_rows(input, &COLUMNS, &COLUMNS[..REQUIRED], "centres", |line, fields| {
        let imported = parse_row(fields, today)?;
        if let Some(first) = first_line_of.get(&imported.centre.id) {
            return Err(vec![format!("duplicate id {:?} (first on line {first})", imported.centre.id.as_str())]);
        }
        first_line_of.insert(imported.centre.id.clone(), line);
        centres.push(imported);
        Ok(())
    })?;
    Ok(centres)
}

/// Validates one row, collecting every problem in it.
fn parse_row(fields: &Fields<'_>, today: NaiveDate) -> Result<ImportedCentre, Vec<String>> {
    let field = |name: &str| fields.get(name);
    let mut reasons = Vec::new();
    let optional = |name: &str| Some(field(name).to_owned()).filter(|v| !v.is_empty());
    for required in &COLUMNS[..REQUIRED] {
        if field(required).is_empty() {
            reasons.push(format!("missing required field {required}"));
        }
    }
    let id = match field("id") {
        "" => None,
        raw => CentreId::parse(raw).map_err(|e| reasons.push(format!("id {raw:?}: {e}"))).ok(),
    };
    let number = |name: &str, reasons: &mut Vec<String>| match field(name) {
        "" => None,
        raw => raw.parse::<f64>().ok().filter(|v| v.is_finite()).or_else(|| {
            reasons.push(format!("{name} {raw:?} is not a number"));
            None
        }),
    };
    let lat = number("lat", &mut reasons);
    let lon = number("lon", &mut reasons);
    let location = match (lat, lon) {
        (Some(lat), Some(lon)) => match Coordinates::parse(lat, lon) {
            Ok(point) if point.is_in(UKRAINE_BOUNDS) => Some(point),
            _ => {
                reasons.push(format!(
                    "lat/lon {lat}, {lon} is outside Ukraine (lat {}–{}, lon {}–{})",
                    UKRAINE_BOUNDS.min_lat, UKRAINE_BOUNDS.max_lat, UKRAINE_BOUNDS.min_lon, UKRAINE_BOUNDS.max_lon
                ));
                None
            }
        },
        _ => None,
    };
    let mut services = Vec::new();
    for raw in field("services").split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match ServiceTag::parse(raw) {
            Ok(tag) if !services.contains(&tag) => services.push(tag),
            Ok(_) => {}
            Err(e) => reasons.push(e.to_string()),
        }
    }
    let mut phones = Vec::new();
    for raw in field("phone").split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match Phone::parse(raw) {
            Ok(phone) => phones.push(phone),
            Err(e) => reasons.push(format!("phone {raw:?}: {e}")),
        }
    }
    let opening_hours = optional("opening_hours");
    if let Some(raw) = &opening_hours
        && let Err(e) = Hours::parse(raw)
    {
        reasons.push(format!("opening_hours {raw:?}: {e}"));
    }
    let verified_on = match field("verified_on") {
        "" => None,
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(date) if date <= today => Some(date),
            Ok(_) => {
                reasons.push(format!("verified_on {raw} is in the future"));
                None
            }
            Err(_) => {
                reasons.push(format!("verified_on {raw:?} is not a date like 2025-05-23"));
                None
            }
        },
    };
    let sample = match field("sample").to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => false,
        "true" | "yes" | "1" => true,
        other => {
            reasons.push(format!("sample {other:?} must be true or false"));
            false
        }
    };
    let website = optional("website");
    if let Some(url) = &website
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        reasons.push(format!("website {url:?} must start with https:// or http://"));
    }
    let email = optional("email");
    if let Some(email) = &email
        && !email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    {
        reasons.push(format!("email {email:?} is not an address"));
    }
    let (Some(id), Some(location), true) = (id, location, reasons.is_empty()) else {
        return Err(reasons);
    };
    Ok(ImportedCentre {
        centre: Centre {
            id,
            name_uk: field("name_uk").to_owned(),
            name_en: field("name_en").to_owned(),
            location,
            oblast: optional("oblast"),
            hromada: optional("hromada"),
            address_uk: optional("address_uk"),
            address_en: optional("address_en"),
            phones,
            email,
            website,
            opening_hours,
            services,
            notes: optional("notes"),
            verified_on: verified_on.unwrap_or(today),
            serves_hromada: optional("serves_hromada"),
            sample,
        },
        verified_on_given: verified_on.is_some(),
    })
}

/// Writes centres in the import format, so that an export imports unchanged.
pub fn write(output: impl Write, centres: &[Centre]) -> Result<(), CsvError> {
    let mut writer = csv::Writer::from_writer(output);
    writer.write_record(COLUMNS)?;
    for c in centres {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let phones: Vec<&str> = c.phones.iter().map(Phone::as_e164).collect();
        let services: Vec<&str> = c.services.iter().map(|s| s.as_str()).collect();
        writer.write_record([
            c.id.to_string(),
            c.name_uk.clone(),
            c.name_en.clone(),
            c.location.lat().to_string(),
            c.location.lon().to_string(),
            text(&c.oblast),
            text(&c.hromada),
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
        ])?;
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name_uk,name_en,lat,lon,opening_hours,services,phone,verified_on,sample\n";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
    }

    fn rejected(csv: &str) -> Vec<RowError> {
        match parse(csv.as_bytes(), today()) {
            Err(CsvError::Rejected(errors)) => errors,
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_file_parses_with_defaults_for_what_is_missing() {
        let csv =
            format!("{HEADER}a,Центр А,Centre A,50.45,30.52,Mo-Fr 09:00-18:00,social-work;parenting,067 955 89 76,,\n");
        let centres = parse(csv.as_bytes(), today()).expect("valid file");
        assert_eq!(centres.len(), 1);
        let imported = &centres[0];
        assert_eq!(imported.centre.verified_on, today());
        assert!(!imported.verified_on_given);
        assert_eq!(imported.centre.services, vec![ServiceTag::SocialWork, ServiceTag::Parenting]);
        assert_eq!(imported.centre.phones[0].as_e164(), "+380679558976");
        assert!(!imported.centre.sample);
    }

    #[test]
    fn every_bad_row_is_listed_with_its_line_and_reason() {
        let csv = format!(
            "{HEADER}\
             ok,Центр,Centre,50.45,30.52,,,,,\n\
             ,Без id,No id,50.45,30.52,,,,,\n\
             lat,Центр,Centre,north,30.52,,,,,\n\
             far,Варшава,Warsaw,52.23,21.01,,,,,\n\
             ok,Дубль,Duplicate,50.45,30.52,,,,,\n\
             tag,Центр,Centre,50.45,30.52,,yoga,,,\n\
             hours,Центр,Centre,50.45,30.52,Mo-Fr 9 to 5,,,,\n\
             nan,Центр,Centre,NaN,30.52,,,,,\n\
             date,Центр,Centre,50.45,30.52,,,,2099-01-01,\n\
             phone,Центр,Centre,50.45,30.52,,,12345,,\n\
             short,Центр\n"
        );
        let errors = rejected(&csv);
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        let reasons: Vec<&str> = errors.iter().map(|e| e.reason.as_str()).collect();
        assert!(reasons[0].contains("missing required field id"), "{reasons:?}");
        assert!(reasons[1].contains("lat \"north\" is not a number"), "{reasons:?}");
        assert!(reasons[2].contains("outside Ukraine"), "{reasons:?}");
        assert!(reasons[3].contains("duplicate id \"ok\" (first on line 2)"), "{reasons:?}");
        assert!(reasons[4].contains("unknown service tag \"yoga\""), "{reasons:?}");
        assert!(reasons[5].contains("opening_hours"), "{reasons:?}");
        assert!(reasons[6].contains("not a number"), "{reasons:?}");
        assert!(reasons[7].contains("in the future"), "{reasons:?}");
        assert!(reasons[8].contains("phone"), "{reasons:?}");
        assert!(reasons[9].contains("expected 10 fields, found 2"), "{reasons:?}");
    }

    #[test]
    fn an_unknown_or_missing_column_rejects_the_file_at_the_header() {
        let errors = rejected("id,name_uk,name_en,lat,lon,opening_hour\n");
        assert_eq!(errors, vec![RowError { line: 1, reason: "unknown column \"opening_hour\"".into() }]);
        let errors = rejected("id,name_uk,lat,lon\na,b,50,30\n");
        assert_eq!(errors[0].reason, "missing required column \"name_en\"");
    }

    #[test]
    fn an_empty_file_is_rejected_rather_than_emptying_the_directory() {
        assert_eq!(rejected(HEADER)[0].reason, "the file has no centres");
        assert!(!rejected("").is_empty());
    }

    #[test]
    fn sql_metacharacters_and_emoji_are_plain_data() {
        let csv = format!("{HEADER}x,\"Центр'; DROP TABLE centre;--\",Centre 🌻,50.45,30.52,,,,,\n");
        let centres = parse(csv.as_bytes(), today()).expect("valid file");
        assert_eq!(centres[0].centre.name_uk, "Центр'; DROP TABLE centre;--");
    }

    #[test]
    fn export_then_parse_gives_back_the_same_centres() {
        let csv = format!(
            "{HEADER}a,\"Центр, \"\"А\"\"\",Centre A,50.45,30.52,Mo-Fr 09:00-18:00,social-work,067 955 89 76;0961085329,2025-05-23,true\n"
        );
        let centres: Vec<Centre> =
            parse(csv.as_bytes(), today()).expect("valid").into_iter().map(|i| i.centre).collect();
        let mut exported = Vec::new();
        write(&mut exported, &centres).expect("written");
        let again: Vec<Centre> =
            parse(exported.as_slice(), today()).expect("re-imports").into_iter().map(|i| i.centre).collect();
        assert_eq!(again, centres);
    }
}
