//! The read-only HTTP API: `GET /api/hsds/…` (HSDS 3.0's API reference, its
//! required endpoints and the service-at-location and organization ones)
//! and `GET /api/centres.geojson`. Every response of a directory version
//! carries that version's `ETag`; `If-None-Match` with it is answered 304.

use std::sync::Arc;

use arc_swap::ArcSwapOption;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;

mod query;
#[cfg(test)]
mod tests;

pub use self::query::{DEFAULT_PER_PAGE, ListQuery, MAX_PER_PAGE};
use self::query::{parse_id, refuse_unsupported};
use super::config::OpenDataConfig;
use super::error::{ApiError, JSON, cors};
use super::hsds;
use super::limit::{self, ClientLimit};
use super::snapshot::{Listing, Snapshot, Sources};
use super::taxonomy::{Taxonomy, TaxonomyError};
use crate::directory::{Directory, SharedDirectory};
use crate::i18n::Catalog;

/// Clients may keep a copy but must ask again (cheaply: 304) before using
/// it, so that a change in the directory reaches them at once.
const CACHE_CONTROL: &str = "public, no-cache";
/// RFC 7946 §12.
const GEOJSON: &str = "application/geo+json";

/// What every request reads: the directory, and its latest published snapshot.
pub struct Published {
    directory: SharedDirectory,
    sources: Sources,
    current: ArcSwapOption<Snapshot>,
    /// One snapshot is built at a time; requests arriving meanwhile wait for it.
    building: tokio::sync::Mutex<()>,
}

impl Published {
    pub fn new(directory: SharedDirectory, sources: Sources) -> Self {
        Self { directory, sources, current: ArcSwapOption::empty(), building: tokio::sync::Mutex::new(()) }
    }

    /// The current directory and its snapshot, built now if the directory
    /// changed (or a closure ended, or a day began) since the last one.
    pub async fn snapshot(&self) -> Result<(Arc<Directory>, Arc<Snapshot>), ApiError> {
        let directory = self.directory.current();
        if let Some(snapshot) = self.current.load_full().filter(|s| s.is_current(&directory, Utc::now())) {
            return Ok((directory, snapshot));
        }
        let _building = self.building.lock().await;
        let directory = self.directory.current();
        let now = Utc::now();
        if let Some(snapshot) = self.current.load_full().filter(|s| s.is_current(&directory, now)) {
            return Ok((directory, snapshot));
        }
        let (sources, building) = (self.sources.clone(), directory.clone());
        let started = std::time::Instant::now();
        let snapshot =
            tokio::task::spawn_blocking(move || Snapshot::build(&building, sources, now)).await.map_err(|error| {
                tracing::error!(%error, "building the open data snapshot failed");
                ApiError::Internal
            })?;
        tracing::info!(
            centres = directory.len(),
            etag = snapshot.etag(),
            millis = started.elapsed().as_millis() as u64,
            "open data: published a new directory version"
        );
        let snapshot = Arc::new(snapshot);
        self.current.store(Some(snapshot.clone()));
        Ok((directory, snapshot))
    }
}

/// The open data routes over `directory`, rate-limited per client address.
pub fn router(
    config: OpenDataConfig,
    directory: SharedDirectory,
    catalog: Arc<Catalog>,
) -> Result<Router, TaxonomyError> {
    let sources =
        Sources { publication: Arc::new(config.publication), taxonomy: Arc::new(Taxonomy::built_in()?), catalog };
    let published = Arc::new(Published::new(directory, sources));
    let limit = Arc::new(ClientLimit::new(config.rate));
    Ok(Router::new()
        .route("/api/hsds", get(metadata))
        .route("/api/hsds/", get(metadata))
        .route("/api/hsds/services", get(services))
        .route("/api/hsds/services/{id}", get(service))
        .route("/api/hsds/service_at_locations", get(service_at_locations))
        .route("/api/hsds/service_at_locations/{id}", get(service_at_location))
        .route("/api/hsds/organizations", get(organizations))
        .route("/api/hsds/organizations/{id}", get(organization))
        .route("/api/centres.geojson", get(geojson))
        .with_state(published)
        .layer(axum::middleware::from_fn_with_state(limit, limit::limit)))
}

type Params = Query<Vec<(String, String)>>;

async fn metadata(State(api): State<Arc<Published>>, Query(params): Params, headers: HeaderMap) -> Response {
    respond(async {
        refuse_unsupported(&params)?;
        let (_, snapshot) = api.snapshot().await?;
        Ok(answer(&headers, &snapshot, JSON, || snapshot.metadata()))
    })
    .await
}

async fn services(State(api): State<Arc<Published>>, Query(params): Params, headers: HeaderMap) -> Response {
    listing(api, params, headers, |full| Listing::Services { full }).await
}

async fn service_at_locations(
    State(api): State<Arc<Published>>,
    Query(params): Params,
    headers: HeaderMap,
) -> Response {
    listing(api, params, headers, |full| Listing::ServiceAtLocations { full }).await
}

