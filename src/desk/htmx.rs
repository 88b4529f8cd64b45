//! htmx (<https://htmx.org>), served from the binary at [`PATH`] so the
//! desk needs no CDN: the hours on a centre's page preview as they are typed
//! or picked. Every page works without it (the preview buttons post the
//! whole form). Vendored file: `vendor/htmx-2.0.11.min.js`, from the npm
//! package `htmx.org` 2.0.11 (`npm pack htmx.org@2.0.11`), SHA-256
//! d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717;
//! licence Zero-Clause BSD (`vendor/htmx-LICENSE`).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The library itself.
const HTMX: &[u8] = include_bytes!("vendor/htmx-2.0.11.min.js");

/// Where it is served: the version is in the name, so browsers may keep it.
pub const PATH: &str = "/htmx-2.0.11.min.js";

/// GET [`PATH`]: the same for everyone, signed in or not (it holds no data),
/// kept by the browser for a year (a new version gets a new name).
pub async fn script() -> Response {
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
    ];
    (headers, HTMX).into_response()
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    #[test]
    fn the_vendored_file_is_the_one_the_docstring_names() {
        let digest = crate::domain::hex(&Sha256::digest(super::HTMX));
        assert_eq!(digest, "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717");
    }
}
