//! One directory version as published: its ETag, its metadata, and each
//! record and page rendered at most once (on first request), so that a page
//! costs a copy of bytes and an unchanged one a comparison of tags.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, Weak};

use axum::body::Bytes;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Kyiv;
use serde::Serialize;
use uuid::Uuid;

use super::config::Publication;
use super::fingerprint::fingerprint;
use super::geojson;
use super::hsds::{self, Context, Depth, Entry};
use super::id::CentreIds;
use super::page::{PageRequest, concat, page_bytes, to_bytes};
use super::schedule::{OffsetPeriod, Week};
use super::taxonomy::Taxonomy;
use crate::directory::Directory;
use crate::i18n::{Catalog, Text};

/// The HSDS version published, and where its API reference is.
pub const HSDS_VERSION: &str = "3.0";
pub const HSDS_PROFILE: &str = "https://github.com/openreferral/specification/tree/3.0/schema";
pub const HSDS_OPENAPI_URL: &str =
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";

/// What the records of one version are made from besides the directory.
#[derive(Clone)]
pub struct Sources {
    pub publication: Arc<Publication>,
    pub taxonomy: Arc<Taxonomy>,
    pub catalog: Arc<Catalog>,
}

/// The kinds of record that are listed page by page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Services { full: bool },
    ServiceAtLocations { full: bool },
}

/// A directory version as published.
pub struct Snapshot {
    /// The version this was built from; weak, so that a snapshot nobody
    /// asked for since a reload does not keep the old directory alive.
    directory: Weak<Directory>,
    /// When the records change with no directory change: the first
    /// announced closure to end, the next Kyiv midnight (the schedules'
    /// week), the next change of Kyiv's UTC offset.
    expires_at: DateTime<Utc>,
    /// The strong validator of every response of this version: a digest of
    /// everything the records are made from.
    etag: String,
    sources: Sources,
    period: OffsetPeriod,
    now: DateTime<Utc>,
    /// Weekly schedule rows by opening hours value (few distinct values).
    weeks: HashMap<String, Week>,
    service_index: HashMap<Uuid, usize>,
    service_at_location_index: HashMap<Uuid, usize>,
    metadata: Bytes,
    sample_records: usize,
    /// Each centre's parts, rendered on first request (directory order);
    /// a service at location and a full service are joined from them.
    services: Vec<OnceLock<Bytes>>,
    services_full: Vec<OnceLock<Bytes>>,
    locations: Vec<OnceLock<Bytes>>,
    locations_full: Vec<OnceLock<Bytes>>,
    organization: OnceLock<Bytes>,
    organization_full: OnceLock<Bytes>,
    geojson: OnceLock<Bytes>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("etag", &self.etag).field("expires_at", &self.expires_at).finish()
    }
}

impl Snapshot {
    /// Prepares `directory` for publishing at `now`; records are rendered
    /// later, when asked for. Linear in the number of centres.
    pub fn build(directory: &Arc<Directory>, sources: Sources, now: DateTime<Utc>) -> Self {
        let today = now.with_timezone(&Kyiv).date_naive();
        let period = OffsetPeriod::at(now);
        let mut weeks: HashMap<String, Week> = HashMap::new();
        for centre in directory.centres() {
            if let (Some(raw), Some((_, Some(hours)))) = (&centre.opening_hours, directory.get(&centre.id))
                && !weeks.contains_key(raw)
            {
                weeks.insert(raw.clone(), Week::of(hours, today));
            }
        }
        let mut service_index = HashMap::with_capacity(directory.len());
        let mut service_at_location_index = HashMap::with_capacity(directory.len());
        for (i, centre) in directory.centres().iter().enumerate() {
            let ids = CentreIds::of(&centre.id);
            service_index.insert(ids.service, i);
            service_at_location_index.insert(ids.service_at_location, i);
        }
        let next_midnight = (today + Duration::days(1))
            .and_hms_opt(0, 0, 0)
            .and_then(|midnight| midnight.and_local_timezone(Kyiv).earliest())
            .map_or(now + Duration::hours(1), |midnight| midnight.with_timezone(&Utc));
        let closures_end = directory
            .centres()
            .iter()
            .filter_map(|c| directory.closure(&c.id))
            .map(|closure| closure.until)
            .filter(|until| *until > now);
        let expires_at = closures_end.chain(period.ends_at).fold(next_midnight, DateTime::min);
        let sample_records = directory.centres().iter().filter(|c| c.sample).count();
        let etag = fingerprint(directory, &sources.publication, &sources.taxonomy, &weeks, &period, now);
        let cells = || (0..directory.len()).map(|_| OnceLock::new()).collect::<Vec<_>>();
        let mut snapshot = Self {
            directory: Arc::downgrade(directory),
            expires_at,
            etag,
            sources,
            period,
            now,
            weeks,
            service_index,
            service_at_location_index,
            metadata: Bytes::new(),
            sample_records,
            services: cells(),
            services_full: cells(),
            locations: cells(),
            locations_full: cells(),
            organization: OnceLock::new(),
            organization_full: OnceLock::new(),
            geojson: OnceLock::new(),
        };
        snapshot.metadata = snapshot.render_metadata(directory.len());
        snapshot
    }

