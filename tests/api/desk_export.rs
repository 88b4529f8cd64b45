//! The desk's open data downloads (HSDS services JSON and GeoJSON) beside
//! the CSV: offered to operators when `serve` publishes open data.

use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, COOKIE};
use resilience_bot::desk::{self, DeskConfig, DeskState};
use resilience_bot::i18n::Catalog;
use resilience_bot::opendata::Publication;
use resilience_bot::opendata::config::{Licence, Publisher};
use sqlx::PgPool;

use crate::desk::console;
use crate::helpers::TestApp;

pub(crate) fn publication() -> Publication {
    Publication {
        publisher: Publisher {
            name: "Test".into(),
            website: "https://example.org/".into(),
            email: "data@example.org".into(),
            edrpou: None,
            configured: true,
        },
        licence: Licence { name: "CC BY 4.0".into(), url: "https://creativecommons.org/licenses/by/4.0/".into() },
    }
}

/// A desk with open data on; its address and an operator's and a coordinator's cookies.
async fn desk(app: &TestApp, open_data: bool) -> (String, String, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = DeskConfig { url: base.parse().unwrap(), links: resilience_bot::domain::BotLinks::default() };
    let mut state = DeskState::new(app.store.clone(), Arc::new(Catalog::load_desk().unwrap()), &config);
    if open_data {
        state = state.with_publication(publication());
    }
    tokio::spawn(desk::serve(listener, state, std::future::pending()));
    let centre = app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    app.store.add_operator(&console("op")).await.unwrap();
    app.store.add_coordinator(&centre, &console("coord")).await.unwrap();
    let mut cookies = Vec::new();
    for who in ["op", "coord"] {
        let token = app.store.create_desk_link(&console(who), chrono::Utc::now()).await.unwrap().unwrap();
        let session = app.store.sign_in(&token, chrono::Utc::now()).await.unwrap().unwrap();
        cookies.push(format!("{}={}", desk::SESSION_COOKIE, session.id));
    }
    (base, cookies.remove(0), cookies.remove(0))
}

async fn get(base: &str, path: &str, cookie: &str) -> reqwest::Response {
    reqwest::Client::new().get(format!("{base}{path}")).header(COOKIE, cookie).send().await.unwrap()
}

#[sqlx::test]
async fn operators_download_the_hsds_services_and_the_geojson(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let (base, operator, coordinator) = desk(&app, true).await;
    let overview = get(&base, "/", &operator).await.text().await.unwrap();
    assert!(overview.contains("id=\"export-hsds\"") && overview.contains("id=\"export-geojson\""), "{overview}");

    let services = get(&base, "/export/services.json", &operator).await;
    assert_eq!(services.status(), StatusCode::OK);
    assert!(services.headers()[CONTENT_DISPOSITION].to_str().unwrap().contains("services.json"));
    let services: serde_json::Value = services.json().await.unwrap();
    let count = app.store.centres().await.unwrap().len();
    assert_eq!(services.as_array().unwrap().len(), count);

    let geojson: serde_json::Value = get(&base, "/export/centres.geojson", &operator).await.json().await.unwrap();
    assert_eq!(geojson["type"], "FeatureCollection");
    assert_eq!(geojson["features"].as_array().unwrap().len(), count);

    // Coordinators get their centres as CSV, not every centre.
    assert_eq!(get(&base, "/export/services.json", &coordinator).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(get(&base, "/export/centres.geojson", &coordinator).await.status(), StatusCode::FORBIDDEN);
}

#[sqlx::test]
async fn without_open_data_the_downloads_are_not_offered(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let (base, operator, _) = desk(&app, false).await;
    assert!(!get(&base, "/", &operator).await.text().await.unwrap().contains("export-hsds"));
    let missing = get(&base, "/export/services.json", &operator).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.text().await.unwrap().contains("Відкриті дані не налаштовано"));
}
