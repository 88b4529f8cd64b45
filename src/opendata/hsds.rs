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

use chrono::{DateTime, NaiveDate, Timelike as _, Utc};
use chrono_tz::Europe::Kyiv;
use serde::Serialize;
use uuid::Uuid;

use super::config::{Publication, is_email, web_address};
use super::id::{self, CentreIds};
use super::schedule::{OffsetPeriod, Week, WeeklyRow};
use super::taxonomy::{self, Taxonomy, TaxonomyTerm};
use crate::domain::{Centre, Closure, Language};
use crate::i18n::{Arg, Catalog, Text};

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

/// The id of the one organization.
pub fn organization_id() -> Uuid {
    id::derive("organization", "publisher")
}

/// The organization; with `services`, their references (for `/organizations/{id}`).
pub fn organization<'a>(ctx: &'a Context<'_>, services: Option<Vec<ServiceReference<'a>>>) -> Organization<'a> {
    let publisher = &ctx.publication.publisher;
    let organization_id = organization_id();
    let organization_identifiers = publisher
        .edrpou
        .as_deref()
        .map(|code| OrganizationIdentifier {
            id: id::derive("organization_identifier", code),
            organization_id,
            identifier_scheme: "UA-EDR",
            identifier_type: "ЄДРПОУ (EDRPOU)",
            identifier: code,
        })
        .into_iter()
        .collect();
    Organization {
        id: organization_id,
        name: &publisher.name,
        description: bilingual(ctx.catalog, |_| vec![Text::new("opendata-publisher-description")]),
        email: &publisher.email,
        website: &publisher.website,
        uri: &publisher.website,
        organization_identifiers,
        services,
    }
}

/// A service's id, name and status, for an organization's list.
pub fn service_reference<'a>(ctx: &Context<'_>, entry: Entry<'a>) -> ServiceReference<'a> {
    ServiceReference {
        id: CentreIds::of(&entry.centre.id).service,
        name: &entry.centre.name_uk,
        status: status(ctx, entry),
    }
}

/// A centre as an HSDS service.
pub fn service<'a>(ctx: &'a Context<'_>, entry: Entry<'a>, depth: Depth) -> Service<'a> {
    let centre = entry.centre;
    let ids = CentreIds::of(&centre.id);
    let closure = in_effect(ctx, entry);
    let mut service = Service {
        id: ids.service,
        organization_id: organization_id(),
        name: &centre.name_uk,
        alternate_name: &centre.name_en,
        description: service_description(ctx, centre),
        url: centre.website.as_deref().and_then(web_address),
        email: centre.email.as_deref().filter(|email| is_email(email)),
        status: status(ctx, entry),
        alert: closure.map(|closure| bilingual(ctx.catalog, |_| vec![closure_text(closure)])),
        assured_date: centre.verified_on,
        organization: organization(ctx, None),
        phones: Vec::new(),
        schedules: Vec::new(),
        service_areas: Vec::new(),
        languages: Vec::new(),
        attributes: Vec::new(),
    };
    if depth == Depth::Summary {
        return service;
    }
    service.phones = centre
        .phones
        .iter()
        .map(|phone| Phone {
            id: ids.part("phone", phone.as_e164()),
            service_id: ids.service,
            number: phone.as_e164(),
            kind: "voice",
        })
        .collect();
    service.schedules = entry
        .week
        .map(|week| week.rows.iter().map(|row| schedule(ctx, entry, week, row)).collect())
        .unwrap_or_default();
    service.service_areas = centre
        .serves_hromada
        .as_deref()
        .map(|hromada| ServiceArea {
            id: ids.part("service_area", hromada),
            service_id: ids.service,
            name: hromada,
            description: bilingual(ctx.catalog, |_| vec![Text::new("opendata-relocated").plain("hromada", hromada)]),
        })
        .into_iter()
        .collect();
    service.languages = vec![LanguageRecord {
        id: ids.part("language", "uk"),
        service_id: ids.service,
        name: bilingual_inline(ctx.catalog, &Text::new("opendata-language-uk")),
        code: "uk",
    }];
    let services = centre.services.iter().map(|tag| tag.as_str());
    let markers = centre.sample.then_some(taxonomy::SAMPLE_DATA);
    service.attributes = attributes(ctx, ids.service, "service", services.chain(markers));
    service
}

