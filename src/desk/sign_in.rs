//! Signing in with a one-time link, signing out, and the language switch.
//!
//! Opening the link shows a button and changes nothing: chat apps fetch links
//! to preview them, and a preview must not use up the link. Pressing the
//! button (a POST) uses it and starts the session.

use std::net::{IpAddr, SocketAddr};

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::page::{self, Chrome, LANGUAGE_COOKIE, Tr};
use super::session::{Signed, cleared_cookie, session_cookie};
use super::state::DeskState;

#[derive(Template)]
#[template(path = "desk/sign_in.html")]
struct Confirm {
    chrome: Chrome,
    token: String,
}

/// A form that changes state: only its CSRF token.
#[derive(serde::Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// GET /sign-in/{token}: the button that signs in.
pub async fn confirm(State(state): State<DeskState>, Path(token): Path<String>, headers: HeaderMap) -> Response {
    let chrome = page::anonymous(Tr::new(state.catalog.clone(), &headers));
    if !is_token(&token) {
        return page::message(StatusCode::NOT_FOUND, chrome, "desk-sign-in-refused");
    }
    page::html(&Confirm { chrome, token })
}

/// POST /sign-in/{token}: uses the link, once, and starts a session.
pub async fn sign_in(State(state): State<DeskState>, Path(token): Path<String>, request: Request) -> Response {
    let chrome = page::anonymous(Tr::new(state.catalog.clone(), request.headers()));
    // Tests calling the router directly have no peer address: they share one.
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let peer = peer.unwrap_or(IpAddr::from([127, 0, 0, 1]));
    if state.too_many_failures(peer) {
        return page::message(StatusCode::TOO_MANY_REQUESTS, chrome, "desk-too-many");
    }
    if from_another_site(request.headers()) {
        return page::message(StatusCode::FORBIDDEN, chrome, "desk-sign-in-refused");
    }
    let signed = if is_token(&token) {
        state.store.sign_in(&token, chrono::Utc::now()).await
    } else {
        Ok(Err(crate::store::LinkRefused::Unknown))
    };
    match signed {
        Ok(Ok(session)) => {
            let mut response = Redirect::to("/").into_response();
            response.headers_mut().insert(header::SET_COOKIE, session_cookie(&session.id, state.secure));
            response
        }
        Ok(Err(refused)) => {
            tracing::info!(?refused, "desk sign-in link refused");
            state.record_failure(peer);
            page::message(StatusCode::FORBIDDEN, chrome, "desk-sign-in-refused")
        }
        Err(error) => {
            tracing::error!(%error, "cannot sign in to the desk");
            page::message(StatusCode::INTERNAL_SERVER_ERROR, chrome, "desk-error")
        }
    }
}

/// POST /sign-out: ends the session (CSRF-checked, like every POST).
pub async fn sign_out(State(state): State<DeskState>, signed: Signed, Form(form): Form<CsrfForm>) -> Response {
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    if let Err(error) = state.store.sign_out_as(&signed.id, &signed.session.person).await {
        tracing::error!(%error, "cannot end a desk session");
        return page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error");
    }
    let chrome = page::anonymous(signed.chrome.tr.clone());
    let mut response = page::message(StatusCode::OK, chrome, "desk-signed-out");
    response.headers_mut().insert(header::SET_COOKIE, cleared_cookie(state.secure));
    response
}

/// GET /language/{uk|en}: remembers the language in a cookie (no state on
/// the server, so no CSRF token) and goes back to the overview.
pub async fn language(State(state): State<DeskState>, Path(code): Path<String>) -> Response {
    let Some(language) = crate::domain::Language::parse(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let secure = if state.secure { "; Secure" } else { "" };
    let cookie = format!("{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", language.code());
    let mut response = Redirect::to("/").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// A link token is 32 lowercase hex digits; anything else is not looked up.
fn is_token(raw: &str) -> bool {
    raw.len() == 32 && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether the browser says the sign-in form was posted by another site
/// (Fetch Metadata, `Sec-Fetch-Site`). The sign-in POST carries no CSRF token
/// (there is no session yet), so without this another site could sign a
/// browser in with a link of its own (login CSRF). The desk's own confirm
/// page posts `same-origin`; a client that sends no such header passes.
fn from_another_site(headers: &axum::http::HeaderMap) -> bool {
    headers.get("sec-fetch-site").is_some_and(|site| site == "cross-site" || site == "same-site")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_32_lowercase_hex_digits_are_tokens() {
        assert!(is_token("0123456789abcdef0123456789abcdef"));
        for bad in ["", "0123456789ABCDEF0123456789abcdef", "0123456789abcdef", "../../etc/passwd"] {
            assert!(!is_token(bad), "{bad}");
        }
    }
}
