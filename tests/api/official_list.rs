//! From the Ministry's list to a live directory: the address-only file in
//! both formats, approximate placements, dry runs, and coordinators'
//! corrections living with later imports.

use std::sync::LazyLock;

use chrono::NaiveDate;
use resilience_bot::csv_table::{Format, Table};
use resilience_bot::directory::centre_fields::edit_location;
use resilience_bot::directory::{Directory, Gazetteer, centre_csv, haversine_metres};
use resilience_bot::domain::Person;
use resilience_bot::domain::{
    CentreEdit, CentreField, CentreId, ChannelKind, ImportOptions, Language, LocationSource, Phone,
};
use resilience_bot::import::{self, ImportReport};
use resilience_bot::store::{EditOutcome, Store};
use sqlx::PgPool;

use crate::helpers::TestApp;

pub const MINISTRY_CSV: &[u8] = include_bytes!("../../data/centres.ministry-example.csv");

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::built_in().unwrap());

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The example file as an Excel user would have it: the same cells in the
/// first sheet of a workbook, numbers as numbers.
pub fn as_xlsx(csv: &[u8]) -> Vec<u8> {
    let table = Table::from_csv(csv).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, cells) in std::iter::once(&table.header).chain(&table.rows).enumerate() {
        for (column, cell) in cells.cells.iter().enumerate() {
            let (row, column) = (row as u32, column as u16);
            match cell.parse::<f64>() {
                Ok(number) => sheet.write_number(row, column, number).unwrap(),
                Err(_) => sheet.write_string(row, column, cell).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

async fn import(store: &Store, bytes: &[u8], format: Format, options: ImportOptions) -> ImportReport {
    import::import_centres(store, &GAZETTEER, bytes, format, today(), options, None).await.unwrap()
}

fn person(id: &str) -> Person {
    Person { channel: ChannelKind::Telegram, external_id: id.into() }
}

fn id_of(report: &ImportReport, name_part: &str) -> CentreId {
    report.plan.added.iter().find(|(c, _)| c.name_uk.contains(name_part)).unwrap().0.id.clone()
}

#[sqlx::test]
async fn the_ministry_shaped_csv_and_the_same_rows_as_xlsx_both_import_alike(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    let report = import(&store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    assert_eq!(report.plan.added.len(), 7);
    let lines: Vec<u64> = report.plan.added.iter().map(|(_, line)| *line).collect();
    assert_eq!(lines, vec![2, 3, 5, 6, 8, 9, 10], "physical lines: a blank line and a quoted line break");
    let placed: Vec<(u64, LocationSource)> = report.approximate.iter().map(|a| (a.line, a.source)).collect();
    assert!(placed.contains(&(2, LocationSource::Settlement)) && placed.contains(&(9, LocationSource::Hromada)));
    assert_eq!(report.not_understood.len(), 1);
    assert_eq!((report.not_understood[0].line, report.not_understood[0].words.as_str()), (10, "графік уточнюється"));
    let from_csv = store.centres().await.unwrap();

    let xlsx = as_xlsx(MINISTRY_CSV);
    let again = import(&store, &xlsx, Format::Xlsx, ImportOptions::default()).await;
    assert_eq!((again.plan.added.len(), again.plan.changed.len(), again.plan.unchanged), (0, 0, 7), "{again:?}");
    assert_eq!(store.centres().await.unwrap(), from_csv);
    let lines: Vec<u64> = again.approximate.iter().map(|a| a.line).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6, 7, 8], "the sheet's own rows");
}

#[sqlx::test]
async fn a_location_shared_next_to_each_settlement_finds_its_centre_first_marked_approximate(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let report = import(&app.store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    let ministry: Vec<_> =
        app.store.centres().await.unwrap().into_iter().filter(|c| c.name_uk.contains("вигаданий")).collect();
    app.directory.replace(Directory::new(ministry.clone()));
    for approximate in &report.approximate {
        let centre = ministry.iter().find(|c| c.id == approximate.centre).unwrap();
        // A few hundred metres north-east of the settlement's point.
        let (lat, lon) = (centre.location.lat() + 0.003, centre.location.lon() + 0.003);
        let nearest = app.directory.current().nearest(centre.location, 0, 1)[0].centre.id.clone();
        assert_eq!(nearest, centre.id);
        let answer = app.location(&format!("near-{}", centre.id), Language::En, lat, lon).await;
        let text = answer.text();
        let first = text.lines().find(|l| l.starts_with("1. ")).unwrap_or_else(|| panic!("{text}"));
        assert!(first.contains(&centre.name_en) && first.contains("≈\u{a0}"), "{first}");
        let card = app.press(&format!("near-{}", centre.id), Language::En, &answer.button("1.")).await;
        assert!(card.text().contains("Location approximate: the centre of"), "{}", card.text());
    }
}

#[sqlx::test]
async fn the_export_shows_location_source_and_the_parsed_opening_hours(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    import(&store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    let mut exported = Vec::new();
    centre_csv::write(&mut exported, &store.centres().await.unwrap()).unwrap();
    let exported = String::from_utf8(exported).unwrap();
    assert!(exported.lines().next().unwrap().contains(",location_source,"), "{exported}");
    assert!(exported.contains(",settlement,"), "{exported}");
    assert!(exported.contains(",hromada,"), "{exported}");
    assert!(exported.contains("Mo-Fr 09:00-13:00,14:00-18:00"), "{exported}");
    assert!(exported.contains("Mo-Fr 09:00-17:00; Sa 10:00-14:00"), "{exported}");
    assert!(exported.contains("\"unknown \"\"графік уточнюється\"\"\""), "{exported}");
    // And it imports back unchanged.
    let reimported = centre_csv::parse(exported.as_bytes(), today()).unwrap();
    assert_eq!(store.import_centres(&reimported, true).await.unwrap().unchanged, 7);
}

#[sqlx::test]
async fn a_dry_run_lists_every_change_and_changes_no_row(pool: PgPool) {
    let store = Store::from_pool(pool.clone()).await.unwrap();
    let dry = ImportOptions { dry_run: true, ..ImportOptions::default() };
    let report = import(&store, MINISTRY_CSV, Format::Csv, dry).await;
    assert_eq!(report.plan.added.len(), 7);
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM centre").fetch_one(&pool).await.unwrap();
    assert_eq!(rows, 0);

    import(&store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    let before = store.centres().await.unwrap();
    let changed = String::from_utf8(MINISTRY_CSV.to_vec())
        .unwrap()
        .replace("щодня з 9 до 20", "щодня з 10 до 19")
        .replace("м. Ізмаїл", "м. Ізмаїл, вигаданий");
    let lines: Vec<&str> = changed.split("\r\n").collect();
    // Without the last centre, and with --replace: it would be removed.
    let shorter = lines[..lines.len() - 2].join("\r\n") + "\r\n";
    let options = ImportOptions { dry_run: true, replace: true, ..ImportOptions::default() };
    let report =
        import(&store, shorter.replace("м. Ізмаїл, вигаданий", "м. Ізмаїл").as_bytes(), Format::Csv, options).await;
    assert_eq!(report.plan.removed.len(), 1);
    assert_eq!(report.plan.changed.len(), 1);
    let change = &report.plan.changed[0].changes[0];
    assert_eq!(change.field, CentreField::OpeningHours);
    assert_eq!((change.old.as_deref(), change.new.as_deref()), (Some("Mo-Su 09:00-20:00"), Some("Mo-Su 10:00-19:00")));
    assert_eq!(store.centres().await.unwrap(), before, "a dry run changes no row");
    let history: i64 = sqlx::query_scalar("SELECT count(*) FROM centre_history").fetch_one(&pool).await.unwrap();
    assert_eq!(history, 0);
}

#[sqlx::test]
async fn a_coordinator_moves_their_centre_to_the_door_and_a_later_import_keeps_it(pool: PgPool) {
    let store = Store::from_pool(pool.clone()).await.unwrap();
    let report = import(&store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    let brovary = id_of(&report, "Броварської");
    let (anna, petro) = (person("1001"), person("1002"));
    for p in [&anna, &petro] {
        store.add_coordinator(brovary.as_str(), p).await.unwrap();
        sqlx::query("INSERT INTO chat_user (channel, external_id, language) VALUES ('telegram', $1, 'uk')")
            .bind(&p.external_id)
            .execute(&pool)
            .await
            .unwrap();
    }

    // Anna stands at the door, 2 km from the town's point, and shares it.
    let door = edit_location(50.5251, 30.8100).unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let outcome = store.edit_centre_as(&anna, &brovary, &door, later).await.unwrap();
    let EditOutcome::Saved { centre, told } = outcome else { panic!("{outcome:?}") };
    assert_eq!((centre.location_source, centre.verified_on, told), (LocationSource::Coordinator, later, 1));
    let directory = Directory::new(store.centres().await.unwrap());
    let CentreEdit::Location(point) = door else { unreachable!() };
    let nearest = &directory.nearest(point, 0, 1)[0];
    assert_eq!(nearest.centre.id, brovary);
    let metres = nearest.metres.unwrap();
    assert!(metres < 50.0, "{metres} m");
    assert!(!nearest.centre.location_source.is_approximate());

    // Petro is told, in the notice queue.
    let told: Vec<(String, serde_json::Value)> =
        sqlx::query_as("SELECT external_id, payload FROM notice WHERE kind = 'centre_edited'")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].0, "1002");
    assert_eq!(told[0].1["field"], "location");

    // The file still has the town's point: the import keeps the door and says so.
    let again = import(&store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    assert_eq!(again.plan.kept.len(), 1, "{again:?}");
    assert_eq!((again.plan.kept[0].centre.clone(), again.plan.kept[0].field), (brovary.clone(), CentreField::Location));
    let kept = store.centres().await.unwrap().into_iter().find(|c| c.id == brovary).unwrap();
    assert_eq!((kept.location, kept.location_source), (point, LocationSource::Coordinator));

    // --overwrite-edits takes the file's point back.
    let overwrite = ImportOptions { overwrite_edits: true, ..ImportOptions::default() };
    let taken = import(&store, MINISTRY_CSV, Format::Csv, overwrite).await;
    assert!(taken.plan.kept.is_empty());
    let back = store.centres().await.unwrap().into_iter().find(|c| c.id == brovary).unwrap();
    assert_eq!(back.location_source, LocationSource::Settlement);
    assert!(haversine_metres(back.location, point) > 1_000.0);
}

#[sqlx::test]
async fn an_edit_by_someone_who_does_not_coordinate_the_centre_is_refused_and_changes_nothing(pool: PgPool) {
    let store = Store::from_pool(pool.clone()).await.unwrap();
    let report = import(&store, MINISTRY_CSV, Format::Csv, ImportOptions::default()).await;
    let (brovary, izmail) = (id_of(&report, "Броварської"), id_of(&report, "Ізмаїльської"));
    let anna = person("1001");
    store.add_coordinator(izmail.as_str(), &anna).await.unwrap();
    let before = store.centres().await.unwrap();
    let phones = CentreEdit::Phones(vec![Phone::parse("067 955 89 76").unwrap()]);
    // Anna coordinates Izmail, not Brovary; a stranger coordinates nothing; no such centre.
    for (who, centre) in [(&anna, &brovary), (&person("666"), &izmail), (&anna, &CentreId::parse("nope").unwrap())] {
        let outcome = store.edit_centre_as(who, centre, &phones, today()).await.unwrap();
        assert_eq!(outcome, EditOutcome::NotCoordinator);
    }
    assert_eq!(store.centres().await.unwrap(), before);
    let history: i64 = sqlx::query_scalar("SELECT count(*) FROM centre_history").fetch_one(&pool).await.unwrap();
    assert_eq!(history, 0);
}

#[sqlx::test]
async fn edits_are_kept_in_the_history_and_forget_removes_only_who_made_them(pool: PgPool) {
    let app = TestApp::new(pool.clone()).await;
    let centre = CentreId::parse("sample-izmailska").unwrap();
    let anna = Person { channel: ChannelKind::Console, external_id: "1001".into() };
    app.store.add_coordinator(centre.as_str(), &anna).await.unwrap();
    app.say("1001", Language::Uk, "/start").await; // Anna writes to the bot, so /forget has a row to delete
    let hours = resilience_bot::directory::centre_fields::parse_edit(CentreField::OpeningHours, "пн-пт 10-17").unwrap();
    let saved = app.store.edit_centre_as(&anna, &centre, &hours, today()).await.unwrap();
    assert!(matches!(saved, EditOutcome::Saved { told: 0, .. }), "{saved:?}");
    let same = app.store.edit_centre_as(&anna, &centre, &hours, today()).await.unwrap();
    assert!(matches!(same, EditOutcome::Unchanged { .. }), "{same:?}");
    let history = app.store.centre_history(&centre, 10).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].field.as_str(), history[0].old_value.as_deref(), history[0].new_value.as_deref()),
        ("opening_hours", Some("Mo-Fr 09:00-18:00"), Some("Mo-Fr 10:00-17:00"))
    );
    assert_eq!((history[0].source.as_str(), history[0].by_id.as_deref()), ("coordinator", Some("1001")));

    app.say("1001", Language::Uk, "/forget").await;
    let forgotten = app.store.centre_history(&centre, 10).await.unwrap();
    assert_eq!(forgotten.len(), 1, "the change stays with the centre");
    assert_eq!((forgotten[0].by_channel.as_deref(), forgotten[0].by_id.as_deref()), (None, None));
    assert_eq!(forgotten[0].new_value.as_deref(), Some("Mo-Fr 10:00-17:00"));
}
