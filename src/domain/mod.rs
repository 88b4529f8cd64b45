//! Plain domain types shared by every layer: no I/O, no platform types.

mod centre;
mod channel_kind;
pub mod checkin_stats;
mod coordinates;
mod hotline;
mod language;
mod person;
mod programme;
pub mod wellbeing;

pub use centre::{
    Centre, CentreId, Closure, ImportedCentre, InvalidCentreId, InvalidPhone, Phone, ServiceTag, UnknownServiceTag,
    is_identifier,
};
pub use channel_kind::ChannelKind;
pub use coordinates::{Bounds, Coordinates, InvalidCoordinates, UKRAINE_BOUNDS};
pub use hotline::{Hotline, HotlineError, Hotlines};
pub use language::Language;
pub use person::Person;
pub use programme::{CohortRow, Programme, ProgrammeError};

/// Lowercase hex, as signatures, derived secrets and code hashes are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
