//! A page's query string (`?page=2&oblast=…`), read as axum's `Query` reads
//! it, except that one that does not parse (`?page=abc`, a hand-edited
//! address) is answered with the desk's own "this address is not right"
//! page, in the person's language, instead of axum's plain English text.

use axum::extract::{FromRequestParts, Query};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;

use super::page;
use super::session::Signed;
use super::state::DeskState;

/// The query string as `T`.
pub struct Asked<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<DeskState> for Asked<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &DeskState) -> Result<Self, Self::Rejection> {
        match Query::<T>::try_from_uri(&parts.uri) {
            Ok(Query(asked)) => Ok(Self(asked)),
            // Worded for whoever asked: signed in, or the sign-in page.
            Err(_) => {
                let signed = Signed::from_request_parts(parts, state).await?;
                Err(page::message(StatusCode::BAD_REQUEST, signed.chrome, "desk-bad-address"))
            }
        }
    }
}
