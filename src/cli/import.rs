//! `import centres`: reads the file, runs the import (see [`crate::import`])
//! and prints its report.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;

use super::Config;
use crate::conversation::Clock;
use crate::directory::Gazetteer;
use crate::domain::{CentreField, ImportOptions};
use crate::import::geocoder::Geocoder;
use crate::import::{self, ImportReport};

/// Imports a centres file and prints what changed (or would change).
/// `geocoder_url` is `Some` with `--geocode`: then GEOCODER_URL must be set.
pub async fn centres(
    config: &Config,
    file: &Path,
    options: ImportOptions,
    geocoder_url: Option<Option<reqwest::Url>>,
) -> anyhow::Result<()> {
    let name = file.display().to_string();
    let format = import::format_of(&name)?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot open {name}"))?;
    let gazetteer = Gazetteer::built_in()?;
    let geocoder = match geocoder_url {
        Some(Some(url)) => Some(Geocoder::new(&url)?),
        Some(None) => anyhow::bail!("--geocode needs GEOCODER_URL (a Nominatim-compatible geocoder's address)"),
        None => None,
    };
    let today = Clock::System.kyiv_now().date();
    let result = config
        .with_store(async |store| {
            Ok(import::import_centres(store, &gazetteer, &bytes, format, today, options, geocoder.as_ref()).await?)
        })
        .await?;
    print!("{}", report(&name, &result));
    Ok(())
}

/// The report as the operator reads it: the counts first (scripts grep
/// them), then each change.
pub fn report(name: &str, report: &ImportReport) -> String {
    let plan = &report.plan;
    let unit = if report.sheet { "row" } else { "line" };
    let mut out = String::new();
    let counts = format!(
        "{} added, {} updated, {} unchanged, {} removed",
        plan.added.len(),
        plan.changed.len(),
        plan.unchanged,
        plan.removed.len()
    );
    let _ = if report.dry_run {
        writeln!(out, "dry run of {name}, nothing was changed; the import would make: {counts}")
    } else {
        writeln!(out, "imported {name}: {counts}")
    };
    section(&mut out, "added", plan.added.iter().map(|(c, line)| format!("{unit} {line}: {} {}", c.id, c.name_uk)));
    section(
        &mut out,
        "changed",
        plan.changed.iter().flat_map(|c| {
            c.changes.iter().map(move |change| {
                format!(
                    "{unit} {}: {} {}: {} → {}",
                    c.line,
                    c.centre.id,
                    change.field.as_str(),
                    shown(&change.old),
                    shown(&change.new)
                )
            })
        }),
    );
    section(&mut out, "removed (--replace)", plan.removed.iter().map(|c| format!("{} {}", c.id, c.name_uk)));
    section(
        &mut out,
        "kept the coordinator's change (--overwrite-edits takes the file's)",
        plan.kept.iter().map(|k| {
            let what = if k.field == CentreField::Location { "location" } else { k.field.as_str() };
            format!("{unit} {}: {} {what}: kept {}, the file has {}", k.line, k.centre, shown(&k.kept), shown(&k.file))
        }),
    );
    section(
        &mut out,
        "approximate placements (people are told to go by the address)",
        report.approximate.iter().map(|a| {
            let place = a.place.as_deref().unwrap_or("?");
            format!("{unit} {}: {} at the centre of its {}: {place}", a.line, a.centre, a.source.as_str())
        }),
    );
    if let Some(geocoding) = &report.geocoding {
        let _ = writeln!(
            out,
            "geocoder: {} asked, {} from the cache, {} placed at their address",
            geocoding.asked,
            geocoding.cached,
            geocoding.used.len()
        );
        let rows = |title: &str, rows: &[(crate::domain::CentreId, u64)], out: &mut String| {
            section(out, title, rows.iter().map(|(id, line)| format!("{unit} {line}: {id}")));
        };
        rows("geocoder found nothing (the settlement placement stands)", &geocoding.not_found, &mut out);
        rows("geocoder's answer outside the row's oblast (not used)", &geocoding.outside_oblast, &mut out);
        section(
            &mut out,
            "geocoder failed (the settlement placement stands)",
            geocoding.failed.iter().map(|(id, line, why)| format!("{unit} {line}: {id}: {why}")),
        );
        if let Some(why) = &geocoding.stopped {
            let _ = writeln!(out, "the geocoder was not asked for the remaining rows: {why}");
        }
    }
    section(
        &mut out,
        "schedules not understood (kept as written; its coordinator can set the hours)",
        report.not_understood.iter().map(|n| format!("{unit} {}: {} {:?}", n.line, n.centre, n.words)),
    );
    out
}

fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}:");
    for line in lines {
        let _ = writeln!(out, "  {line}");
    }
}

fn shown(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("(empty)")
}
