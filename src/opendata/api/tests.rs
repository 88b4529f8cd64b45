//! Tests of the API's query parsing and conditional requests.

use axum::http::{HeaderMap, HeaderValue, header};

use super::is_not_modified;
use super::query::{DEFAULT_PER_PAGE, ListQuery};
use crate::opendata::error::ApiError;
use crate::opendata::page::PageRequest;

fn params(query: &[(&str, &str)]) -> Vec<(String, String)> {
    query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn a_listing_query_defaults_to_the_first_page_of_fifty() {
    let query = ListQuery::parse(&[]).expect("valid");
    assert_eq!(query.page, PageRequest { page: 1, per_page: DEFAULT_PER_PAGE });
    assert!(!query.full);
    let query = ListQuery::parse(&params(&[("page", "3"), ("per_page", "500"), ("full", "true")])).expect("valid");
    assert_eq!(query.page, PageRequest { page: 3, per_page: 500 });
    assert!(query.full);
}

#[test]
fn bad_paging_is_refused_with_the_parameter_named() {
    for bad in [
        vec![("page", "0")],
        vec![("page", "-1")],
        vec![("page", "abc")],
        vec![("page", "1.5")],
        vec![("page", "99999999999999999999999")],
        vec![("per_page", "0")],
        vec![("per_page", "501")],
        vec![("page", "1"), ("page", "2")],
        vec![("full", "yes")],
        vec![("format", "ndjson")],
        vec![("organization_id", "not-a-uuid")],
        vec![("search", "Львів")],
    ] {
        let error = ListQuery::parse(&params(&bad)).expect_err("refused");
        let name = bad[0].0;
        assert!(matches!(&error, ApiError::BadRequest(message) if message.contains(name)), "{bad:?}: {error}");
    }
}

#[test]
fn if_none_match_compares_weakly_and_takes_lists_and_a_star() {
    let with = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(value).expect("header"));
        headers
    };
    let etag = "\"hsds-1\"";
    assert!(is_not_modified(&with("\"hsds-1\""), etag));
    assert!(is_not_modified(&with("W/\"hsds-1\""), etag));
    assert!(is_not_modified(&with("\"old\", \"hsds-1\""), etag));
    assert!(is_not_modified(&with("*"), etag));
    assert!(!is_not_modified(&with("\"hsds-2\""), etag));
    assert!(!is_not_modified(&with("hsds-1"), etag));
    assert!(!is_not_modified(&HeaderMap::new(), etag));
}
