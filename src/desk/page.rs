//! Rendering a page: the person's language (a cookie, Ukrainian by default),
//! the texts of `desk.ftl`, the frame every page shares, and the pages that
//! say no (401, 403, 404, 500), each with the right status.

use std::sync::Arc;

use askama::Template;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::domain::Language;
use crate::i18n::{Catalog, Text};

/// The cookie that keeps the chosen language.
pub const LANGUAGE_COOKIE: &str = "desk_lang";

/// The desk's texts in one language, for templates (`tr.t("desk-title")`).
#[derive(Clone)]
pub struct Tr {
    catalog: Arc<Catalog>,
    pub language: Language,
}

impl Tr {
    pub fn new(catalog: Arc<Catalog>, headers: &HeaderMap) -> Self {
        let language = cookie(headers, LANGUAGE_COOKIE).and_then(Language::parse).unwrap_or_default();
        Self { catalog, language }
    }

    /// A text without arguments.
    pub fn t(&self, id: &'static str) -> String {
        self.catalog.render(self.language, &Text::new(id))
    }

    /// A text with one count.
    pub fn n(&self, id: &'static str, name: &'static str, value: &i64) -> String {
        self.catalog.render(self.language, &Text::new(id).count(name, *value))
    }

    /// A text with one plain value (a selector's key, e.g. `desk-field`'s
    /// `field`).
    pub fn with(&self, id: &'static str, name: &'static str, value: &str) -> String {
        self.catalog.render(self.language, &Text::new(id).plain(name, value))
    }

    /// A text with one plain value named `reason`.
    pub fn reason(&self, id: &'static str, reason: &str) -> String {
        self.catalog.render(self.language, &Text::new(id).plain("reason", reason))
    }

    /// Any text with its arguments.
    pub fn text(&self, text: &Text) -> String {
        self.catalog.render(self.language, text)
    }

    /// "Page 2 of 7".
    pub fn page(&self, page: &usize, pages: &usize) -> String {
        let count = |n: &usize| i64::try_from(*n).unwrap_or(i64::MAX);
        self.catalog
            .render(self.language, &Text::new("desk-page").count("page", count(page)).count("pages", count(pages)))
    }

    /// The other language's code, for the switch.
    pub fn other(&self) -> &'static str {
        match self.language {
            Language::Uk => "en",
            Language::En => "uk",
        }
    }

    pub fn code(&self) -> &'static str {
        self.language.code()
    }
}

/// What the frame of a signed-in page shows.
#[derive(Clone)]
pub struct Chrome {
    pub tr: Tr,
    /// The CSRF token of the session, for the sign-out form; empty when
    /// nobody is signed in (then no navigation is shown).
    pub csrf: String,
    pub operator: bool,
}

/// A page that only says something (a refusal, a confirmation).
#[derive(Template)]
#[template(path = "desk/message.html")]
struct Message {
    chrome: Chrome,
    text: String,
}

/// A page with a status and one sentence.
pub fn message(status: StatusCode, chrome: Chrome, id: &'static str) -> Response {
    let text = chrome.tr.t(id);
    let page = Message { chrome, text };
    (status, html(&page)).into_response()
}

/// Renders a template; a failure (a bug) is logged and answered with 500.
pub fn html(page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => Html(body).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot render a desk page");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// A frame for someone not signed in.
pub fn anonymous(tr: Tr) -> Chrome {
    Chrome { tr, csrf: String::new(), operator: false }
}

/// The 404 page for any other address.
pub async fn not_found(
    axum::extract::State(state): axum::extract::State<super::state::DeskState>,
    headers: HeaderMap,
) -> Response {
    message(StatusCode::NOT_FOUND, anonymous(Tr::new(state.catalog.clone(), &headers)), "desk-not-found")
}

/// The policy of every page: no scripts and nothing loaded from elsewhere.
const NO_SCRIPTS: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; \
                          frame-ancestors 'none'; base-uri 'none'";

/// The policy of a centre's page, the one page that uses htmx: scripts from
/// the desk itself, and htmx may only ask the desk.
const DESK_SCRIPTS: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; \
                            img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A page that runs the desk's own htmx (a centre's page): every other page
/// keeps [`NO_SCRIPTS`], so an escaping slip there could not load it.
pub fn with_desk_scripts(mut response: Response) -> Response {
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DESK_SCRIPTS));
    response
}

/// Headers on every desk answer: no framing (clickjacking), no scripts (but
/// where a page allowed the desk's own, [`with_desk_scripts`]), forms only
/// to the desk itself, no caching of pages that show people's data (but
/// where an answer said otherwise: the vendored script), no referrer
/// leaking sign-in links.
pub async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(NO_SCRIPTS));
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_among_several_headers_and_pairs() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; desk_lang=en"));
        headers.append(header::COOKIE, HeaderValue::from_static("desk_session=abc"));
        assert_eq!(cookie(&headers, "desk_lang"), Some("en"));
        assert_eq!(cookie(&headers, "desk_session"), Some("abc"));
        assert_eq!(cookie(&headers, "lang"), None);
    }
}
