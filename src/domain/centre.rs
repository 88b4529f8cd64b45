use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Coordinates;

/// A Resilience Centre as the directory knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Centre {
    pub id: CentreId,
    pub name_uk: String,
    pub name_en: String,
    pub location: Coordinates,
    /// Where `location` came from; anything but `Given` and `Coordinator`
    /// may be kilometres from the door, and the bot says so.
    pub location_source: LocationSource,
    pub oblast: Option<String>,
    pub hromada: Option<String>,
    /// The town or village, as the operator's file names it.
    pub settlement: Option<String>,
    pub address_uk: Option<String>,
    pub address_en: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub website: Option<String>,
    /// OpenStreetMap `opening_hours` syntax in Europe/Kyiv time, validated on import.
    pub opening_hours: Option<String>,
    pub services: Vec<ServiceTag>,
    pub notes: Option<String>,
    /// The day a person last confirmed this entry; every card shows it.
    pub verified_on: NaiveDate,
    /// For a centre relocated from occupied territory: the hromada it serves,
    /// while `address_*` and `location` say where it works now.
    pub serves_hromada: Option<String>,
    /// Sample entries are labelled as such wherever they are shown.
    pub sample: bool,
}

/// A centre closed for a while, as its coordinator said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub reason: String,
    pub until: chrono::DateTime<chrono::Utc>,
}

/// How a centre's point was found. Stored as the `location_source` column
/// and exported with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationSource {
    /// The operator's file gave `lat` and `lon`.
    #[default]
    Given,
    /// The centre of its settlement, from the gazetteer (the file gave no
    /// coordinates).
    Settlement,
    /// The administrative centre of its hromada, from the gazetteer (the
    /// settlement was not given, not found, or has no point of its own).
    Hromada,
    /// The optional geocoder found the street address.
    Geocoder,
    /// A coordinator shared the location standing at the door.
    Coordinator,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown location_source {0:?}: one of given, settlement, hromada, geocoder, coordinator")]
pub struct UnknownLocationSource(pub String);

impl LocationSource {
    pub const ALL: [LocationSource; 5] = [
        LocationSource::Given,
        LocationSource::Settlement,
        LocationSource::Hromada,
        LocationSource::Geocoder,
        LocationSource::Coordinator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LocationSource::Given => "given",
            LocationSource::Settlement => "settlement",
            LocationSource::Hromada => "hromada",
            LocationSource::Geocoder => "geocoder",
            LocationSource::Coordinator => "coordinator",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownLocationSource> {
        let raw = raw.trim();
        Self::ALL.into_iter().find(|s| s.as_str() == raw).ok_or_else(|| UnknownLocationSource(raw.to_owned()))
    }

    /// Whether the point stands for a whole settlement or hromada rather
    /// than the centre's door: a card then tells people to go by the address.
    pub fn is_approximate(self) -> bool {
        matches!(self, LocationSource::Settlement | LocationSource::Hromada)
    }
}

/// A centre read from an operator's file, with what the import report says
/// about its row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedCentre {
    pub centre: Centre,
    /// With no `verified_on` the import date is used, unless the row is
    /// unchanged from the stored one, whose date is then kept: re-importing
    /// the same file must not make stale data look freshly verified.
    pub verified_on_given: bool,
    /// The row's line in a CSV file, or its row in a sheet.
    pub line: u64,
    /// The schedule in words when it could not be turned into
    /// `opening_hours`: the centre then keeps it verbatim, as an `unknown`
    /// rule with the words as its comment, until a coordinator sets it.
    pub schedule_not_understood: Option<String>,
}

/// A centre's stable identifier: 1–40 ASCII letters, digits, `-` or `_`, so that
/// it fits in a Telegram callback (64 bytes) and a deep link together with a prefix.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CentreId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a centre id is 1 to 40 characters of a-z, A-Z, 0-9, '-' or '_'")]
pub struct InvalidCentreId;

