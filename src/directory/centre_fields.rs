//! One validation per field of a centre, shared by every way data comes
//! in: an operator's file (`centre_csv`), a coordinator's edit in the bot,
//! and the operators' web desk. Nothing is validated twice in two ways.
//!
//! Each `parse_*` takes the text a person wrote and returns the stored
//! form, or a [`FieldError`] that says what is wrong in plain words (the
//! import report prints it after the line number; a bot screen maps the
//! variant to its own localised message).

use chrono::NaiveDate;

use super::opening::Hours;
use super::schedule_words;
use crate::domain::{CentreEdit, CentreField, Coordinates, Phone, ServiceTag, UKRAINE_BOUNDS};

/// The longest free text kept in a field (an address, a note): longer is a
/// pasted paragraph, not an address.
pub const MAX_TEXT_CHARS: usize = 300;

/// Why a value was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FieldError {
    #[error("{field} {raw:?} is not a number")]
    NotANumber { field: &'static str, raw: String },
    #[error("lat and lon go together: give both or neither")]
    HalfALocation,
    #[error(
        "lat/lon {lat}, {lon} is outside Ukraine (lat {}–{}, lon {}–{})",
        UKRAINE_BOUNDS.min_lat,
        UKRAINE_BOUNDS.max_lat,
        UKRAINE_BOUNDS.min_lon,
        UKRAINE_BOUNDS.max_lon
    )]
    OutsideUkraine { lat: f64, lon: f64 },
    #[error("phone {raw:?}: a phone number must be Ukrainian: +380 and 9 digits, or 0 and 9 digits")]
    Phone { raw: String },
    #[error("email {raw:?} is not an address")]
    Email { raw: String },
    #[error("website {raw:?} is not a web address (like https://example.org or example.org)")]
    Website { raw: String },
    #[error("opening_hours {raw:?}: {reason}")]
    OpeningHours { raw: String, reason: String },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{0}")]
    Service(String),
    #[error("verified_on {raw:?} is not a date like 2025-05-23")]
    Date { raw: String },
    #[error("verified_on {raw} is in the future")]
    FutureDate { raw: String },
    #[error("sample {raw:?} must be true or false")]
    Flag { raw: String },
    #[error("{field} cannot be changed here")]
    NotEditable { field: &'static str },
}

/// A number, with a decimal comma when `decimal_comma` (Excel in a
/// Ukrainian locale writes `50,45`).
pub fn parse_number(field: &'static str, raw: &str, decimal_comma: bool) -> Result<Option<f64>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let text = if decimal_comma { raw.replacen(',', ".", 1) } else { raw.to_owned() };
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| FieldError::NotANumber { field, raw: raw.to_owned() })
}

/// A point inside Ukraine (a file's row, a shared location).
pub fn parse_location(lat: f64, lon: f64) -> Result<Coordinates, FieldError> {
    match Coordinates::parse(lat, lon) {
        Ok(point) if point.is_in(UKRAINE_BOUNDS) => Ok(point),
        _ => Err(FieldError::OutsideUkraine { lat, lon }),
    }
}

/// `lat` and `lon` as a file gives them: both (a point in Ukraine), or
/// neither (`None`: the row is placed by its settlement).
pub fn parse_coordinates(lat: &str, lon: &str, decimal_comma: bool) -> Result<Option<Coordinates>, Vec<FieldError>> {
    let lat = parse_number("lat", lat, decimal_comma);
    let lon = parse_number("lon", lon, decimal_comma);
    match (lat, lon) {
        (Ok(Some(lat)), Ok(Some(lon))) => parse_location(lat, lon).map(Some).map_err(|e| vec![e]),
        (Ok(None), Ok(None)) => Ok(None),
        (Ok(_), Ok(_)) => Err(vec![FieldError::HalfALocation]),
        (lat, lon) => Err([lat.err(), lon.err()].into_iter().flatten().collect()),
    }
}

