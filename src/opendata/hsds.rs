//! The mapping from the directory to HSDS 3.0 objects (Open Referral's
//! Human Services Data Specification, `schema/compiled/*.json` of the `3.0`
//! branch; copies in `tests/hsds-schema/`). The README's "Open data" section
//! has the same mapping as a table.
//!
//! Each centre is a `service` (what it offers), a `location` (where it is)
//! and the `service_at_location` joining them; the organisation that runs
//! the bot is the one `organization`. Text is Ukrainian first, then English
//! after a blank line; names are Ukrainian with the English one as
//! `alternate_name`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::config::Publication;
use super::schedule::{OffsetPeriod, Week};
use super::taxonomy::{Taxonomy, TaxonomyTerm};
use crate::domain::{Centre, Closure};
use crate::i18n::Catalog;

/// HSDS's `service.status` values this mapping uses.
pub const ACTIVE: &str = "active";
pub const TEMPORARILY_CLOSED: &str = "temporarily closed";

/// Everything a record depends on besides its centre.
pub struct Context<'a> {
    pub publication: &'a Publication,
    pub taxonomy: &'a Taxonomy,
    pub catalog: &'a Catalog,
    /// Kyiv's UTC offset for the schedules' times.
    pub period: OffsetPeriod,
    /// What closures are compared with: one ended by then is not shown.
    pub now: DateTime<Utc>,
}

/// One centre with what its records need from the directory.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub centre: &'a Centre,
    /// Its opening hours' weekly rows, if it has hours.
    pub week: Option<&'a Week>,
    /// Its closure, if one is announced (ended or not).
    pub closure: Option<&'a Closure>,
    /// The opening hours as the directory holds them, for the notes.
    pub raw_hours: Option<&'a str>,
}

/// HSDS `organization`.
#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub description: String,
    pub email: &'a str,
    pub website: &'a str,
    pub uri: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organization_identifiers: Vec<OrganizationIdentifier<'a>>,
    /// In `GET /organizations/{id}`: each service's id, name and status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceReference<'a>>>,
}

/// HSDS `organization_identifier`: the publisher's ЄДРПОУ code.
#[derive(Debug, Serialize)]
pub struct OrganizationIdentifier<'a> {
    pub id: Uuid,
    pub organization_id: Uuid,
    /// org-id.guide's code for Ukraine's Unified State Register.
    pub identifier_scheme: &'static str,
    pub identifier_type: &'static str,
    pub identifier: &'a str,
}

/// A service as an organization lists it.
#[derive(Debug, Serialize)]
pub struct ServiceReference<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub status: &'static str,
}

/// HSDS `service`; the nested arrays are left out of list items.
#[derive(Debug, Serialize)]
pub struct Service<'a> {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: &'a str,
    pub alternate_name: &'a str,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<String>,
    pub assured_date: NaiveDate,
    pub organization: Organization<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Phone<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service_areas: Vec<ServiceArea<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute<'a>>,
}

/// HSDS `phone`.
#[derive(Debug, Serialize)]
pub struct Phone<'a> {
    pub id: Uuid,
    pub service_id: Uuid,
    /// E.164, `+380…`.
    pub number: &'a str,
    /// RFC 6350's type.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// HSDS `schedule`: one weekly recurrence (RFC 5545) of one interval.
#[derive(Debug, Serialize)]
pub struct Schedule {
    pub id: Uuid,
    pub service_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// Hours east of UTC in force while the row is valid (HSDS 3.0 types
    /// `timezone` as a number).
    pub timezone: i32,
    pub wkst: &'static str,
    pub freq: &'static str,
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
    pub description: String,
    pub notes: String,
}

/// HSDS `service_area`: the hromada a relocated centre serves.
#[derive(Debug, Serialize)]
pub struct ServiceArea<'a> {
    pub id: Uuid,
    pub service_id: Uuid,
    pub name: &'a str,
    pub description: String,
}

/// HSDS `language`.
#[derive(Debug, Serialize)]
pub struct LanguageRecord {
    pub id: Uuid,
    pub service_id: Uuid,
    pub name: String,
    /// ISO 639-1.
    pub code: &'static str,
}

/// HSDS `attribute`: a taxonomy term applied to a record.
#[derive(Debug, Serialize)]
pub struct Attribute<'a> {
    pub id: Uuid,
    pub link_id: Uuid,
    pub link_entity: &'static str,
    pub taxonomy_term_id: Uuid,
    pub taxonomy_term: TaxonomyTerm<'a>,
}

/// HSDS `service_at_location`'s own fields. A published one also nests its
/// `location`, and its `service` in the `service_at_locations` endpoints; a
/// full service nests its service at location. The snapshot joins these
/// from the parts rendered once (see `snapshot`), so that no centre's
/// location or service is held twice.
#[derive(Debug, Serialize)]
pub struct ServiceAtLocation {
    pub id: Uuid,
    pub service_id: Uuid,
    pub location_id: Uuid,
}

/// HSDS `location`.
#[derive(Debug, Serialize)]
pub struct Location<'a> {
    pub id: Uuid,
    pub location_type: &'static str,
    pub organization_id: Uuid,
    pub name: &'a str,
    pub alternate_name: &'a str,
    pub description: String,
    /// WGS 84 decimal degrees.
    pub latitude: f64,
    pub longitude: f64,
    /// The centre's id in this bot's directory (and its CSV files).
    pub external_identifier: &'a str,
    pub external_identifier_type: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute<'a>>,
}

/// HSDS `address`. Its required parts the directory does not hold (postal
/// code, a town apart from the hromada) are empty strings.
#[derive(Debug, Serialize)]
pub struct Address<'a> {
    pub id: Uuid,
    pub location_id: Uuid,
    pub address_1: &'a str,
    pub city: &'a str,
    pub state_province: &'a str,
    pub postal_code: &'static str,
    pub country: &'static str,
    pub address_type: &'static str,
}

/// How much of a record to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Its own fields (and a service's organization): a list item.
    Summary,
    /// With its arrays: phones, schedules, attributes… (a service's
    /// service at location is joined to it by the snapshot).
    Full,
}

mod build;

pub use build::{
    bilingual, bilingual_inline, closure_text, in_effect, location, location_notes, organization, organization_id,
    service, service_at_location, service_reference, status,
};
