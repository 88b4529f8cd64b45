//! Export: the centres a person may see, as the centres CSV (`import centres`
//! reads it back; `export centres --format csv` writes the same); and, when
//! `serve` publishes open data, every centre as HSDS 3.0 services JSON and
//! as GeoJSON (`export centres --format hsds|geojson` writes the same).

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::centres::failed;
use super::page;
use super::session::Signed;
use super::state::DeskState;
use std::sync::Arc;

use crate::directory::centre_csv;
use crate::i18n::Catalog;
use crate::opendata::export;
use crate::opendata::snapshot::Sources;
use crate::opendata::taxonomy::Taxonomy;

/// GET /export/centres.csv.
pub async fn centres_csv(State(state): State<DeskState>, signed: Signed) -> Response {
    let centres = match state.store.centres().await {
        Ok(centres) => centres,
        Err(error) => return failed(signed.chrome, &error),
    };
    let visible: Vec<_> = centres.into_iter().filter(|c| signed.session.role.reaches(c.id.as_str())).collect();
    let mut body = Vec::new();
    if let Err(error) = centre_csv::write(&mut body, &visible) {
        tracing::error!(%error, "cannot write the centres CSV");
        return page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error");
    }
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"centres.csv\"")),
    ];
    (headers, body).into_response()
}

/// Which open data file.
#[derive(Clone, Copy)]
enum OpenData {
    Services,
    Geojson,
}

/// GET /export/services.json: every centre as HSDS 3.0 services.
pub async fn services_json(State(state): State<DeskState>, signed: Signed) -> Response {
    open_data(&state, signed, OpenData::Services).await
}

/// GET /export/centres.geojson: every centre as a GeoJSON FeatureCollection.
pub async fn centres_geojson(State(state): State<DeskState>, signed: Signed) -> Response {
    open_data(&state, signed, OpenData::Geojson).await
}

/// The open data is every centre and public: operators download it;
/// coordinators see their centres as CSV instead.
async fn open_data(state: &DeskState, signed: Signed, which: OpenData) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    let Some(publication) = state.publication.clone() else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-export-no-open-data");
    };
    let directory = match state.directory().await {
        Ok(directory) => directory,
        Err(error) => return failed(signed.chrome, &error),
    };
    let sources = match (Taxonomy::built_in(), Catalog::load()) {
        (Ok(taxonomy), Ok(catalog)) => {
            Sources { publication, taxonomy: Arc::new(taxonomy), catalog: Arc::new(catalog) }
        }
        _ => return page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error"),
    };
    let now = chrono::Utc::now();
    let (body, kind, name) = match which {
        OpenData::Services => (export::services_json(&directory, sources, now), "application/json", "services.json"),
        OpenData::Geojson => {
            (export::geojson(&directory, sources, now).to_vec(), "application/geo+json", "centres.geojson")
        }
    };
    let disposition = format!("attachment; filename=\"{name}\"");
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
        ),
    ];
    (headers, body).into_response()
}
