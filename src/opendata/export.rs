//! `resilience-bot export centres --format hsds|geojson`: the same records
//! the API serves, written to files.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use axum::body::Bytes;
use chrono::{DateTime, Utc};

use super::config::PublicationArgs;
use super::snapshot::{Listing, Snapshot, Sources};
use super::taxonomy::Taxonomy;
use crate::directory::Directory;
use crate::i18n::Catalog;
use crate::startup::{Connected, Database};

/// The open data formats of `export centres`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A directory of HSDS 3.0 JSON files.
    Hsds,
    /// One GeoJSON FeatureCollection.
    Geojson,
}

/// Where `--format hsds` writes without `--output`.
pub const DEFAULT_HSDS_DIR: &str = "hsds";

/// The files of `--format hsds`, each a JSON array of the objects one
/// endpoint of the API returns (`index.json`: the metadata object).
pub const HSDS_FILES: [&str; 4] = ["index.json", "organizations.json", "services.json", "service_at_locations.json"];

/// Reads the directory (with its closures) from the database and writes it.
pub async fn run(
    database: &Database,
    format: Format,
    output: Option<PathBuf>,
    publication: &PublicationArgs,
) -> anyhow::Result<()> {
    let publication = publication.parse()?;
    let connected = Connected::connect(database).await?;
    let loaded = tokio::try_join!(connected.store.centres(), connected.store.closures());
    connected.shutdown().await?;
    let (centres, closures) = loaded?;
    let directory = Arc::new(Directory::new(centres).with_closures(closures));
    let sources = Sources {
        publication: Arc::new(publication),
        taxonomy: Arc::new(Taxonomy::built_in()?),
        catalog: Arc::new(Catalog::load()?),
    };
    match format {
        Format::Hsds => {
            let dir = output.unwrap_or_else(|| PathBuf::from(DEFAULT_HSDS_DIR));
            write_hsds(&directory, sources, Utc::now(), &dir)?;
            println!("wrote {} centres as HSDS 3.0 to {}", directory.len(), dir.display());
        }
        Format::Geojson => {
            let body = geojson(&directory, sources, Utc::now());
            match output {
                Some(path) => write_file(&path, &body)?,
                None => {
                    let mut stdout = std::io::stdout().lock();
                    stdout.write_all(&body)?;
                    stdout.write_all(b"\n")?;
                }
            }
        }
    }
    Ok(())
}

/// Writes [`HSDS_FILES`] into `dir` (created if needed).
pub fn write_hsds(directory: &Arc<Directory>, sources: Sources, now: DateTime<Utc>, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let snapshot = Snapshot::build(directory, sources, now);
    let organizations = vec![snapshot.organization(directory)];
    let services = snapshot.all(directory, Listing::Services { full: true });
    let service_at_locations = snapshot.all(directory, Listing::ServiceAtLocations { full: true });
    write_file(&dir.join("index.json"), &snapshot.metadata())?;
    write_file(&dir.join("organizations.json"), &array(&organizations))?;
    write_file(&dir.join("services.json"), &array(&services))?;
    write_file(&dir.join("service_at_locations.json"), &array(&service_at_locations))?;
    Ok(())
}

/// Every service as HSDS 3.0 JSON (the array `services.json` holds).
pub fn services_json(directory: &Arc<Directory>, sources: Sources, now: DateTime<Utc>) -> Vec<u8> {
    let snapshot = Snapshot::build(directory, sources, now);
    array(&snapshot.all(directory, Listing::Services { full: true }))
}

/// The FeatureCollection.
pub fn geojson(directory: &Arc<Directory>, sources: Sources, now: DateTime<Utc>) -> Bytes {
    Snapshot::build(directory, sources, now).geojson(directory)
}

fn array(items: &[Bytes]) -> Vec<u8> {
    let mut body = Vec::with_capacity(items.iter().map(|item| item.len() + 2).sum::<usize>() + 2);
    body.push(b'[');
    for (i, item) in items.iter().enumerate() {
        body.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        body.extend_from_slice(item);
    }
    body.extend_from_slice(b"\n]");
    body
}

fn write_file(path: &Path, body: &[u8]) -> anyhow::Result<()> {
    let mut file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(body)
        .and_then(|()| file.write_all(b"\n"))
        .with_context(|| format!("cannot write {}", path.display()))
}