async fn listing(
    api: Arc<Published>,
    params: Vec<(String, String)>,
    headers: HeaderMap,
    kind: fn(bool) -> Listing,
) -> Response {
    respond(async {
        let query = ListQuery::parse(&params)?;
        let (directory, snapshot) = api.snapshot().await?;
        let ours = query.organization_id.is_none_or(|id| id == hsds::organization_id());
        Ok(answer(&headers, &snapshot, JSON, || {
            if ours {
                snapshot.page(&directory, kind(query.full), query.page)
            } else {
                // Another organization's services: none here.
                snapshot.page(&Directory::empty(), kind(query.full), query.page)
            }
        }))
    })
    .await
}

async fn service(
    State(api): State<Arc<Published>>,
    Path(id): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Response {
    record(api, id, params, headers, Record::Service).await
}

async fn service_at_location(
    State(api): State<Arc<Published>>,
    Path(id): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Response {
    record(api, id, params, headers, Record::ServiceAtLocation).await
}

/// The records served one by one, by id.
#[derive(Debug, Clone, Copy)]
enum Record {
    Service,
    ServiceAtLocation,
}

async fn record(
    api: Arc<Published>,
    id: String,
    params: Vec<(String, String)>,
    headers: HeaderMap,
    kind: Record,
) -> Response {
    respond(async {
        refuse_unsupported(&params)?;
        let (directory, snapshot) = api.snapshot().await?;
        let uuid = parse_id(&id);
        let position = match kind {
            Record::Service => uuid.and_then(|uuid| snapshot.service_position(uuid)),
            Record::ServiceAtLocation => uuid.and_then(|uuid| snapshot.service_at_location_position(uuid)),
        };
        let Some(position) = position else {
            let name = if let Record::Service = kind { "service" } else { "service_at_location" };
            return Err(ApiError::NotFound(name, id));
        };
        Ok(answer(&headers, &snapshot, JSON, || match kind {
            Record::Service => snapshot.service(&directory, position),
            Record::ServiceAtLocation => snapshot.service_at_location(&directory, position),
        }))
    })
    .await
}

async fn organizations(State(api): State<Arc<Published>>, Query(params): Params, headers: HeaderMap) -> Response {
    respond(async {
        let query = ListQuery::parse(&params)?;
        let (_, snapshot) = api.snapshot().await?;
        Ok(answer(&headers, &snapshot, JSON, || snapshot.organizations(query.page)))
    })
    .await
}

async fn organization(
    State(api): State<Arc<Published>>,
    Path(id): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Response {
    respond(async {
        refuse_unsupported(&params)?;
        if parse_id(&id) != Some(hsds::organization_id()) {
            return Err(ApiError::NotFound("organization", id));
        }
        let (directory, snapshot) = api.snapshot().await?;
        // Lists every service: built off the async threads the first time.
        answer_blocking(&headers, snapshot, JSON, move |snapshot| snapshot.organization(&directory)).await
    })
    .await
}

async fn geojson(State(api): State<Arc<Published>>, headers: HeaderMap) -> Response {
    respond(async {
        let (directory, snapshot) = api.snapshot().await?;
        answer_blocking(&headers, snapshot, GEOJSON, move |snapshot| snapshot.geojson(&directory)).await
    })
    .await
}

async fn respond(answer: impl Future<Output = Result<Response, ApiError>>) -> Response {
    answer.await.unwrap_or_else(IntoResponse::into_response)
}

/// 304 when the client holds this version, else the body.
fn answer(
    headers: &HeaderMap,
    snapshot: &Snapshot,
    content_type: &'static str,
    body: impl FnOnce() -> Bytes,
) -> Response {
    if is_not_modified(headers, snapshot.etag()) { not_modified(snapshot) } else { ok(snapshot, content_type, body()) }
}

/// The same for a body that may take long to render the first time (every
/// centre in it): rendered on the blocking threads.
async fn answer_blocking(
    headers: &HeaderMap,
    snapshot: Arc<Snapshot>,
    content_type: &'static str,
    render: impl FnOnce(&Snapshot) -> Bytes + Send + 'static,
) -> Result<Response, ApiError> {
    if is_not_modified(headers, snapshot.etag()) {
        return Ok(not_modified(&snapshot));
    }
    let rendering = snapshot.clone();
    let body = tokio::task::spawn_blocking(move || render(&rendering)).await.map_err(|_| ApiError::Internal)?;
    Ok(ok(&snapshot, content_type, body))
}

fn ok(snapshot: &Snapshot, content_type: &'static str, body: Bytes) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    validators(headers, snapshot);
    response
}

fn not_modified(snapshot: &Snapshot) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    validators(response.headers_mut(), snapshot);
    response
}

fn validators(headers: &mut HeaderMap, snapshot: &Snapshot) {
    if let Ok(etag) = HeaderValue::from_str(snapshot.etag()) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
    let (name, value) = cors();
    headers.insert(name, value);
}

/// RFC 9110 §13.1.2: whether `If-None-Match` names `etag` (weak
/// comparison: a `W/` prefix does not matter) or is `*`.
pub fn is_not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|value| value.to_str().ok()).any(|value| {
        value.split(',').map(str::trim).any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
    })
}
