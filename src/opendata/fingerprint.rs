//! The ETag of a published version: a digest of everything its records are
//! made from.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::config::Publication;
use super::schedule::{OffsetPeriod, Week};
use super::taxonomy::Taxonomy;
use crate::directory::Directory;

/// Bumped when the mapping changes, so that ETags change with it.
const MAPPING_VERSION: &str = "hsds-mapping-1";

/// A digest of everything the records of a version are made from: the
/// centres (every field, through `Debug`, so that a field added later
/// counts without anyone listing it here), closures in effect, the
/// schedules' weeks and offset, the publication, the taxonomy and the
/// mapping's version.
pub fn fingerprint(
    directory: &Directory,
    publication: &Publication,
    taxonomy: &Taxonomy,
    weeks: &HashMap<String, Week>,
    period: &OffsetPeriod,
    now: DateTime<Utc>,
) -> String {
    let mut digest = Digester(Sha256::new());
    let _ = write!(digest, "{MAPPING_VERSION}\n{:?}\n{:?}\n{period:?}\n", publication, taxonomy);
    for centre in directory.centres() {
        let closure = directory.closure(&centre.id).filter(|closure| closure.until > now);
        let week = centre.opening_hours.as_deref().and_then(|raw| weeks.get(raw));
        let _ = write!(digest, "{centre:?}\n{closure:?}\n{week:?}\n");
    }
    let hash = digest.0.finalize();
    let hex: String = hash.iter().take(16).map(|byte| format!("{byte:02x}")).collect();
    format!("\"hsds-{hex}\"")
}

/// Feeds formatted text straight into a hash, without a buffer.
struct Digester(Sha256);

impl std::fmt::Write for Digester {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}
