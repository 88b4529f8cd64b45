//! Plain domain types shared by every layer: no I/O, no platform types.

pub mod bot_link;
mod centre;
mod centre_change;
mod channel_kind;
pub mod checkin_stats;
mod coordinates;
mod hotline;
mod import_plan;
mod language;
mod person;
mod programme;
pub mod tally;
pub mod weekly_hours;
pub mod wellbeing;

pub use bot_link::BotLinks;
pub use centre::{
    Centre, CentreId, Closure, ImportedCentre, InvalidCentreId, InvalidPhone, LocationSource, Phone, ServiceTag,
    UnknownLocationSource, UnknownServiceTag, is_identifier,
};
pub use centre_change::{CentreEdit, CentreField};
pub use channel_kind::ChannelKind;
pub use coordinates::{Bounds, Coordinates, InvalidCoordinates, UKRAINE_BOUNDS};
pub use hotline::{Hotline, HotlineError, Hotlines};
pub use import_plan::{ChangedCentre, FieldChange, ImportOptions, ImportPlan, KeptEdit};
pub use language::Language;
pub use person::Person;
pub use programme::{CohortRow, Programme, ProgrammeError};

/// Lowercase hex, as signatures, derived secrets and code hashes are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The operator desk's sign-in address for a one-time token under the desk's
/// public base address (`DESK_URL`); the bot and the command line both send it.
pub fn desk_sign_in_url(base: &str, token: &str) -> String {
    format!("{}/sign-in/{token}", base.trim_end_matches('/'))
}
