//! The centres file's problems as [`Reason`]s: the English sentence the
//! command line prints (each error's `Display`) with a message key and
//! arguments, so that the desk shows them in the reader's language.

use super::centre_fields::FieldError;
use super::placement::PlacementError;
use crate::csv_table::Reason;
use crate::domain::UKRAINE_BOUNDS;

impl From<&FieldError> for Reason {
    fn from(error: &FieldError) -> Self {
        let english = error.to_string();
        let reason = |key| Reason::new(key, english.clone());
        match error {
            FieldError::NotANumber { field, raw } => {
                reason("import-problem-not-a-number").arg("field", *field).arg("raw", raw.as_str())
            }
            FieldError::HalfALocation => reason("import-problem-half-a-location"),
            FieldError::OutsideUkraine { lat, lon } => reason("import-problem-outside-ukraine")
                .decimal("lat", lat)
                .decimal("lon", lon)
                .decimal("min_lat", UKRAINE_BOUNDS.min_lat)
                .decimal("max_lat", UKRAINE_BOUNDS.max_lat)
                .decimal("min_lon", UKRAINE_BOUNDS.min_lon)
                .decimal("max_lon", UKRAINE_BOUNDS.max_lon),
            FieldError::Phone { raw } => reason("import-problem-phone").arg("raw", raw.as_str()),
            FieldError::Email { raw } => reason("import-problem-email").arg("raw", raw.as_str()),
            FieldError::Website { raw } => reason("import-problem-website").arg("raw", raw.as_str()),
            // The opening_hours parser's own words are English: the CLI prints
            // them (`Display`), the desk says what to write instead.
            FieldError::OpeningHours { raw, reason: why } => {
                reason("import-problem-opening-hours").arg("raw", raw.as_str()).arg("detail", why.as_str())
            }
            FieldError::TooLong { field, max } => {
                reason("import-problem-too-long").arg("field", *field).arg("max", max.to_string())
            }
            FieldError::Service(detail) => reason("import-problem-service").arg("detail", detail.as_str()),
            FieldError::Date { raw } => reason("import-problem-date").arg("raw", raw.as_str()),
            FieldError::FutureDate { raw } => reason("import-problem-future-date").arg("raw", raw.as_str()),
            FieldError::Flag { raw } => reason("import-problem-flag").arg("raw", raw.as_str()),
            FieldError::NotEditable { field } => reason("import-problem-not-editable").arg("field", *field),
        }
    }
}

impl From<&PlacementError> for Reason {
    fn from(error: &PlacementError) -> Self {
        let english = error.to_string();
        let reason = |key| Reason::new(key, english.clone());
        // A key of its own with the closest spellings, so that no message ends in an empty list.
        let keyed = |plain: &'static str, with_closest: &'static str, suggestions: &[String]| {
            let reason = reason(if suggestions.is_empty() { plain } else { with_closest });
            if suggestions.is_empty() { reason } else { reason.arg("closest", suggestions.join(", ")) }
        };
        match error {
            PlacementError::NothingToGoBy => reason("import-problem-nothing-to-go-by"),
            PlacementError::NoOblast(raw) => reason("import-problem-no-oblast").arg("raw", raw.as_str()),
            PlacementError::UnknownOblast { raw, suggestions } => {
                keyed("import-problem-unknown-oblast", "import-problem-unknown-oblast-closest", suggestions)
                    .arg("raw", raw.as_str())
            }
            PlacementError::NotFound { what: "hromada", raw, oblast, suggestions } => {
                keyed("import-problem-no-hromada", "import-problem-no-hromada-closest", suggestions)
                    .arg("raw", raw.as_str())
                    .arg("oblast", oblast.as_str())
            }
            PlacementError::NotFound { raw, oblast, suggestions, .. } => {
                keyed("import-problem-no-settlement", "import-problem-no-settlement-closest", suggestions)
                    .arg("raw", raw.as_str())
                    .arg("oblast", oblast.as_str())
            }
            PlacementError::Ambiguous { raw, oblast } => {
                reason("import-problem-ambiguous").arg("raw", raw.as_str()).arg("oblast", oblast.as_str())
            }
        }
    }
}
