//! Changes to a centre, field by field: what a coordinator may edit, how a
//! field's value is written in the history and in an import's diff.

use super::{Centre, Coordinates, LocationSource, Phone};

/// A field of a centre, as the history and the import diff name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CentreField {
    NameUk,
    NameEn,
    /// The point and where it came from (`location_source`), together.
    Location,
    Oblast,
    Hromada,
    Settlement,
    AddressUk,
    AddressEn,
    Phones,
    Email,
    Website,
    OpeningHours,
    Services,
    Notes,
    ServesHromada,
    Sample,
    VerifiedOn,
}

impl CentreField {
    pub const ALL: [CentreField; 17] = [
        CentreField::NameUk,
        CentreField::NameEn,
        CentreField::Location,
        CentreField::Oblast,
        CentreField::Hromada,
        CentreField::Settlement,
        CentreField::AddressUk,
        CentreField::AddressEn,
        CentreField::Phones,
        CentreField::Email,
        CentreField::Website,
        CentreField::OpeningHours,
        CentreField::Services,
        CentreField::Notes,
        CentreField::ServesHromada,
        CentreField::Sample,
        CentreField::VerifiedOn,
    ];

    /// The fields a centre's coordinator may change (in the bot or the desk).
    pub const EDITABLE: [CentreField; 7] = [
        CentreField::Location,
        CentreField::AddressUk,
        CentreField::AddressEn,
        CentreField::Phones,
        CentreField::Email,
        CentreField::Website,
        CentreField::OpeningHours,
    ];