impl CentreId {
    pub const MAX_LEN: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, InvalidCentreId> {
        if is_identifier(raw) { Ok(Self(raw.to_owned())) } else { Err(InvalidCentreId) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CentreId {
    type Error = InvalidCentreId;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<CentreId> for String {
    fn from(id: CentreId) -> Self {
        id.0
    }
}

impl fmt::Display for CentreId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `raw` is an identifier as operators' files use them for centres,
/// programmes and groups: 1–40 ASCII letters, digits, `-` or `_`, short and
/// plain enough for button data and deep links.
pub fn is_identifier(raw: &str) -> bool {
    (1..=CentreId::MAX_LEN).contains(&raw.len())
        && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A Ukrainian phone number, kept as `+380XXXXXXXXX`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a phone number must be Ukrainian: +380 and 9 digits, or 0 and 9 digits")]
pub struct InvalidPhone;

impl Phone {
    /// Accepts the ways people write Ukrainian numbers: `+380 67 955 89 76`,
    /// `380679558976`, `067-955-89-76`, `(067) 955 89 76`.
    pub fn parse(raw: &str) -> Result<Self, InvalidPhone> {
        let trimmed = raw.trim();
        if trimmed.chars().any(|c| !(c.is_ascii_digit() || " +-().".contains(c))) {
            return Err(InvalidPhone);
        }
        if trimmed.chars().skip(1).any(|c| c == '+') {
            return Err(InvalidPhone);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            12 if digits.starts_with("380") => &digits[3..],
            10 if digits.starts_with('0') => &digits[1..],
            _ => return Err(InvalidPhone),
        };
        if national.starts_with('0') {
            return Err(InvalidPhone);
        }
        Ok(Self(format!("+380{national}")))
    }

    /// `+380679558976`, the form for `tel:` links.
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    /// `+380 67 955 89 76`, the grouping Ukrainians read.
    pub fn display(&self) -> String {
        let d = &self.0[4..];
        format!("+380 {} {} {} {}", &d[0..2], &d[2..5], &d[5..7], &d[7..9])
    }
}

/// The fixed vocabulary of services a centre can list (documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceTag {
    PsychologicalSupport,
    PsychologicalFirstAid,
    SocialWork,
    SupportGroups,
    Parenting,
    ChildrenAndYouth,
    Veterans,
    DisplacedPeople,
    LegalAdvice,
    Online,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown service tag {0:?}")]
pub struct UnknownServiceTag(pub String);

impl ServiceTag {
    pub const ALL: [ServiceTag; 10] = [
        ServiceTag::PsychologicalSupport,
        ServiceTag::PsychologicalFirstAid,
        ServiceTag::SocialWork,
        ServiceTag::SupportGroups,
        ServiceTag::Parenting,
        ServiceTag::ChildrenAndYouth,
        ServiceTag::Veterans,
        ServiceTag::DisplacedPeople,
        ServiceTag::LegalAdvice,
        ServiceTag::Online,
    ];

    /// The tag as written in the CSV and in fluent ids (`service-<tag>`).
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceTag::PsychologicalSupport => "psychological-support",
            ServiceTag::PsychologicalFirstAid => "psychological-first-aid",
            ServiceTag::SocialWork => "social-work",
            ServiceTag::SupportGroups => "support-groups",
            ServiceTag::Parenting => "parenting",
            ServiceTag::ChildrenAndYouth => "children-and-youth",
            ServiceTag::Veterans => "veterans",
            ServiceTag::DisplacedPeople => "displaced-people",
            ServiceTag::LegalAdvice => "legal-advice",
            ServiceTag::Online => "online",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownServiceTag> {
        let raw = raw.trim();
        Self::ALL.into_iter().find(|tag| tag.as_str() == raw).ok_or_else(|| UnknownServiceTag(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_ids_fit_in_callback_data_and_refuse_odd_characters() {
        assert!(CentreId::parse("sample-izmail").is_ok());
        assert!(CentreId::parse("").is_err());
        assert!(CentreId::parse(&"a".repeat(41)).is_err());
        assert!(CentreId::parse("a b").is_err());
        assert!(CentreId::parse("центр").is_err());
        assert!(CentreId::parse("x';DROP TABLE centre;--").is_err());
    }

    #[test]
    fn phones_are_normalised_from_the_ways_people_write_them() {
        for raw in ["+380 67 955 89 76", "380679558976", "067-955-89-76", "(067) 955 89 76"] {
            let phone = Phone::parse(raw).expect(raw);
            assert_eq!(phone.as_e164(), "+380679558976");
            assert_eq!(phone.display(), "+380 67 955 89 76");
        }
    }

    #[test]
    fn phones_that_are_not_ukrainian_numbers_are_refused() {
        for raw in ["", "7333", "+48 123 456 789", "067 955 89 7x", "0067955897", "+380+679558976"] {
            assert_eq!(Phone::parse(raw), Err(InvalidPhone), "{raw}");
        }
    }

    #[test]
    fn service_tags_round_trip_and_unknown_ones_are_named() {
        for tag in ServiceTag::ALL {
            assert_eq!(ServiceTag::parse(tag.as_str()), Ok(tag));
        }
        assert_eq!(ServiceTag::parse("yoga"), Err(UnknownServiceTag("yoga".into())));
    }
}