/// Phone numbers separated by `;`, `,` or line breaks, in any usual
/// notation; every one must be Ukrainian.
pub fn parse_phones(raw: &str) -> Result<Vec<Phone>, Vec<FieldError>> {
    let mut phones = Vec::new();
    let mut errors = Vec::new();
    for part in raw.split([';', ',', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
        match Phone::parse(part) {
            Ok(phone) if !phones.contains(&phone) => phones.push(phone),
            Ok(_) => {}
            Err(_) => errors.push(FieldError::Phone { raw: part.to_owned() }),
        }
    }
    if errors.is_empty() { Ok(phones) } else { Err(errors) }
}

/// An e-mail address (`None` when empty): something, `@`, a host with a dot.
pub fn parse_email(raw: &str) -> Result<Option<String>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let plausible = raw.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.contains('@') && !raw.contains(char::is_whitespace)
    });
    if plausible { Ok(Some(raw.to_owned())) } else { Err(FieldError::Email { raw: raw.to_owned() }) }
}

/// A web address (`None` when empty). A bare `example.org/page`, as tables
/// often have it, gets `https://`.
pub fn parse_website(raw: &str) -> Result<Option<String>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let refuse = || FieldError::Website { raw: raw.to_owned() };
    if raw.contains(char::is_whitespace) || raw.len() > MAX_TEXT_CHARS {
        return Err(refuse());
    }
    let url = if raw.starts_with("https://") || raw.starts_with("http://") {
        raw.to_owned()
    } else {
        format!("https://{raw}")
    };
    let host = url.split("://").nth(1).and_then(|rest| rest.split(['/', '?', '#']).next()).unwrap_or("");
    let host_ok = host.contains('.') && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if host_ok { Ok(Some(url)) } else { Err(refuse()) }
}

/// Free text such as an address or a note (`None` when empty), at most
/// [`MAX_TEXT_CHARS`] characters, with line breaks made spaces.
pub fn parse_text(field: &'static str, raw: &str) -> Result<Option<String>, FieldError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::TooLong { field, max: MAX_TEXT_CHARS });
    }
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// An OpenStreetMap `opening_hours` value (`None` when empty), as the
/// directory will evaluate it.
pub fn parse_opening_hours(raw: &str) -> Result<Option<String>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match Hours::parse(raw) {
        Ok(_) => Ok(Some(raw.to_owned())),
        Err(e) => Err(FieldError::OpeningHours { raw: raw.to_owned(), reason: e.0 }),
    }
}

/// What a schedule written in words became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// Understood: the `opening_hours` value.
    Understood(String),
    /// Not understood: kept verbatim as `unknown "<the words>"`, which the
    /// card shows as the hours (and says to call ahead).
    NotUnderstood { opening_hours: String, words: String },
}

impl Schedule {
    pub fn opening_hours(&self) -> &str {
        match self {
            Schedule::Understood(value) | Schedule::NotUnderstood { opening_hours: value, .. } => value,
        }
    }
}

/// A schedule as people write it ("пн–пт з 9:00 до 18:00, обідня перерва
/// 13:00–14:00"), or as `opening_hours` already; `None` when empty.
pub fn parse_schedule(raw: &str) -> Option<Schedule> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(Some(value)) = parse_opening_hours(raw) {
        return Some(Schedule::Understood(value));
    }
    Some(match schedule_words::to_opening_hours(raw) {
        Some(value) => Schedule::Understood(value),
        None => Schedule::NotUnderstood { opening_hours: schedule_words::verbatim(raw), words: raw.to_owned() },
    })
}

/// Service tags separated by `;`, each once.
pub fn parse_services(raw: &str) -> Result<Vec<ServiceTag>, Vec<FieldError>> {
    let mut services = Vec::new();
    let mut errors = Vec::new();
    for part in raw.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match ServiceTag::parse(part) {
            Ok(tag) if !services.contains(&tag) => services.push(tag),
            Ok(_) => {}
            Err(e) => errors.push(FieldError::Service(e.to_string())),
        }
    }
    if errors.is_empty() { Ok(services) } else { Err(errors) }
}

/// The day the data was last checked (`None` when empty), not after `today`.
pub fn parse_verified_on(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(date) if date <= today => Ok(Some(date)),
        Ok(_) => Err(FieldError::FutureDate { raw: raw.to_owned() }),
        Err(_) => Err(FieldError::Date { raw: raw.to_owned() }),
    }
}

/// `true`/`yes`/`1` or `false`/`no`/`0`/empty.
pub fn parse_flag(raw: &str) -> Result<bool, FieldError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" => Ok(false),
        "true" | "yes" | "1" => Ok(true),
        _ => Err(FieldError::Flag { raw: raw.trim().to_owned() }),
    }
}

