//! What a request to a centre's groups or messages is about: the centre (if
//! the person's role reaches it) and one of its groups, refused the same way
//! on every route; and the names and times those pages show.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDateTime;
use chrono_tz::Europe::Kyiv;

use super::centres::failed;
use super::page;
use super::session::Signed;
use super::state::DeskState;
use crate::domain::{Centre, CentreId, Language};
use crate::store::CohortView;

/// Kyiv's local time now.
pub(super) fn kyiv_now() -> NaiveDateTime {
    chrono::Utc::now().with_timezone(&Kyiv).naive_local()
}

/// The centre a page is about, if the person's role reaches it: 403 for a
/// centre it does not reach, whether that exists or not; 404 for none.
pub(super) async fn reach(state: &DeskState, signed: &Signed, id: &str) -> Result<Centre, Response> {
    if !signed.session.role.reaches(id) {
        return Err(signed.forbidden());
    }
    let not_found = || page::message(StatusCode::NOT_FOUND, signed.chrome.clone(), "desk-not-found");
    let Ok(id) = CentreId::parse(id) else { return Err(not_found()) };
    // One row, not the whole table: loading 100,000 centres took 350 ms.
    match state.store.centre(&id).await {
        Ok(centre) => centre.ok_or_else(not_found),
        Err(error) => Err(failed(signed.chrome.clone(), &error)),
    }
}

/// [`reach`] for a form: the session's CSRF token is checked first (403
/// without it), then the centre.
pub(super) async fn reach_posted(state: &DeskState, signed: &Signed, csrf: &str, id: &str) -> Result<Centre, Response> {
    if !signed.csrf_matches(csrf) {
        return Err(signed.csrf_refused());
    }
    reach(state, signed, id).await
}

/// A group of this centre (cancelled or not), or 404.
pub(super) async fn cohort_at(
    state: &DeskState,
    signed: &Signed,
    centre: &Centre,
    cohort: &str,
) -> Result<CohortView, Response> {
    match state.store.cohort(cohort).await {
        Ok(Some(found)) if found.centre == centre.id.as_str() => Ok(found),
        Ok(_) => Err(page::message(StatusCode::NOT_FOUND, signed.chrome.clone(), "desk-not-found")),
        Err(error) => Err(failed(signed.chrome.clone(), &error)),
    }
}

/// A centre's name in the desk's language.
pub(super) fn name_in(centre: &Centre, language: Language) -> String {
    match language {
        Language::Uk => centre.name_uk.clone(),
        Language::En => centre.name_en.clone(),
    }
}
