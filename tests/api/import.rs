//! Importing centres: atomic, idempotent, all or nothing.

use chrono::NaiveDate;
use resilience_bot::directory::centre_csv::{self, CsvError};
use resilience_bot::store::{ImportSummary, Store};
use sqlx::PgPool;

use crate::helpers::SAMPLE_CSV;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[sqlx::test]
async fn importing_the_same_file_twice_changes_nothing_the_second_time(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    let first = centre_csv::parse(SAMPLE_CSV.as_bytes(), day(1)).unwrap();
    assert_eq!(store.import_centres(&first, false).await.unwrap(), ImportSummary { added: 46, ..Default::default() });
    let before = store.centres().await.unwrap();

    // A week later, the same file: the verified date must not move forward.
    let again = centre_csv::parse(SAMPLE_CSV.as_bytes(), day(8)).unwrap();
    assert_eq!(
        store.import_centres(&again, false).await.unwrap(),
        ImportSummary { unchanged: 46, ..Default::default() }
    );
    assert_eq!(store.centres().await.unwrap(), before);
    assert!(before.iter().all(|c| c.verified_on == day(1)));
}

#[sqlx::test]
async fn a_changed_row_is_updated_and_counts_as_verified_on_the_import_day(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    store.import_centres(&centre_csv::parse(SAMPLE_CSV.as_bytes(), day(1)).unwrap(), false).await.unwrap();
    let edited = SAMPLE_CSV.replacen("Mo-Fr 09:00-18:00", "Mo-Sa 10:00-17:00", 1);
    let summary = store.import_centres(&centre_csv::parse(edited.as_bytes(), day(8)).unwrap(), false).await.unwrap();
    assert_eq!(summary, ImportSummary { updated: 1, unchanged: 45, ..Default::default() });
    let centres = store.centres().await.unwrap();
    let changed: Vec<_> = centres.iter().filter(|c| c.opening_hours.as_deref() == Some("Mo-Sa 10:00-17:00")).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].verified_on, day(8));
}

#[sqlx::test]
async fn replace_removes_centres_missing_from_the_file_and_plain_import_keeps_them(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    store.import_centres(&centre_csv::parse(SAMPLE_CSV.as_bytes(), day(1)).unwrap(), false).await.unwrap();
    let first_ten: String = SAMPLE_CSV.lines().take(11).map(|l| format!("{l}\n")).collect();
    let subset = centre_csv::parse(first_ten.as_bytes(), day(2)).unwrap();
    let kept = store.import_centres(&subset, false).await.unwrap();
    assert_eq!((kept.unchanged, kept.removed), (10, 0));
    assert_eq!(store.centres().await.unwrap().len(), 46);
    let replaced = store.import_centres(&subset, true).await.unwrap();
    assert_eq!((replaced.unchanged, replaced.removed), (10, 36));
    assert_eq!(store.centres().await.unwrap().len(), 10);
}

#[sqlx::test]
async fn a_file_with_one_bad_row_changes_nothing(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    store.import_centres(&centre_csv::parse(SAMPLE_CSV.as_bytes(), day(1)).unwrap(), false).await.unwrap();
    let before = store.centres().await.unwrap();
    let mut bad = SAMPLE_CSV.replacen("Mo-Fr 09:00-18:00", "Mo-Sa 10:00-17:00", 1);
    bad.push_str("broken,Центр,Centre,52.23,21.01,,,,,,,,,,,,,\n");
    let Err(CsvError::Rejected(errors)) = centre_csv::parse(bad.as_bytes(), day(2)) else {
        panic!("the file must be rejected");
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 48);
    assert_eq!(store.centres().await.unwrap(), before, "nothing changed");
}

#[sqlx::test]
async fn export_and_reimport_round_trips_every_field(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    store.import_centres(&centre_csv::parse(SAMPLE_CSV.as_bytes(), day(1)).unwrap(), false).await.unwrap();
    let centres = store.centres().await.unwrap();
    let mut exported = Vec::new();
    centre_csv::write(&mut exported, &centres).unwrap();
    let reimported = centre_csv::parse(exported.as_slice(), day(9)).unwrap();
    assert_eq!(
        store.import_centres(&reimported, true).await.unwrap(),
        ImportSummary { unchanged: 46, ..Default::default() }
    );
    assert_eq!(store.centres().await.unwrap(), centres);
}
