//! Where a person is in the conversation ([`State`]), kept as JSON in their
//! row between messages.

use serde::{Deserialize, Serialize};

use chrono::NaiveDateTime;

use crate::domain::{CentreId, Coordinates};

/// Where a person is in the conversation, stored as JSON in their row.
///
/// Holds the least that the next message needs: what was searched only while
/// results are on screen (never a shared location's point), replaced by the
/// next search and dropped by the menu.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum State {
    #[default]
    Idle,
    /// Asked for a location or a place name.
    AwaitingPlace,
    /// Answering the wellbeing check-in whose buttons carry `token`. The
    /// answers are not here: they travel in the buttons until the last one,
    /// so none is stored before.
    CheckingIn { token: String },
    /// A typed name matched several places; these are their codes.
    ChoosingPlace { candidates: Vec<String> },
    /// Signing up for a cohort: asking for the optional first name, then phone.
    /// The name is kept here only until the sign-up is made.
    SigningUp { cohort: String, name: Option<String>, asking_phone: bool },
    /// A coordinator was asked for a group's new capacity.
    SettingCapacity { cohort: String },
    /// A coordinator is creating a group, one answer at a time.
    Drafting { draft: Draft },
    /// Reporting wrong information on a centre's card: the topic, then details.
    Reporting { centre: String, topic: Option<String> },
    /// A coordinator is marking a centre closed: the reason, then until when.
    Closing { centre: String, reason: Option<String> },
    /// A coordinator was asked for a message to a centre's subscribers.
    Composing { centre: String },
    /// A coordinator's message, previewed before it goes: `None` is this
    /// week's schedule; `send_at` a Kyiv local time (or now).
    Announcing { centre: String, body: Option<String>, send_at: Option<NaiveDateTime>, asking_time: bool },
    /// A coordinator is changing one field of a centre's card: asked for the
    /// value, picking hours, or previewing `value` before it is saved. The
    /// step's buttons carry `rev`, which every step of the edit changes, so
    /// a tap on an earlier step's button is answered as stale.
    EditingCentre {
        centre: String,
        /// `CentreField::as_str` of an editable field.
        field: String,
        rev: u32,
        /// The new value, shown in the preview; `None` while asking.
        #[serde(default)]
        value: Option<EditValue>,
        /// The hours picked so far, while the picker is open.
        #[serde(default)]
        picker: Option<HoursPick>,
    },
    /// Nearest centres were shown, `shown` of them so far. The point searched
    /// from is not kept: a typed place is its gazetteer code (a public
    /// point), a shared location only the ids of the centres nearest to it.
    Results {
        /// The gazetteer place searched for, if a place was typed.
        place: Option<String>,
        /// After a shared location: the nearest centres, nearest first.
        #[serde(default)]
        nearest: Vec<CentreId>,
        shown: usize,
    },
}

/// A new value for a field of a centre, kept between the preview and Save:
/// what the coordinator typed (read again by the same rules when saved), or
/// the location they shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EditValue {
    Typed { text: String },
    Location { point: Coordinates },
}

/// Opening hours picked so far: the days, then opening, then closing time
/// (minutes from midnight); the break is the last tap.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HoursPick {
    pub days: Option<String>,
    pub opens: Option<u16>,
    pub closes: Option<u16>,
}

pub use crate::cohort::draft::Draft;

impl State {
    /// Reads a stored state. A state written by an older version that no longer
    /// parses starts the person afresh instead of failing every message.
    pub fn from_json(value: serde_json::Value) -> Self {
        serde_json::from_value(value).unwrap_or_else(|error| {
            // The kind of error only: its message can quote a stored value
            // (a name given while signing up).
            tracing::warn!(category = ?error.classify(), "discarding an unreadable conversation state");
            State::Idle
        })
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_else(|_| serde_json::json!({ "kind": "idle" }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    #[test]
    fn states_round_trip_through_json() {
        let origin = Coordinates::parse(50.45, 30.52).expect("valid");
        for state in [
            State::Idle,
            State::AwaitingPlace,
            State::ChoosingPlace { candidates: vec!["UA23000000000064947".into()] },
            State::Results { place: None, nearest: vec![CentreId::parse("kyiv-1").expect("valid")], shown: 3 },
            State::Results { place: Some("UA23000000000064947".into()), nearest: Vec::new(), shown: 3 },
            State::SettingCapacity { cohort: "g1".into() },
            State::EditingCentre {
                centre: "kyiv-1".into(),
                field: "opening_hours".into(),
                rev: 7,
                value: Some(EditValue::Location { point: origin }),
                picker: Some(HoursPick { days: Some("Mo-Fr".into()), opens: Some(540), closes: None }),
            },
            State::Drafting {
                draft: Draft {
                    centre: "kyiv-1".into(),
                    programme: Some("self-help-plus".into()),
                    first: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).and_then(|d| d.and_hms_opt(18, 0, 0)),
                    sessions: Some(5),
                    minutes: Some(120),
                    capacity: Some(12),
                    language: Some(Language::Uk),
                    online: Some(false),
                },
            },
        ] {
            assert_eq!(State::from_json(state.to_json()), state);
        }
    }

    #[test]
    fn a_stored_search_point_from_before_is_dropped_when_read() {
        let old = serde_json::json!({ "kind": "results", "origin": { "lat": 50.45, "lon": 30.52 }, "place": null, "shown": 3 });
        let read = State::from_json(old);
        assert_eq!(read, State::Results { place: None, nearest: Vec::new(), shown: 3 });
        assert!(!read.to_json().to_string().contains("50.45"));
    }

    #[test]
    fn an_unreadable_stored_state_starts_afresh() {
        assert_eq!(State::from_json(serde_json::json!({ "kind": "from_the_future" })), State::Idle);
        assert_eq!(State::from_json(serde_json::json!("garbage")), State::Idle);
    }
}