    /// The name in the history table and the import report (the file's
    /// column name where there is one).
    pub fn as_str(self) -> &'static str {
        match self {
            CentreField::NameUk => "name_uk",
            CentreField::NameEn => "name_en",
            CentreField::Location => "location",
            CentreField::Oblast => "oblast",
            CentreField::Hromada => "hromada",
            CentreField::Settlement => "settlement",
            CentreField::AddressUk => "address_uk",
            CentreField::AddressEn => "address_en",
            CentreField::Phones => "phone",
            CentreField::Email => "email",
            CentreField::Website => "website",
            CentreField::OpeningHours => "opening_hours",
            CentreField::Services => "services",
            CentreField::Notes => "notes",
            CentreField::ServesHromada => "serves_hromada",
            CentreField::Sample => "sample",
            CentreField::VerifiedOn => "verified_on",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    pub fn is_editable(self) -> bool {
        Self::EDITABLE.contains(&self)
    }

    /// The field's value as text (`None` when empty), as the history keeps
    /// it and the diff shows it: a location is `lat,lon (source)`, phones
    /// are `+380…` joined by `;`.
    pub fn value(self, c: &Centre) -> Option<String> {
        let text = |v: &Option<String>| v.clone();
        match self {
            CentreField::NameUk => Some(c.name_uk.clone()),
            CentreField::NameEn => Some(c.name_en.clone()),
            CentreField::Location => Some(location_text(c.location, c.location_source)),
            CentreField::Oblast => text(&c.oblast),
            CentreField::Hromada => text(&c.hromada),
            CentreField::Settlement => text(&c.settlement),
            CentreField::AddressUk => text(&c.address_uk),
            CentreField::AddressEn => text(&c.address_en),
            CentreField::Phones => {
                Some(c.phones.iter().map(Phone::as_e164).collect::<Vec<_>>().join(";")).filter(|s| !s.is_empty())
            }
            CentreField::Email => text(&c.email),
            CentreField::Website => text(&c.website),
            CentreField::OpeningHours => text(&c.opening_hours),
            CentreField::Services => {
                Some(c.services.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(";")).filter(|s| !s.is_empty())
            }
            CentreField::Notes => text(&c.notes),
            CentreField::ServesHromada => text(&c.serves_hromada),
            CentreField::Sample => Some(c.sample.to_string()),
            CentreField::VerifiedOn => Some(c.verified_on.format("%Y-%m-%d").to_string()),
        }
    }

    /// Whether two versions of a centre differ in this field.
    pub fn differs(self, a: &Centre, b: &Centre) -> bool {
        match self {
            // Compared exactly: the text rounds to 5 decimals (about a metre).
            CentreField::Location => a.location != b.location || a.location_source != b.location_source,
            other => other.value(a) != other.value(b),
        }
    }

    /// `to` with this field taken from `from`.
    pub fn copy(self, from: &Centre, to: &mut Centre) {
        match self {
            CentreField::NameUk => to.name_uk.clone_from(&from.name_uk),
            CentreField::NameEn => to.name_en.clone_from(&from.name_en),
            CentreField::Location => {
                to.location = from.location;
                to.location_source = from.location_source;
            }
            CentreField::Oblast => to.oblast.clone_from(&from.oblast),
            CentreField::Hromada => to.hromada.clone_from(&from.hromada),
            CentreField::Settlement => to.settlement.clone_from(&from.settlement),
            CentreField::AddressUk => to.address_uk.clone_from(&from.address_uk),
            CentreField::AddressEn => to.address_en.clone_from(&from.address_en),
            CentreField::Phones => to.phones.clone_from(&from.phones),
            CentreField::Email => to.email.clone_from(&from.email),
            CentreField::Website => to.website.clone_from(&from.website),
            CentreField::OpeningHours => to.opening_hours.clone_from(&from.opening_hours),
            CentreField::Services => to.services.clone_from(&from.services),
            CentreField::Notes => to.notes.clone_from(&from.notes),
            CentreField::ServesHromada => to.serves_hromada.clone_from(&from.serves_hromada),
            CentreField::Sample => to.sample = from.sample,
            CentreField::VerifiedOn => to.verified_on = from.verified_on,
        }
    }
}

fn location_text(point: Coordinates, source: LocationSource) -> String {
    format!("{:.5},{:.5} ({})", point.lat(), point.lon(), source.as_str())
}

/// A coordinator's change to one field of their centre, already validated
/// (by `directory::centre_fields`).
#[derive(Debug, Clone, PartialEq)]
pub enum CentreEdit {
    /// Where they stood at the door; `location_source` becomes `coordinator`.
    Location(Coordinates),
    AddressUk(Option<String>),
    AddressEn(Option<String>),
    Phones(Vec<Phone>),
    Email(Option<String>),
    Website(Option<String>),
    /// An `opening_hours` value, or none.
    OpeningHours(Option<String>),
}

impl CentreEdit {
    pub fn field(&self) -> CentreField {
        match self {
            CentreEdit::Location(_) => CentreField::Location,
            CentreEdit::AddressUk(_) => CentreField::AddressUk,
            CentreEdit::AddressEn(_) => CentreField::AddressEn,
            CentreEdit::Phones(_) => CentreField::Phones,
            CentreEdit::Email(_) => CentreField::Email,
            CentreEdit::Website(_) => CentreField::Website,
            CentreEdit::OpeningHours(_) => CentreField::OpeningHours,
        }
    }

    /// The centre with this change (for a preview of the card, and to store).
    pub fn apply(&self, centre: &Centre) -> Centre {
        let mut changed = centre.clone();
        match self {
            CentreEdit::Location(point) => {
                changed.location = *point;
                changed.location_source = LocationSource::Coordinator;
            }
            CentreEdit::AddressUk(v) => changed.address_uk.clone_from(v),
            CentreEdit::AddressEn(v) => changed.address_en.clone_from(v),
            CentreEdit::Phones(v) => changed.phones.clone_from(v),
            CentreEdit::Email(v) => changed.email.clone_from(v),
            CentreEdit::Website(v) => changed.website.clone_from(v),
            CentreEdit::OpeningHours(v) => changed.opening_hours.clone_from(v),
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_own_name_and_round_trips() {
        for field in CentreField::ALL {
            assert_eq!(CentreField::parse(field.as_str()), Some(field));
        }
        assert!(CentreField::EDITABLE.iter().all(|f| f.is_editable()));
        assert!(!CentreField::NameUk.is_editable());
    }
}
