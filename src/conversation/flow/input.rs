//! An update as the flow reads it ([`Input`]): button data parsed once into
//! an [`Action`], and what the step needs loaded from the database.

use crate::conversation::action::{Action, DeskNeeds, Needs};
use crate::conversation::incoming::{Command, Incoming};
use crate::conversation::state::State;

/// An [`Incoming`] update with its button data parsed (never trusted: data
/// that does not parse is [`Input::StaleButton`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// `/start`, possibly with a deep-link payload.
    Start {
        payload: Option<String>,
    },
    Command(Command),
    Text(String),
    /// A shared location, not yet validated.
    Location {
        lat: f64,
        lon: f64,
    },
    /// A button whose data parsed.
    Action(Action),
    /// Button data that is forged, stale or unknown.
    StaleButton,
    Contact,
    Unsupported,
}

impl From<Incoming> for Input {
    fn from(incoming: Incoming) -> Self {
        match incoming {
            Incoming::Start { payload } => Input::Start { payload },
            Incoming::Command(command) => Input::Command(command),
            Incoming::Text(text) => Input::Text(text),
            Incoming::Location { lat, lon } => Input::Location { lat, lon },
            Incoming::Button(data) => Action::parse(&data).map_or(Input::StaleButton, Input::Action),
            Incoming::Contact => Input::Contact,
            Incoming::Unsupported => Input::Unsupported,
        }
    }
}

impl Input {
    /// What the step needs loaded from the database in `state`: what the
    /// action needs ([`Action::needs`]); for the coordinators' commands, what
    /// their screens need; for typed text, what the question being answered
    /// needs (a sign-up's groups, a coordinator's desk).
    pub fn needs(&self, state: &State) -> Needs {
        match self {
            Input::Action(action) => action.needs(),
            Input::Command(Command::Coordinate) => Action::Coordinate.needs(),
            Input::Command(Command::Stats) => Action::CoordStats.needs(),
            Input::Text(_) => match state {
                State::SigningUp { .. } => Needs::Groups,
                State::SettingCapacity { .. }
                | State::Drafting { .. }
                | State::Composing { .. }
                | State::Closing { .. }
                | State::Announcing { asking_time: true, .. } => Needs::Desk(DeskNeeds::default()),
                _ => Needs::Nothing,
            },
            _ => Needs::Nothing,
        }
    }
}
