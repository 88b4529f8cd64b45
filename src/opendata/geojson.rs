//! The centres as a GeoJSON FeatureCollection (RFC 7946): one Point feature
//! per centre, `[longitude, latitude]` in WGS 84, with its main fields.

use axum::body::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::config::Licence;
use super::hsds::{self, Context, Entry};
use super::id::CentreIds;
use crate::i18n::Text;

/// One centre.
#[derive(Debug, Serialize)]
pub struct Feature<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The centre's id in the directory.
    pub id: &'a str,
    pub geometry: Point,
    pub properties: Properties<'a>,
}

/// RFC 7946 §3.1.2: a position is `[longitude, latitude]`.
#[derive(Debug, Serialize)]
pub struct Point {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub coordinates: [f64; 2],
}

/// What the card shows, as data.
#[derive(Debug, Serialize)]
pub struct Properties<'a> {
    pub name_uk: &'a str,
    pub name_en: &'a str,
    pub oblast: Option<&'a str>,
    pub hromada: Option<&'a str>,
    /// For a relocated centre, the hromada it serves.
    pub serves_hromada: Option<&'a str>,
    pub address_uk: Option<&'a str>,
    pub address_en: Option<&'a str>,
    /// E.164 numbers.
    pub phones: Vec<&'a str>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    /// OpenStreetMap `opening_hours` syntax, Kyiv time.
    pub opening_hours: Option<&'a str>,
    /// Tags of the services vocabulary (`data/taxonomy.toml`).
    pub services: Vec<&'static str>,
    pub verified_on: NaiveDate,
    /// HSDS's status: "active" or "temporarily closed".
    pub status: &'static str,
    pub closed_until: Option<DateTime<Utc>>,
    pub closure_reason: Option<&'a str>,
    /// A sample record (the collection's `notice` says what that means).
    pub sample: bool,
    /// The same centre in the HSDS API.
    pub hsds_service_id: Uuid,
}

/// The collection's own members: its type, and as foreign members (RFC
/// 7946 §6.1) the licence, the attribution and, when any feature is sample
/// data, the sample warning.
#[derive(Serialize)]
struct Head<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    license: &'a Licence,
    attribution: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<String>,
}

/// A centre as a feature.
pub fn feature<'a>(ctx: &Context<'_>, entry: Entry<'a>) -> Feature<'a> {
    let centre = entry.centre;
    let closure = hsds::in_effect(ctx, entry);
    Feature {
        kind: "Feature",
        id: centre.id.as_str(),
        geometry: Point { kind: "Point", coordinates: [centre.location.lon(), centre.location.lat()] },
        properties: Properties {
            name_uk: &centre.name_uk,
            name_en: &centre.name_en,
            oblast: centre.oblast.as_deref(),
            hromada: centre.hromada.as_deref(),
            serves_hromada: centre.serves_hromada.as_deref(),
            address_uk: centre.address_uk.as_deref(),
            address_en: centre.address_en.as_deref(),
            phones: centre.phones.iter().map(|p| p.as_e164()).collect(),
            email: centre.email.as_deref(),
            website: centre.website.as_deref(),
            opening_hours: centre.opening_hours.as_deref(),
            services: centre.services.iter().map(|s| s.as_str()).collect(),
            verified_on: centre.verified_on,
            status: hsds::status(ctx, entry),
            closed_until: closure.map(|c| c.until),
            closure_reason: closure.map(|c| c.reason.as_str()),
            sample: centre.sample,
            hsds_service_id: CentreIds::of(&centre.id).service,
        },
    }
}

/// Every entry as one FeatureCollection, written feature by feature;
/// `sample`: whether any of them is sample data.
pub fn collection<'a>(ctx: &Context<'_>, entries: impl Iterator<Item = Entry<'a>>, sample: bool) -> Bytes {
    let mut body = Vec::new();
    let head = Head {
        kind: "FeatureCollection",
        license: &ctx.publication.licence,
        attribution: vec![hsds::bilingual(ctx.catalog, |_| vec![Text::new("opendata-attribution-geonames")])],
        notice: sample.then(|| hsds::bilingual(ctx.catalog, |_| vec![Text::new("opendata-notice-sample")])),
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_writer(&mut body, &head).unwrap_or_default();
    body.pop();
    body.extend_from_slice(b",\"features\":[");
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            body.push(b',');
        }
        serde_json::to_writer(&mut body, &feature(ctx, entry)).unwrap_or_default();
    }
    body.extend_from_slice(b"]}");
    Bytes::from(body)
}