/// A coordinator's (or the desk's) new value for a field, from what they
/// typed: the same rules as an import. Hours may be `opening_hours` or
/// words; words that are not understood are refused here (a person can
/// rephrase, unlike a file). A location comes from [`edit_location`].
pub fn parse_edit(field: CentreField, raw: &str) -> Result<CentreEdit, Vec<FieldError>> {
    let one = |e| vec![e];
    Ok(match field {
        CentreField::AddressUk => CentreEdit::AddressUk(parse_text("address_uk", raw).map_err(one)?),
        CentreField::AddressEn => CentreEdit::AddressEn(parse_text("address_en", raw).map_err(one)?),
        CentreField::Phones => CentreEdit::Phones(parse_phones(raw)?),
        CentreField::Email => CentreEdit::Email(parse_email(raw).map_err(one)?),
        CentreField::Website => CentreEdit::Website(parse_website(raw).map_err(one)?),
        CentreField::OpeningHours => match parse_schedule(raw) {
            None => CentreEdit::OpeningHours(None),
            Some(Schedule::Understood(value)) => CentreEdit::OpeningHours(Some(value)),
            Some(Schedule::NotUnderstood { words, .. }) => {
                return Err(vec![FieldError::OpeningHours { raw: words, reason: "not understood".into() }]);
            }
        },
        other => return Err(vec![FieldError::NotEditable { field: other.as_str() }]),
    })
}

/// A coordinator's shared location as a new location for their centre.
pub fn edit_location(lat: f64, lon: f64) -> Result<CentreEdit, FieldError> {
    parse_location(lat, lon).map(CentreEdit::Location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_comma_is_read_only_where_the_file_uses_it() {
        assert_eq!(parse_number("lat", "50,45", true), Ok(Some(50.45)));
        assert!(parse_number("lat", "50,45", false).is_err());
        assert_eq!(parse_number("lat", " ", false), Ok(None));
        assert!(parse_number("lat", "NaN", false).is_err());
    }

    #[test]
    fn coordinates_come_both_or_neither_and_inside_ukraine() {
        assert_eq!(parse_coordinates("", "", false), Ok(None));
        assert_eq!(parse_coordinates("50.45", "", false), Err(vec![FieldError::HalfALocation]));
        let outside = parse_coordinates("52.23", "21.01", false);
        assert!(matches!(outside.as_ref().map_err(Vec::as_slice), Err([FieldError::OutsideUkraine { .. }])));
        assert_eq!(parse_coordinates("north", "x", false).map_err(|e| e.len()), Err(2));
    }

    #[test]
    fn phones_may_be_separated_by_commas_and_each_bad_one_is_named() {
        let phones = parse_phones("067 955 89 76, (096) 108-53-29;067-955-89-76").expect("valid");
        assert_eq!(phones.len(), 2);
        assert_eq!(parse_phones("12345; 067 955 89 76"), Err(vec![FieldError::Phone { raw: "12345".into() }]));
        assert_eq!(parse_phones(""), Ok(vec![]));
    }

    #[test]
    fn websites_without_a_scheme_get_https_and_nonsense_is_refused() {
        assert_eq!(parse_website("rc.gov.ua/centre"), Ok(Some("https://rc.gov.ua/centre".into())));
        assert_eq!(parse_website("http://x.org"), Ok(Some("http://x.org".into())));
        for bad in ["немає", "javascript:alert(1)", "a b.org", "https://"] {
            assert!(parse_website(bad).is_err(), "{bad}");
        }
        assert!(parse_email("info@centre.ua").is_ok());
        assert!(parse_email("info@centre").is_err());
    }

    #[test]
    fn a_coordinator_edit_goes_through_the_same_rules_as_an_import() {
        assert_eq!(
            parse_edit(CentreField::OpeningHours, "пн-пт 9-18"),
            Ok(CentreEdit::OpeningHours(Some("Mo-Fr 09:00-18:00".into())))
        );
        assert!(parse_edit(CentreField::OpeningHours, "коли як").is_err());
        assert!(parse_edit(CentreField::Phones, "12345").is_err());
        assert_eq!(parse_edit(CentreField::Email, ""), Ok(CentreEdit::Email(None)));
        assert!(parse_edit(CentreField::NameUk, "x").is_err());
        assert!(edit_location(52.23, 21.01).is_err());
        assert!(parse_text("address_uk", &"a".repeat(301)).is_err());
    }
}
