//! The optional geocoder, against a fake Nominatim on 127.0.0.1: one request
//! a second with the bot's User-Agent, answers cached, used only inside the
//! row's oblast, and an outage, a slow answer or garbage leave the
//! settlement placement standing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::routing::get;
use chrono::NaiveDate;
use resilience_bot::csv_table::Format;
use resilience_bot::directory::Gazetteer;
use resilience_bot::domain::{ImportOptions, LocationSource};
use resilience_bot::import::geocoder::Geocoder;
use resilience_bot::import::{self, ImportReport};
use resilience_bot::store::Store;
use sqlx::PgPool;

use crate::official_list::MINISTRY_CSV;

/// How the fake answers.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    /// Brovary's street near the town; Izmail's address in Lviv; nothing else.
    Nominatim,
    Slow,
    Garbage,
}

#[derive(Default)]
pub(crate) struct Seen {
    pub(crate) requests: Vec<(Instant, String, String)>,
}

pub(crate) struct Fake {
    pub(crate) url: reqwest::Url,
    pub(crate) seen: Arc<Mutex<Seen>>,
}

async fn search(
    State((mode, seen)): State<(Mode, Arc<Mutex<Seen>>)>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> String {
    let url: reqwest::Url = format!("http://fake/?{}", query.unwrap_or_default()).parse().unwrap();
    let q = url.query_pairs().find(|(k, _)| k == "q").map(|(_, v)| v.into_owned()).unwrap_or_default();
    let agent = headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    seen.lock().unwrap().requests.push((Instant::now(), agent, q.clone()));
    match mode {
        Mode::Slow => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            "[]".into()
        }
        Mode::Garbage => "<html>502 Bad Gateway</html>".into(),
        Mode::Nominatim if q.contains("Бровари") => {
            r#"[{"lat":"50.5205","lon":"30.8050","display_name":"x"}]"#.into()
        }
        Mode::Nominatim if q.contains("Ізмаїл") => r#"[{"lat":"49.8397","lon":"24.0297"}]"#.into(),
        Mode::Nominatim => "[]".into(),
    }
}

pub(crate) async fn fake(mode: Mode) -> Fake {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let app = Router::new().route("/nominatim/search", get(search)).with_state((mode, seen.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/nominatim/", listener.local_addr().unwrap()).parse().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Fake { url, seen }
}

async fn import_with(store: &Store, geocoder: &Geocoder) -> ImportReport {
    let gazetteer = Gazetteer::built_in().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    import::import_centres(
        store,
        &gazetteer,
        MINISTRY_CSV,
        Format::Csv,
        today,
        ImportOptions::default(),
        Some(geocoder),
    )
    .await
    .unwrap()
}

#[sqlx::test]
async fn addresses_are_asked_once_a_second_by_name_cached_and_used_only_inside_their_oblast(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    let fake = fake(Mode::Nominatim).await;
    let geocoder = Geocoder::new(&fake.url).unwrap();
    let report = import_with(&store, &geocoder).await;
    let geocoding = report.geocoding.clone().unwrap();
    assert_eq!((geocoding.asked, geocoding.cached), (6, 0), "every row with an address but no coordinates");
    assert_eq!(geocoding.used.len(), 1, "{geocoding:?}");
    assert_eq!(geocoding.outside_oblast.len(), 1, "Izmail's answer lies in Lviv oblast: {geocoding:?}");
    assert_eq!(geocoding.not_found.len(), 4);
    let centres = store.centres().await.unwrap();
    let brovary = centres.iter().find(|c| c.name_uk.contains("Броварської")).unwrap();
    assert_eq!((brovary.location_source, brovary.location.lat()), (LocationSource::Geocoder, 50.5205));
    let izmail = centres.iter().find(|c| c.name_uk.contains("Ізмаїльської")).unwrap();
    assert_eq!(izmail.location_source, LocationSource::Settlement, "the settlement placement stands");
    assert!(!report.approximate.iter().any(|a| a.centre == brovary.id), "no longer approximate");

    let seen = fake.seen.lock().unwrap().requests.clone();
    assert_eq!(seen.len(), 6);
    assert!(seen.iter().all(|(_, agent, _)| agent.starts_with("resilience-bot/")), "{:?}", seen[0].1);
    assert!(seen[0].2.contains("вул. Вигадана, 1 (вигадана адреса), м. Бровари"), "{}", seen[0].2);
    for pair in seen.windows(2) {
        let gap = pair[1].0 - pair[0].0;
        assert!(gap >= Duration::from_millis(950), "two requests {gap:?} apart");
    }

    let again = import_with(&store, &geocoder).await;
    let geocoding = again.geocoding.unwrap();
    assert_eq!((geocoding.asked, geocoding.cached), (0, 6), "a re-import asks nothing again");
    assert_eq!(fake.seen.lock().unwrap().requests.len(), 6);
    assert_eq!(again.plan.unchanged, 7);
}

#[sqlx::test]
async fn a_geocoder_that_is_down_or_slow_leaves_the_settlement_placement_and_the_import_goes_on(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let down: reqwest::Url = format!("http://{}/", closed.local_addr().unwrap()).parse().unwrap();
    drop(closed);
    let slow = fake(Mode::Slow).await;
    for (url, expected) in [(down, "did not answer"), (slow.url.clone(), "took longer than")] {
        let geocoder = Geocoder::with_limits(&url, Duration::from_millis(10), Duration::from_millis(500)).unwrap();
        let report = import_with(&store, &geocoder).await;
        let geocoding = report.geocoding.unwrap();
        assert_eq!(geocoding.asked, 1, "stops asking after an outage: {geocoding:?}");
        assert!(geocoding.stopped.as_deref().is_some_and(|why| why.contains(expected)), "{geocoding:?}");
        assert_eq!(geocoding.failed.len(), 1);
        assert!(store.centres().await.unwrap().iter().all(|c| c.location_source.is_approximate()));
    }
    assert_eq!(store.centres().await.unwrap().len(), 7);
}

#[sqlx::test]
async fn a_garbage_answer_is_reported_per_row_and_not_cached(pool: PgPool) {
    let store = Store::from_pool(pool).await.unwrap();
    let fake = fake(Mode::Garbage).await;
    let geocoder = Geocoder::with_limits(&fake.url, Duration::from_millis(10), Duration::from_secs(5)).unwrap();
    let report = import_with(&store, &geocoder).await;
    let geocoding = report.geocoding.unwrap();
    assert_eq!((geocoding.asked, geocoding.failed.len(), geocoding.stopped), (6, 6, None));
    assert!(geocoding.failed[0].2.contains("not a Nominatim search result"), "{:?}", geocoding.failed[0]);
    let again = import_with(&store, &geocoder).await.geocoding.unwrap();
    assert_eq!((again.asked, again.cached), (6, 0), "nothing was cached");
}
