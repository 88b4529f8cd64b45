//! A listing's query string, parsed strictly: HSDS's paging, `full`,
//! `format` and `organization_id`, and its filters this API refuses.

use uuid::Uuid;

use super::super::error::ApiError;
use super::super::page::PageRequest;

/// Items per page unless `per_page` says otherwise.
pub const DEFAULT_PER_PAGE: usize = 50;
/// The most items a page holds.
pub const MAX_PER_PAGE: usize = 500;

/// HSDS query parameters this API does not implement: refused rather than
/// ignored, since HSDS filters are cumulative and an ignored one would
/// return more than was asked for.
const UNSUPPORTED: [&str; 9] = [
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "modified_after",
    "minimal",
    "postcode",
    "proximity",
    "full_service",
    "profile",
];

/// A listing's query: HSDS's `page` and `per_page`, `full`, `format` (JSON
/// only) and `organization_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery {
    pub page: PageRequest,
    pub full: bool,
    pub organization_id: Option<Uuid>,
}

impl ListQuery {
    pub fn parse(params: &[(String, String)]) -> Result<Self, ApiError> {
        refuse_unsupported(params)?;
        let one = |name: &str| -> Result<Option<&str>, ApiError> {
            let mut values = params.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str());
            let first = values.next();
            if values.next().is_some() {
                return Err(ApiError::BadRequest(format!("{name} is given more than once")));
            }
            Ok(first)
        };
        let page = match one("page")? {
            None => 1,
            Some(raw) => raw
                .parse::<usize>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| ApiError::BadRequest(format!("page must be a whole number from 1, not {raw:?}")))?,
        };
        let per_page = match one("per_page")? {
            None => DEFAULT_PER_PAGE,
            Some(raw) => raw.parse::<usize>().ok().filter(|n| (1..=MAX_PER_PAGE).contains(n)).ok_or_else(|| {
                ApiError::BadRequest(format!("per_page must be a whole number from 1 to {MAX_PER_PAGE}, not {raw:?}"))
            })?,
        };
        let full = match one("full")? {
            None | Some("false") => false,
            Some("true") => true,
            Some(raw) => return Err(ApiError::BadRequest(format!("full must be true or false, not {raw:?}"))),
        };
        if let Some(format) = one("format")?.filter(|format| *format != "json") {
            return Err(ApiError::BadRequest(format!("format {format:?} is not supported; only json is")));
        }
        let organization_id = match one("organization_id")? {
            None => None,
            Some(raw) => Some(
                parse_id(raw)
                    .ok_or_else(|| ApiError::BadRequest(format!("organization_id must be a UUID, not {raw:?}")))?,
            ),
        };
        Ok(Self { page: PageRequest { page, per_page }, full, organization_id })
    }
}

pub(super) fn refuse_unsupported(params: &[(String, String)]) -> Result<(), ApiError> {
    match params.iter().find(|(key, _)| UNSUPPORTED.contains(&key.as_str())) {
        Some((key, _)) => Err(ApiError::BadRequest(format!(
            "the {key} parameter is not supported by this API; page through the listing instead"
        ))),
        None => Ok(()),
    }
}

pub(super) fn parse_id(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw).ok()
}
