//! Who is asking: the session cookie, looked up (and its role read) in the
//! database on every request, the cookie's flags, and the CSRF token every
//! state-changing form carries.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use subtle::ConstantTimeEq;

use super::page::{self, Chrome, Tr};
use super::state::DeskState;
use crate::store::{DeskRole, DeskSession, SESSION_MAX};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "desk_session";

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(id: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = SESSION_MAX.num_seconds();
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={id}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("desk_session=; Max-Age=0"))
}

/// The `Set-Cookie` value that ends it in the browser.
pub fn cleared_cookie(secure: bool) -> HeaderValue {
    if secure {
        HeaderValue::from_static("desk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure")
    } else {
        HeaderValue::from_static("desk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
    }
}

/// A signed-in request: the session (role read from the database just now)
/// and the page frame in the person's language.
pub struct Signed {
    pub session: DeskSession,
    /// The raw session id, for signing out.
    pub id: String,
    pub chrome: Chrome,
}

impl Signed {
    /// Whether the person is an operator (every centre, the audit log).
    pub fn is_operator(&self) -> bool {
        self.session.role == DeskRole::Operator
    }

    pub fn forbidden(&self) -> Response {
        page::message(StatusCode::FORBIDDEN, self.chrome.clone(), "desk-forbidden")
    }

    /// Whether a submitted form carries this session's CSRF token.
    pub fn csrf_matches(&self, submitted: &str) -> bool {
        bool::from(self.session.csrf.as_bytes().ct_eq(submitted.as_bytes()))
    }

    /// 403 for a form without the right CSRF token.
    pub fn csrf_refused(&self) -> Response {
        page::message(StatusCode::FORBIDDEN, self.chrome.clone(), "desk-csrf")
    }
}

impl FromRequestParts<DeskState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &DeskState) -> Result<Self, Self::Rejection> {
        let tr = Tr::new(state.catalog.clone(), &parts.headers);
        let unsigned = |tr: Tr| page::message(StatusCode::UNAUTHORIZED, page::anonymous(tr), "desk-sign-in-needed");
        let Some(id) = page::cookie(&parts.headers, SESSION_COOKIE).filter(|id| !id.is_empty()) else {
            return Err(unsigned(tr));
        };
        match state.store.desk_session(id, chrono::Utc::now()).await {
            Ok(Some(session)) => {
                let chrome = Chrome { tr, csrf: session.csrf.clone(), operator: session.role == DeskRole::Operator };
                Ok(Self { session, id: id.to_owned(), chrome })
            }
            Ok(None) => Err(unsigned(tr)),
            Err(error) => {
                tracing::error!(%error, "cannot read a desk session");
                Err(page::message(StatusCode::INTERNAL_SERVER_ERROR, page::anonymous(tr), "desk-error"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_http_only_strict_and_secure_when_asked() {
        let cookie = session_cookie("abc", true);
        let cookie = cookie.to_str().unwrap();
        for flag in ["desk_session=abc", "HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
            assert!(cookie.contains(flag), "{cookie}");
        }
        assert!(!session_cookie("abc", false).to_str().unwrap().contains("Secure"));
    }
}
