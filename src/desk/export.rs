//! Export: the centres a person may see, as the centres CSV (`import centres`
//! reads it back; `export centres --format csv` writes the same).

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::centres::failed;
use super::page;
use super::session::Signed;
use super::state::DeskState;
use crate::directory::centre_csv;

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
