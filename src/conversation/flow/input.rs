//! An update as the flow reads it ([`Input`]): button data parsed once into
//! an [`Action`], and what the step needs loaded from the database.

use crate::conversation::action::{Action, DeskNeeds, Needs};
use crate::conversation::incoming::{Command, Incoming};
use crate::conversation::state::State;

/// An [`Incoming`] update with its button data parsed, once (made only
/// `From` an [`Incoming`], so the two always agree).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub(super) incoming: Incoming,
    /// What the button does, for a button whose data parsed; `None` for
    /// anything else, and for forged, stale or unknown data.
    pub(super) action: Option<Action>,
}

impl From<Incoming> for Input {
    fn from(incoming: Incoming) -> Self {
        let action = match &incoming {
            Incoming::Button(data) => Action::parse(data),
            _ => None,
        };
        Self { incoming, action }
    }
}

impl Input {
    /// The update as the channel gave it.
    pub fn incoming(&self) -> &Incoming {
        &self.incoming
    }

    /// What the button does, for a button whose data parsed.
    pub fn action(&self) -> Option<&Action> {
        self.action.as_ref()
    }

    /// What the step needs loaded from the database in `state`: what the
    /// action needs ([`Action::needs`]); for the coordinators' commands, what
    /// their screens need; for typed text, what the question being answered
    /// needs (a sign-up's groups, a coordinator's desk).
    pub fn needs(&self, state: &State) -> Needs {
        if let Some(action) = &self.action {
            return action.needs();
        }
        match &self.incoming {
            Incoming::Command(Command::Coordinate) => Action::Coordinate.needs(),
            Incoming::Command(Command::Stats) => Action::CoordStats.needs(),
            Incoming::Text(_) => match state {
                State::SigningUp { .. } => Needs::Groups,
                State::SettingCapacity { .. }
                | State::Drafting { .. }
                | State::Composing { .. }
                | State::Closing { .. }
                | State::Announcing { asking_time: true, .. }
                | State::EditingCentre { .. } => Needs::Desk(DeskNeeds::default()),
                _ => Needs::Nothing,
            },
            Incoming::Location { .. } if matches!(state, State::EditingCentre { .. }) => {
                Needs::Desk(DeskNeeds::default())
            }
            _ => Needs::Nothing,
        }
    }
}
