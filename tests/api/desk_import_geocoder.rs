//! The import page's geocoder box: offered only when `serve` has a geocoder
//! (GEOCODER_URL), carried from the dry run to "Apply" like the other
//! options, against the fake Nominatim of tests/api/geocoder.rs.

use std::time::Duration;

use reqwest::StatusCode;
use resilience_bot::domain::LocationSource;
use resilience_bot::import::geocoder::Geocoder;
use sqlx::PgPool;

use crate::desk::{Desk, csrf_of};
use crate::desk_import_errors::upload_with;
use crate::geocoder::{Mode, fake};
use crate::official_list::MINISTRY_CSV;

fn ministry() -> String {
    String::from_utf8(MINISTRY_CSV.to_vec()).unwrap()
}

fn apply_key(page: &str) -> String {
    let start = page.find("action=\"/import/").expect("an apply form") + "action=\"/import/".len();
    page[start..].split('/').next().unwrap().to_owned()
}

#[sqlx::test]
async fn with_a_geocoder_the_box_geocodes_the_dry_run_and_the_apply_uses_its_cached_answers(pool: PgPool) {
    let fake = fake(Mode::Nominatim).await;
    let geocoder = Geocoder::with_limits(&fake.url, Duration::from_millis(10), Duration::from_secs(5)).unwrap();
    let desk = Desk::start_with(pool, |state| state.with_geocoder(geocoder)).await;
    let cookie = desk.signed_in_operator().await;
    let form = desk.get("/import", Some(&cookie)).await.text().await.unwrap();
    assert!(form.contains("id=\"import-geocode\""), "{form}");

    // Unticked, the geocoder is not asked.
    let (status, page) = upload_with(&desk, &cookie, "ministry.csv", &ministry(), &[]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(!page.contains("id=\"import-geocoding\""), "{page}");
    assert!(fake.seen.lock().unwrap().requests.is_empty());

    let (status, page) = upload_with(&desk, &cookie, "ministry.csv", &ministry(), &["geocode"]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let words = "Геокодер: запитів — 6, з кешу — 0, розташовано за адресою — 1, не використано — 5";
    assert!(page.contains(words), "{page}");
    assert_eq!(fake.seen.lock().unwrap().requests.len(), 6);
    let geocoded = |centres: &[resilience_bot::domain::Centre]| {
        centres
            .iter()
            .filter(|c| c.location_source == LocationSource::Geocoder)
            .map(|c| c.location.lat())
            .collect::<Vec<_>>()
    };
    assert!(geocoded(&desk.app.store.centres().await.unwrap()).is_empty(), "a dry run stores nothing");

    let csrf = csrf_of(&page);
    let applied =
        desk.post(&format!("/import/{}/apply", apply_key(&page)), Some(&cookie), &format!("csrf={csrf}")).await;
    let applied = applied.text().await.unwrap();
    assert!(applied.contains("запитів — 0, з кешу — 6, розташовано за адресою — 1"), "{applied}");
    assert_eq!(fake.seen.lock().unwrap().requests.len(), 6, "applying asks nothing again");
    assert_eq!(geocoded(&desk.app.store.centres().await.unwrap()), vec![50.5205], "Brovary at its address");
}

#[sqlx::test]
async fn without_a_geocoder_the_box_is_not_offered_and_a_forged_one_is_ignored(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let form = desk.get("/import", Some(&cookie)).await.text().await.unwrap();
    assert!(!form.contains("import-geocode"), "{form}");
    let (status, page) = upload_with(&desk, &cookie, "ministry.csv", &ministry(), &["geocode"]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(!page.contains("import-geocod"), "{page}");
}
