//! Forms are refused whole when a field's bytes are not UTF-8. axum's `Form`
//! decodes them lossily, so a broken value would be saved as U+FFFD (`�`)
//! in a centre's address or a message; this check answers 400 before any
//! handler reads the form, and nothing changes.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::page::{Tr, anonymous, message};
use super::state::DeskState;

/// The largest form read (the desk's forms are a few kilobytes; uploads are
/// multipart and not read here). axum's own default for `Form` is the same.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// Middleware: a URL-encoded body whose decoded fields are not all UTF-8 gets
/// 400 with a sentence in the reader's language; any other request passes.
pub async fn refuse_broken_text(State(state): State<DeskState>, request: Request, next: Next) -> Response {
    let is_form = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if !decodes_as_utf8(&bytes) {
        let chrome = anonymous(Tr::new(state.catalog.clone(), &parts.headers));
        return message(StatusCode::BAD_REQUEST, chrome, "desk-form-not-utf8");
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Whether every name and value of an `application/x-www-form-urlencoded`
/// body is UTF-8 once percent-decoded (`+` is a space, as in the WHATWG
/// URL standard's form decoding).
fn decodes_as_utf8(body: &[u8]) -> bool {
    body.split(|&byte| byte == b'&').all(|pair| {
        let spaced: Vec<u8> = pair.iter().map(|&byte| if byte == b'+' { b' ' } else { byte }).collect();
        percent_encoding::percent_decode(&spaced).decode_utf8().is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::decodes_as_utf8;

    #[test]
    fn broken_percent_encoded_bytes_are_found_and_ukrainian_passes() {
        assert!(decodes_as_utf8(b"csrf=abc&value=%D0%9A%D0%B8%D1%97%D0%B2+1"));
        assert!(decodes_as_utf8(b""));
        assert!(decodes_as_utf8(b"value=100%25"));
        assert!(!decodes_as_utf8(b"csrf=abc&value=%C0%AF%FF%FE"));
        assert!(!decodes_as_utf8(b"%FF=name"));
        assert!(!decodes_as_utf8(b"value=\xff"));
    }
}
