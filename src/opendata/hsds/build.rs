//! Building the HSDS records of a centre and of the organization.

use chrono::Timelike as _;
use chrono_tz::Europe::Kyiv;
use uuid::Uuid;

use crate::domain::{Centre, Closure, Language};
use crate::i18n::{Arg, Catalog, Text};
use crate::opendata::config::{is_email, web_address};
use crate::opendata::id::{self, CentreIds};
use crate::opendata::schedule::{Week, WeeklyRow};
use crate::opendata::taxonomy::{self};
use crate::wording::{approximate_location, clock, place_name};

use super::{
    ACTIVE, Address, Attribute, Context, Depth, Entry, LanguageRecord, Location, Organization, OrganizationIdentifier,
    Phone, Schedule, Service, ServiceArea, ServiceAtLocation, ServiceReference, TEMPORARILY_CLOSED,
};

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
    if centre.location_source.is_approximate() {
        markers.push(taxonomy::APPROXIMATE_LOCATION);
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
            lines.push(Text::new("opendata-hromada").plain("hromada", place_name(hromada, language, None)));
        }
        lines.extend(approximate_location(centre, language, None));
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
