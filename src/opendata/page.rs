//! Bodies as bytes: a record serialised once, and HSDS's `Page` of
//! records (openapi.json, `components/schemas/Page`) assembled from records
//! already serialised, without parsing them again.

use axum::body::Bytes;
use serde::Serialize;

/// A page's position and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// From 1.
    pub page: usize,
    pub per_page: usize,
}

/// HSDS's `Page` fields (openapi.json, `components/schemas/Page`).
#[derive(Serialize)]
struct PageHeader {
    total_items: usize,
    total_pages: usize,
    page_number: usize,
    size: usize,
    first_page: bool,
    last_page: bool,
    empty: bool,
}

/// How many pages `total` items make: at least one, so that page 1 of an
/// empty directory is an empty page rather than past the end.
pub fn total_pages(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

pub fn page_bytes(total: usize, request: PageRequest, items: &[Bytes]) -> Bytes {
    let total_pages = total_pages(total, request.per_page);
    let header = PageHeader {
        total_items: total,
        total_pages,
        page_number: request.page,
        size: items.len(),
        first_page: request.page == 1,
        last_page: request.page >= total_pages,
        empty: items.is_empty(),
    };
    let length: usize = items.iter().map(|item| item.len() + 1).sum();
    let mut body = Vec::with_capacity(length + 200);
    // Serialising a struct of numbers and booleans cannot fail.
    serde_json::to_writer(&mut body, &header).unwrap_or_default();
    body.pop(); // the closing brace: the contents follow
    body.extend_from_slice(b",\"contents\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item);
    }
    body.extend_from_slice(b"]}");
    Bytes::from(body)
}

pub fn to_bytes(value: &impl Serialize) -> Bytes {
    // The records are plain structs of strings, numbers and UUIDs, with no
    // maps with non-string keys: serialising them cannot fail.
    Bytes::from(serde_json::to_vec(value).unwrap_or_default())
}

/// Byte slices joined into one body.
pub fn concat(parts: &[&[u8]]) -> Bytes {
    Bytes::from(parts.concat())
}