/// A centre's service at its location (its own fields).
pub fn service_at_location(entry: Entry<'_>) -> ServiceAtLocation {
    let ids = CentreIds::of(&entry.centre.id);
    ServiceAtLocation { id: ids.service_at_location, service_id: ids.service, location_id: ids.location }
}

/// A centre as an HSDS location: where it works now (for a relocated
/// centre, not the hromada it serves). A summary leaves out its addresses
/// and attributes.
pub fn location<'a>(ctx: &'a Context<'_>, entry: Entry<'a>, depth: Depth) -> Location<'a> {
    let centre = entry.centre;
    let ids = CentreIds::of(&centre.id);
    let (description, markers) = location_notes(ctx, centre);
    let address_1 = centre.address_uk.as_deref().or(centre.address_en.as_deref());
    let addresses = address_1
        .filter(|_| depth == Depth::Full)
        .map(|address_1| Address {
            id: ids.part("address", "physical"),
            location_id: ids.location,
            address_1,
            city: centre.hromada.as_deref().unwrap_or_default(),
            state_province: centre.oblast.as_deref().unwrap_or_default(),
            postal_code: "",
            country: "UA",
            address_type: "physical",
        })
        .into_iter()
        .collect();
    Location {
        id: ids.location,
        location_type: "physical",
        organization_id: organization_id(),
        name: &centre.name_uk,
        alternate_name: &centre.name_en,
        description,
        latitude: centre.location.lat(),
        longitude: centre.location.lon(),
        external_identifier: centre.id.as_str(),
        external_identifier_type: "resilience-bot centre id",
        addresses,
        attributes: match depth {
            Depth::Full => attributes(ctx, ids.location, "location", markers.into_iter()),
            Depth::Summary => Vec::new(),
        },
    }
}

/// What a location's description says and which record terms it carries:
/// the sample label, the address in each language, the hromada. The one
/// place to say how the point was obtained (an approximate placement gets
/// [`taxonomy::APPROXIMATE_LOCATION`]) once the directory records it.
pub fn location_notes(ctx: &Context<'_>, centre: &Centre) -> (String, Vec<&'static str>) {
    let mut markers = Vec::new();
    if centre.sample {
        markers.push(taxonomy::SAMPLE_DATA);
    }
    let description = bilingual(ctx.catalog, |language| {
        let mut lines = Vec::new();
        if centre.sample {
            lines.push(Text::new("opendata-sample"));
        }
        let address = match language {
            Language::Uk => centre.address_uk.as_deref().or(centre.address_en.as_deref()),
            Language::En => centre.address_en.as_deref().or(centre.address_uk.as_deref()),
        };
        if let Some(address) = address {
            lines.push(Text::new("opendata-address").plain("address", address));
        }
        if let Some(hromada) = &centre.hromada {
            lines.push(Text::new("opendata-hromada").plain("hromada", hromada.as_str()));
        }
        lines
    });
    (description, markers)
}

fn service_description(ctx: &Context<'_>, centre: &Centre) -> String {
    bilingual(ctx.catalog, |language| {
        let mut lines = Vec::new();
        if centre.sample {
            lines.push(Text::new("opendata-sample"));
        }
        lines.push(Text::new("opendata-service-description"));
        // The taxonomy's names are the bot's own labels (a test checks).
        let labels: Vec<&str> = centre
            .services
            .iter()
            .filter_map(|tag| ctx.taxonomy.term(tag.as_str()))
            .map(|term| if language == Language::Uk { term.name_uk.as_str() } else { term.name_en.as_str() })
            .collect();
        if !labels.is_empty() {
            lines.push(Text::new("opendata-service-offers").plain("services", labels.join(", ")));
        }
        lines
    })
}

