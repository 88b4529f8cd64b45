//! The operators' groups CSV, checked against the built-in programmes and the
//! sample centres. Any bytes are refused or imported; every imported cohort
//! satisfies the import rules; and a cohort written back with its sessions as
//! an explicit `dates` list (Kyiv local times) re-imports to the same cohort,
//! so a weekly pattern and the dates it stands for agree.
#![no_main]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Kyiv;
use libfuzzer_sys::fuzz_target;
use resilience_bot::cohort::csv::{CohortRow, Known, MAX_CAPACITY, parse};
use resilience_bot::cohort::schedule::{MAX_SESSIONS, parse_local};
use resilience_bot::directory::centre_csv;
use resilience_bot::domain::{Programme, is_identifier};

struct Sets {
    programmes: HashSet<String>,
    centres: HashSet<String>,
    now: DateTime<Utc>,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let programmes = Programme::built_in().expect("built-in programmes").into_iter().map(|p| p.id).collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date");
        let sample = include_bytes!("../../data/centres.sample.csv");
        let centres = centre_csv::parse(&sample[..], today)
            .expect("the sample centres parse")
            .into_iter()
            .map(|i| i.centre.id.to_string())
            .collect();
        Sets { programmes, centres, now: parse_local("2026-11-22 12:00").expect("a valid time") }
    })
}

fuzz_target!(|data: &[u8]| {
    let sets = sets();
    let known = Known { programmes: &sets.programmes, centres: &sets.centres, now: sets.now };
    let Ok(rows) = parse(data, known) else {
        return;
    };
    assert!(!rows.is_empty(), "an empty file must be refused");
    let mut ids = HashSet::new();
    for row in &rows {
        assert!(ids.insert(row.id.as_str()), "duplicate id {}", row.id);
        assert!(is_identifier(&row.id), "id {:?}", row.id);
        assert!(sets.programmes.contains(&row.programme) && sets.centres.contains(&row.centre));
        assert!(matches!(row.format, "in_person" | "online"));
        assert!((1..=MAX_CAPACITY).contains(&row.capacity), "capacity {}", row.capacity);
        assert!((15..=480).contains(&row.duration_minutes), "duration {}", row.duration_minutes);
        assert!((1..=MAX_SESSIONS).contains(&row.sessions.len()), "{} sessions", row.sessions.len());
        assert!(row.sessions[0] > sets.now, "the first session is in the past");
        assert!(row.sessions.windows(2).all(|w| w[0] < w[1]), "sessions out of order: {:?}", row.sessions);
    }
    let written = as_dates(&rows);
    let again = parse(written.as_bytes(), known)
        .unwrap_or_else(|e| panic!("the cohorts as dates do not re-import: {e}\n{written}"));
    assert_eq!(again, rows, "{written}");
});

/// The cohorts in the groups format, with every session listed.
fn as_dates(rows: &[CohortRow]) -> String {
    let mut csv = String::from("id,programme,centre,language,format,capacity,dates,duration\n");
    for row in rows {
        let dates: Vec<String> =
            row.sessions.iter().map(|s| s.with_timezone(&Kyiv).format("%Y-%m-%d %H:%M").to_string()).collect();
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{}",
            row.id,
            row.programme,
            row.centre,
            row.language.code(),
            row.format,
            row.capacity,
            dates.join(";"),
            row.duration_minutes
        );
    }
    csv
}
