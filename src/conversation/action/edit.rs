//! The buttons of a coordinator's edit of their centre's card, as button
//! data. Every button names its centre and field, and those inside an edit
//! also the step (`rev`) they were shown at, so that a stale or repeated tap
//! can be told apart from the step on screen and is never applied to it.

use super::Action;
use crate::domain::weekly_hours::DAY_RANGES;
use crate::domain::{CentreField, CentreId};

/// The largest step number carried (six digits keep the data within 64
/// bytes with the longest centre id).
pub const MAX_REV: u32 = 999_999;

/// A tap in the opening hours picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Open the picker.
    Start,
    /// The days (one of `weekly_hours::DAY_RANGES`).
    Days(String),
    /// Opens at this hour.
    Opens(u8),
    /// Closes at this hour.
    Closes(u8),
    /// A one-hour break from this hour, or none.
    Pause(Option<u8>),
}

/// The short name of an editable field in button data.
pub(super) fn field_code(field: CentreField) -> &'static str {
    match field {
        CentreField::Location => "loc",
        CentreField::AddressUk => "auk",
        CentreField::AddressEn => "aen",
        CentreField::Phones => "tel",
        CentreField::Email => "mail",
        CentreField::Website => "web",
        CentreField::OpeningHours => "hrs",
        // Not editable: never put on a button.
        _ => "-",
    }
}

fn parse_field(code: &str) -> Option<CentreField> {
    CentreField::EDITABLE.into_iter().find(|f| field_code(*f) == code)
}

pub(super) fn pick_code(pick: &Pick) -> String {
    match pick {
        Pick::Start => "s".into(),
        Pick::Days(days) => format!("d{days}"),
        Pick::Opens(hour) => format!("o{hour:02}"),
        Pick::Closes(hour) => format!("c{hour:02}"),
        Pick::Pause(None) => "b-".into(),
        Pick::Pause(Some(hour)) => format!("b{hour:02}"),
    }
}

fn parse_pick(code: &str) -> Option<Pick> {
    let hour = |raw: &str, max: u8| {
        (raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_digit()))
            .then(|| raw.parse().ok())
            .flatten()
            .filter(|h| *h <= max)
    };
    Some(match code.split_at_checked(1)? {
        ("s", "") => Pick::Start,
        ("d", days) if DAY_RANGES.contains(&days) => Pick::Days(days.to_owned()),
        ("o", h) => Pick::Opens(hour(h, 23)?),
        ("c", h) => Pick::Closes(hour(h, 24)?),
        ("b", "-") => Pick::Pause(None),
        ("b", h) => Pick::Pause(Some(hour(h, 23)?)),
        _ => return None,
    })
}

/// A step number: digits only, at most [`MAX_REV`].
fn parse_rev(raw: &str) -> Option<u32> {
    if raw.is_empty() || raw.len() > 6 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok()
}

/// An edit action from its prefix and the rest of the data; `None` when
/// malformed (or not an edit prefix).
pub(super) fn parse(prefix: &str, rest: &str) -> Option<Action> {
    let centre = |raw: &str| CentreId::parse(raw).ok();
    Some(match prefix {
        "ke" => Action::EditCentre(centre(rest)?),
        "kef" => {
            let (field, id) = rest.split_once(':')?;
            Action::EditField { centre: centre(id)?, field: parse_field(field)? }
        }
        "kes" | "kec" | "keh" => {
            let (rev, rest) = rest.split_once(':')?;
            let (what, id) = rest.split_once(':')?;
            let (rev, centre) = (parse_rev(rev)?, centre(id)?);
            match prefix {
                "kes" => Action::EditSave { centre, field: parse_field(what)?, rev },
                "kec" => Action::EditCancel { centre, field: parse_field(what)?, rev },
                _ => Action::EditHours { centre, rev, pick: parse_pick(what)? },
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::action::MAX_ACTION_BYTES;

    #[test]
    fn every_edit_button_round_trips_within_the_callback_limit() {
        let centre = CentreId::parse(&"x".repeat(CentreId::MAX_LEN)).expect("valid id");
        let mut actions = vec![Action::EditCentre(centre.clone())];
        for field in CentreField::EDITABLE {
            actions.push(Action::EditField { centre: centre.clone(), field });
            actions.push(Action::EditSave { centre: centre.clone(), field, rev: MAX_REV });
            actions.push(Action::EditCancel { centre: centre.clone(), field, rev: 0 });
        }
        let picks = [
            Pick::Start,
            Pick::Days("Tu-Sa".into()),
            Pick::Opens(0),
            Pick::Closes(24),
            Pick::Pause(None),
            Pick::Pause(Some(23)),
        ];
        for pick in picks {
            actions.push(Action::EditHours { centre: centre.clone(), rev: MAX_REV, pick });
        }
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= MAX_ACTION_BYTES, "{data}");
            assert_eq!(Action::parse(&data), Some(action), "{data}");
        }
    }

    #[test]
    fn forged_or_malformed_edit_data_is_refused() {
        for data in [
            "ke:",
            "ke:a/b",
            "kef:name:c1",
            "kef:-:c1",
            "kef:loc",
            "kes:1:loc",
            "kes:x:loc:c1",
            "kes:-1:loc:c1",
            "kes:1234567:loc:c1",
            "kes:1:sample:c1",
            "kec::web:c1",
            "keh:1:dMo-We:c1",
            "keh:1:o24:c1",
            "keh:1:c25:c1",
            "keh:1:o9:c1",
            "keh:1:b+1:c1",
            "keh:1:s:",
            "keh:1:x:c1",
        ] {
            assert_eq!(Action::parse(data), None, "{data:?}");
        }
    }
}