fn schedule(ctx: &Context<'_>, entry: Entry<'_>, week: &Week, row: &WeeklyRow) -> Schedule {
    let ids = CentreIds::of(&entry.centre.id);
    let period = &ctx.period;
    let days = || {
        row.days
            .iter()
            .map(|day| Text::new("weekday-short").plain("day", day.to_string().to_lowercase()))
            .collect::<Vec<_>>()
    };
    let description = bilingual(ctx.catalog, |_| {
        vec![
            Text::new("opendata-schedule-row")
                .with("days", Arg::List(days()))
                .with("from", clock(row.opens))
                .with("to", clock(row.closes)),
        ]
    });
    let notes = bilingual(ctx.catalog, |_| {
        let offset = i64::from(period.hours);
        let mut lines = vec![match period.last_day {
            Some(until) => {
                Text::new("opendata-schedule-local-time").count("offset", offset).with("until", Arg::Date(until))
            }
            None => Text::new("opendata-schedule-local-time-always").count("offset", offset),
        }];
        if week.has_exceptions {
            let rules = entry.raw_hours.unwrap_or_default();
            lines.push(Text::new("opendata-schedule-exceptions").plain("rules", rules));
        }
        lines
    });
    Schedule {
        id: ids.part("schedule", &format!("{}/{}-{}", row.byday(), row.opens, row.closes)),
        service_id: ids.service,
        valid_from: period.first_day,
        valid_to: period.last_day,
        timezone: period.hours,
        wkst: "MO",
        freq: "WEEKLY",
        byday: row.byday(),
        opens_at: row.opens_at(period),
        closes_at: row.closes_at(period),
        description,
        notes,
    }
}

/// Minutes from midnight as "9:00"; 24:00 stays 24:00, later wraps.
fn clock(minutes: u16) -> Arg {
    let minutes = u32::from(minutes);
    let hour = if minutes == 24 * 60 { 24 } else { (minutes / 60) % 24 };
    Arg::Time { hour, minute: minutes % 60 }
}

fn attributes<'a>(
    ctx: &'a Context<'_>,
    link_id: Uuid,
    link_entity: &'static str,
    codes: impl Iterator<Item = &'a str>,
) -> Vec<Attribute<'a>> {
    codes
        .filter_map(|code| ctx.taxonomy.term(code))
        .map(|term| {
            let taxonomy_term = ctx.taxonomy.hsds_term(term);
            Attribute {
                id: id::derive("attribute", &format!("{link_id}/{}", term.code)),
                link_id,
                link_entity,
                taxonomy_term_id: taxonomy_term.id,
                taxonomy_term,
            }
        })
        .collect()
}

/// "active", or "temporarily closed" while a closure is in effect.
pub fn status(ctx: &Context<'_>, entry: Entry<'_>) -> &'static str {
    if in_effect(ctx, entry).is_some() { TEMPORARILY_CLOSED } else { ACTIVE }
}

/// The centre's closure if it has not ended.
pub fn in_effect<'a>(ctx: &Context<'_>, entry: Entry<'a>) -> Option<&'a Closure> {
    entry.closure.filter(|closure| closure.until > ctx.now)
}

/// "Temporarily closed until 24.11.2026 at 18:00: no power".
pub fn closure_text(closure: &Closure) -> Text {
    let until = closure.until.with_timezone(&Kyiv).naive_local();
    Text::new("opendata-closed")
        .with("date", Arg::Date(until.date()))
        .with("time", Arg::AtTime { hour: until.hour(), minute: until.minute() })
        .plain("reason", closure.reason.as_str())
}

/// Lines in Ukrainian, a blank line, the same in English.
pub fn bilingual(catalog: &Catalog, lines: impl Fn(Language) -> Vec<Text>) -> String {
    [Language::Uk, Language::En]
        .map(|language| {
            lines(language).iter().map(|text| catalog.render(language, text)).collect::<Vec<_>>().join("\n")
        })
        .join("\n\n")
}

/// "українська / Ukrainian": a short text in both languages on one line.
pub fn bilingual_inline(catalog: &Catalog, text: &Text) -> String {
    format!("{} / {}", catalog.render(Language::Uk, text), catalog.render(Language::En, text))
}
