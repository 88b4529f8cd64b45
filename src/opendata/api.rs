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
use uuid::Uuid;

use super::config::OpenDataConfig;
use super::hsds;
use super::limit::{self, ClientLimit};
use super::snapshot::{Listing, PageRequest, Snapshot, Sources};
use super::taxonomy::{Taxonomy, TaxonomyError};
use crate::directory::{Directory, SharedDirectory};
use crate::i18n::Catalog;

/// Items per page unless `per_page` says otherwise.
pub const DEFAULT_PER_PAGE: usize = 50;
/// The most items a page holds.
pub const MAX_PER_PAGE: usize = 500;

/// Clients may keep a copy but must ask again (cheaply: 304) before using
/// it, so that a change in the directory reaches them at once.
const CACHE_CONTROL: &str = "public, no-cache";
const JSON: &str = "application/json";
/// RFC 7946 §12.
const GEOJSON: &str = "application/geo+json";

/// HSDS query parameters this API does not implement: refused rather than
/// ignored, since HSDS filters are cumulative and an ignored one would
/// return more than was asked for.
const UNSUPPORTED: [&str; 9] = [
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "modified_after",
    "minimal",
    "postcode",
    "proximity",
    "full_service",
    "profile",
];

/// What every request reads: the directory, and its latest published snapshot.
pub struct Published {
    directory: SharedDirectory,
    sources: Sources,
    current: ArcSwapOption<Snapshot>,
    /// One snapshot is built at a time; requests arriving meanwhile wait for it.
    building: tokio::sync::Mutex<()>,
}

/// A request the API refuses, or could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("no {0} with id {1:?}")]
    NotFound(&'static str, String),
    #[error("the open data could not be prepared")]
    Internal,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(..) => StatusCode::NOT_FOUND,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, error_body(&self.to_string())).into_response()
    }
}

/// `{"error": "…"}` as a JSON response body.
pub fn error_body(message: &str) -> ([(header::HeaderName, HeaderValue); 2], String) {
    let body = serde_json::json!({ "error": message }).to_string();
    ([(header::CONTENT_TYPE, HeaderValue::from_static(JSON)), cors()], body)
}

fn cors() -> (header::HeaderName, HeaderValue) {
    (header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"))
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

/// A listing's query: HSDS's `page` and `per_page`, `full`, `format` (JSON
/// only) and `organization_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery {
    pub page: PageRequest,
    pub full: bool,
    pub organization_id: Option<Uuid>,
}

impl ListQuery {
    pub fn parse(params: &[(String, String)]) -> Result<Self, ApiError> {
        refuse_unsupported(params)?;
        let one = |name: &str| -> Result<Option<&str>, ApiError> {
            let mut values = params.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str());
            let first = values.next();
            if values.next().is_some() {
                return Err(ApiError::BadRequest(format!("{name} is given more than once")));
            }
            Ok(first)
        };
        let page = match one("page")? {
            None => 1,
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| ApiError::BadRequest(format!("page must be a whole number from 1, not {raw:?}")))?,
        };
        let per_page = match one("per_page")? {
            None => DEFAULT_PER_PAGE,
            Some(raw) => raw.parse::<usize>().ok().filter(|n| (1..=MAX_PER_PAGE).contains(n)).ok_or_else(|| {
                ApiError::BadRequest(format!("per_page must be a whole number from 1 to {MAX_PER_PAGE}, not {raw:?}"))
            })?,
        };
        let full = match one("full")? {
            None | Some("false") => false,
            Some("true") => true,
            Some(raw) => return Err(ApiError::BadRequest(format!("full must be true or false, not {raw:?}"))),
        };
        if let Some(format) = one("format")?.filter(|format| *format != "json") {
            return Err(ApiError::BadRequest(format!("format {format:?} is not supported; only json is")));
        }
        let organization_id = match one("organization_id")? {
            None => None,
            Some(raw) => Some(
                parse_id(raw)
                    .ok_or_else(|| ApiError::BadRequest(format!("organization_id must be a UUID, not {raw:?}")))?,
            ),
        };
        Ok(Self { page: PageRequest { page, per_page }, full, organization_id })
    }
}

fn refuse_unsupported(params: &[(String, String)]) -> Result<(), ApiError> {
    match params.iter().find(|(key, _)| UNSUPPORTED.contains(&key.as_str())) {
        Some((key, _)) => Err(ApiError::BadRequest(format!(
            "the {key} parameter is not supported by this API; page through the listing instead"
        ))),
        None => Ok(()),
    }
}

fn parse_id(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &[(&str, &str)]) -> Vec<(String, String)> {
        query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_listing_query_defaults_to_the_first_page_of_fifty() {
        let query = ListQuery::parse(&[]).expect("valid");
        assert_eq!(query.page, PageRequest { page: 1, per_page: DEFAULT_PER_PAGE });
        assert!(!query.full);
        let query = ListQuery::parse(&params(&[("page", "3"), ("per_page", "500"), ("full", "true")])).expect("valid");
        assert_eq!(query.page, PageRequest { page: 3, per_page: 500 });
        assert!(query.full);
    }

    #[test]
    fn bad_paging_is_refused_with_the_parameter_named() {
        for bad in [
            vec![("page", "0")],
            vec![("page", "-1")],
            vec![("page", "abc")],
            vec![("page", "1.5")],
            vec![("page", "99999999999999999999999")],
            vec![("per_page", "0")],
            vec![("per_page", "501")],
            vec![("page", "1"), ("page", "2")],
            vec![("full", "yes")],
            vec![("format", "ndjson")],
            vec![("organization_id", "not-a-uuid")],
            vec![("search", "Львів")],
        ] {
            let error = ListQuery::parse(&params(&bad)).expect_err("refused");
            let name = bad[0].0;
            assert!(matches!(&error, ApiError::BadRequest(message) if message.contains(name)), "{bad:?}: {error}");
        }
    }

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_a_star() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(value).expect("header"));
            headers
        };
        let etag = "\"hsds-1\"";
        assert!(is_not_modified(&with("\"hsds-1\""), etag));
        assert!(is_not_modified(&with("W/\"hsds-1\""), etag));
        assert!(is_not_modified(&with("\"old\", \"hsds-1\""), etag));
        assert!(is_not_modified(&with("*"), etag));
        assert!(!is_not_modified(&with("\"hsds-2\""), etag));
        assert!(!is_not_modified(&with("hsds-1"), etag));
        assert!(!is_not_modified(&HeaderMap::new(), etag));
    }
}
