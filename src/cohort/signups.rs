//! A group's sign-up list as a sheet: one row per person with their number,
//! status, place in the queue, name, phone and when they signed up (Kyiv
//! time). The bot sends it as a CSV file and the desk shows it as a table
//! and serves the same CSV ([`crate::csv_table::write_document`], which
//! defuses formulas), so both list the same people the same way.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Kyiv;

use crate::csv_table::{CsvCell, Document};
use crate::domain::Language;
use crate::i18n::Text;
use crate::store::{CohortView, SignupEntry};
use crate::wording::broadcast::{programme_title, start_date};

/// The header's words (`main.ftl`), in column order.
pub const HEADER: [&str; 6] =
    ["coord-csv-number", "coord-csv-status", "coord-csv-place", "coord-csv-name", "coord-csv-phone", "coord-csv-time"];

/// The sheet of a group's sign-ups (`entries` in the list's order: confirmed,
/// waiting, left), captioned in `language`.
pub fn signup_sheet(cohort: &CohortView, entries: &[SignupEntry], language: Language) -> Document {
    Document {
        file_name: format!("signups-{}.csv", cohort.id),
        header: HEADER.into_iter().map(Text::new).collect(),
        rows: rows(entries),
        caption: Text::new("coord-csv-caption")
            .plain("programme", programme_title(cohort, language))
            .with("date", start_date(cohort)),
    }
}

/// One row per person. The status words come from the locale.
fn rows(entries: &[SignupEntry]) -> Vec<Vec<CsvCell>> {
    let confirmed = entries.iter().filter(|e| e.confirmed).count();
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let (status, place) = if entry.has_left {
                (Text::new("coord-csv-left"), String::new())
            } else if entry.confirmed {
                (Text::new("coord-csv-confirmed"), String::new())
            } else {
                (Text::new("coord-csv-waiting"), (i - confirmed + 1).to_string())
            };
            vec![
                CsvCell::Plain((i + 1).to_string()),
                CsvCell::Text(status),
                CsvCell::Plain(place),
                CsvCell::Plain(csv_name(entry.first_name.as_deref().unwrap_or_default())),
                CsvCell::Plain(entry.phone.clone().unwrap_or_default()),
                CsvCell::Plain(kyiv_timestamp(entry.signed_up_at)),
            ]
        })
        .collect()
}

/// A name as the sheet holds it. A spreadsheet lays out each cell on its
/// own, so a name is kept exactly as typed (sortable, searchable); only one
/// that holds bidirectional controls is isolated, because the same file read
/// as text is one line per row, where an override in the name would reverse
/// the phone number after it.
fn csv_name(name: &str) -> String {
    if crate::i18n::has_bidi_controls(name) { crate::i18n::isolate(name) } else { name.to_owned() }
}

fn kyiv_timestamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&Kyiv).format("%Y-%m-%d %H:%M").to_string()
}