    /// Whether this still publishes `directory` correctly at `now`.
    pub fn is_current(&self, directory: &Arc<Directory>, now: DateTime<Utc>) -> bool {
        std::ptr::eq(self.directory.as_ptr(), Arc::as_ptr(directory)) && now < self.expires_at
    }

    /// `"hsds-…"`, quoted as an `ETag` header is.
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// Centres labelled as sample.
    pub fn sample_records(&self) -> usize {
        self.sample_records
    }

    /// `GET /api/hsds/`: the API's metadata.
    pub fn metadata(&self) -> Bytes {
        self.metadata.clone()
    }

    /// The directory index of a service or service-at-location id.
    pub fn service_position(&self, id: Uuid) -> Option<usize> {
        self.service_index.get(&id).copied()
    }

    pub fn service_at_location_position(&self, id: Uuid) -> Option<usize> {
        self.service_at_location_index.get(&id).copied()
    }

    /// `GET /api/hsds/services/{id}`: the fully nested service, its service
    /// at location and location included.
    pub fn service(&self, directory: &Directory, position: usize) -> Bytes {
        let service = self.part(directory, Part::Service(Depth::Full), position);
        let location = self.part(directory, Part::Location(Depth::Full), position);
        let head = service_at_location_head(self.entry(directory, position));
        let service = service.strip_suffix(b"}").unwrap_or(&service);
        concat(&[service, b",\"service_at_locations\":[", &head, b",\"location\":", &location, b"}]}"])
    }

    /// `GET /api/hsds/service_at_locations/{id}`: the fully nested service at location.
    pub fn service_at_location(&self, directory: &Directory, position: usize) -> Bytes {
        self.joined_service_at_location(directory, position, Depth::Full)
    }

    /// A service at location with its location and service, both at `depth`.
    fn joined_service_at_location(&self, directory: &Directory, position: usize, depth: Depth) -> Bytes {
        let location = self.part(directory, Part::Location(depth), position);
        let service = self.part(directory, Part::Service(depth), position);
        let head = service_at_location_head(self.entry(directory, position));
        concat(&[&head, b",\"location\":", &location, b",\"service\":", &service, b"}"])
    }

    /// One page of a listing, with HSDS's `Page` fields.
    pub fn page(&self, directory: &Directory, listing: Listing, request: PageRequest) -> Bytes {
        let total = directory.len();
        let first = request.page.saturating_sub(1).saturating_mul(request.per_page).min(total);
        let last = first.saturating_add(request.per_page).min(total);
        let items: Vec<Bytes> = (first..last).map(|i| self.item(directory, listing, i)).collect();
        page_bytes(total, request, &items)
    }

    /// `GET /api/hsds/organizations`: the one organization, as a page.
    pub fn organizations(&self, request: PageRequest) -> Bytes {
        let item = self.organization.get_or_init(|| to_bytes(&hsds::organization(&self.context(), None)));
        let items = if request.page == 1 { vec![item.clone()] } else { Vec::new() };
        page_bytes(1, request, &items)
    }

    /// `GET /api/hsds/organizations/{id}`: with its services' ids, names and statuses.
    pub fn organization(&self, directory: &Directory) -> Bytes {
        self.organization_full
            .get_or_init(|| {
                let ctx = self.context();
                let services =
                    (0..directory.len()).map(|i| hsds::service_reference(&ctx, self.entry(directory, i))).collect();
                to_bytes(&hsds::organization(&ctx, Some(services)))
            })
            .clone()
    }

    /// `GET /api/centres.geojson`: every centre as an RFC 7946 FeatureCollection.
    pub fn geojson(&self, directory: &Directory) -> Bytes {
        self.geojson
            .get_or_init(|| {
                let ctx = self.context();
                let entries = (0..directory.len()).map(|i| self.entry(directory, i));
                geojson::collection(&ctx, entries, self.sample_records > 0)
            })
            .clone()
    }

    /// Every record of every kind, rendered (what `export` writes).
    pub fn all(&self, directory: &Directory, listing: Listing) -> Vec<Bytes> {
        (0..directory.len()).map(|i| self.item(directory, listing, i)).collect()
    }

