//! Open data: the directory published for other services to reuse, as
//! Open Referral's Human Services Data Specification (HSDS) 3.0 and as
//! GeoJSON (RFC 7946), by a read-only HTTP API on `serve`'s listener and by
//! `export centres --format hsds|geojson`. An edge beside the channels: it
//! reads the directory and never the conversation.
//!
//! # Layout
//!
//! - [`hsds`]: the mapping from a centre to HSDS objects; [`schedule`]: its
//!   opening hours as RFC 5545 weekly rows; [`taxonomy`]: the published term
//!   list (`data/taxonomy.toml`); [`id`]: stable UUIDv5 ids.
//! - [`geojson`]: the FeatureCollection.
//! - [`snapshot`]: one directory version as published (records rendered
//!   once), its ETag from [`fingerprint`], its bodies from [`page`];
//!   [`api`]: the routes, paging (`api/query.rs`) and `If-None-Match`, with
//!   a rate limit per client address and [`error`]'s JSON errors;
//!   [`export`]: the files.
//! - [`config`]: publisher, licence, `OPEN_DATA` and the rate limit.

pub mod api;
pub mod config;
pub mod error;
pub mod export;
pub mod fingerprint;
pub mod geojson;
pub mod hsds;
pub mod id;
mod limit;
pub mod page;
pub mod schedule;
pub mod snapshot;
pub mod taxonomy;

pub use api::router;
pub use config::{OpenDataArgs, OpenDataConfig, Publication, PublicationArgs};