    fn item(&self, directory: &Directory, listing: Listing, position: usize) -> Bytes {
        match listing {
            Listing::Services { full: true } => self.service(directory, position),
            Listing::Services { full: false } => self.part(directory, Part::Service(Depth::Summary), position),
            Listing::ServiceAtLocations { full: true } => self.service_at_location(directory, position),
            Listing::ServiceAtLocations { full: false } => {
                self.joined_service_at_location(directory, position, Depth::Summary)
            }
        }
    }

    /// A centre's service or location, rendered the first time it is asked for.
    fn part(&self, directory: &Directory, part: Part, position: usize) -> Bytes {
        let cells = match part {
            Part::Service(Depth::Summary) => &self.services,
            Part::Service(Depth::Full) => &self.services_full,
            Part::Location(Depth::Summary) => &self.locations,
            Part::Location(Depth::Full) => &self.locations_full,
        };
        // Positions come from this snapshot's own index and length.
        let Some(cell) = cells.get(position) else {
            return Bytes::new();
        };
        cell.get_or_init(|| {
            let ctx = self.context();
            let entry = self.entry(directory, position);
            match part {
                Part::Service(depth) => to_bytes(&hsds::service(&ctx, entry, depth)),
                Part::Location(depth) => to_bytes(&hsds::location(&ctx, entry, depth)),
            }
        })
        .clone()
    }

    fn context(&self) -> Context<'_> {
        Context {
            publication: &self.sources.publication,
            taxonomy: &self.sources.taxonomy,
            catalog: &self.sources.catalog,
            period: self.period,
            now: self.now,
        }
    }

    fn entry<'a>(&'a self, directory: &'a Directory, position: usize) -> Entry<'a> {
        let centre = &directory.centres()[position];
        let raw_hours = centre.opening_hours.as_deref();
        Entry {
            centre,
            week: raw_hours.and_then(|raw| self.weeks.get(raw)),
            closure: directory.closure(&centre.id),
            raw_hours,
        }
    }

    fn render_metadata(&self, total: usize) -> Bytes {
        let catalog = &self.sources.catalog;
        let publication = &self.sources.publication;
        let notice = if self.sample_records > 0 { "opendata-notice-sample" } else { "opendata-notice-real" };
        let metadata = Metadata {
            version: HSDS_VERSION,
            profile: HSDS_PROFILE,
            openapi_url: HSDS_OPENAPI_URL,
            publisher: PublisherMetadata {
                id: hsds::organization_id(),
                name: &publication.publisher.name,
                website: &publication.publisher.website,
                email: &publication.publisher.email,
                configured: publication.publisher.configured,
            },
            license: &publication.licence,
            attribution: vec![hsds::bilingual(catalog, |_| vec![Text::new("opendata-attribution-geonames")])],
            sample: self.sample_records > 0,
            sample_records: self.sample_records,
            notice: hsds::bilingual(catalog, |_| vec![Text::new(notice)]),
            total_services: total,
            taxonomy: &self.sources.taxonomy.detail,
            endpoints: ENDPOINTS,
        };
        to_bytes(&metadata)
    }
}

/// What is rendered and kept per centre.
#[derive(Debug, Clone, Copy)]
enum Part {
    Service(Depth),
    Location(Depth),
}

/// A service at location's own fields, as an unclosed JSON object: the
/// nested objects follow.
fn service_at_location_head(entry: Entry<'_>) -> Vec<u8> {
    let mut head = to_bytes(&hsds::service_at_location(entry)).to_vec();
    head.pop();
    head
}

/// The paths this API answers, listed in its metadata.
const ENDPOINTS: [&str; 8] = [
    "/api/hsds/",
    "/api/hsds/services",
    "/api/hsds/services/{id}",
    "/api/hsds/service_at_locations",
    "/api/hsds/service_at_locations/{id}",
    "/api/hsds/organizations",
    "/api/hsds/organizations/{id}",
    "/api/centres.geojson",
];

/// `GET /api/hsds/`: HSDS's three fields, then this publication's own.
#[derive(Serialize)]
struct Metadata<'a> {
    version: &'static str,
    profile: &'static str,
    openapi_url: &'static str,
    publisher: PublisherMetadata<'a>,
    license: &'a super::config::Licence,
    attribution: Vec<String>,
    /// Whether any record is sample data; each such record says so too.
    sample: bool,
    sample_records: usize,
    notice: String,
    total_services: usize,
    taxonomy: &'a super::taxonomy::TaxonomyDetail,
    endpoints: [&'static str; 8],
}

#[derive(Serialize)]
struct PublisherMetadata<'a> {
    id: Uuid,
    name: &'a str,
    website: &'a str,
    email: &'a str,
    /// False while the sample publisher's details are published.
    configured: bool,
}
