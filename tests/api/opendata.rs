//! Open data: every object the export and the API publish validates against
//! the HSDS 3.0 schemas (`tests/hsds-schema/`), the GeoJSON keeps RFC 7946's
//! rules, and the API follows the directory (imports, closures) within a
//! second, with ETags, 304s, paging, bad input and the rate limit.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use jsonschema::Validator;
use reqwest::StatusCode;
use resilience_bot::directory::{Directory, SharedDirectory, centre_csv};
use resilience_bot::domain::Person;
use resilience_bot::domain::{Centre, CentreId, ChannelKind, Closure};
use resilience_bot::i18n::Catalog;
use resilience_bot::opendata::config::{Licence, Publisher, RateLimit};
use resilience_bot::opendata::snapshot::Sources;
use resilience_bot::opendata::taxonomy::Taxonomy;
use resilience_bot::opendata::{OpenDataConfig, Publication, export};
use resilience_bot::startup::spawn_reloader;
use serde_json::Value;
use sqlx::PgPool;

use crate::fake_telegram::FakeTelegram;
use crate::helpers::{SAMPLE_CSV, TestApp, database_url, monday_noon};
use crate::served_binary::{Mode, start_with_env};

const HEADER: &str = "id,name_uk,name_en,lat,lon,oblast,hromada,address_uk,address_en,phone,email,website,\
                      opening_hours,services,notes,verified_on,serves_hromada,sample\n";

/// Centres that use every field: phones, an address in both languages, an
/// international website, hours with a lunch break and public holidays, a
/// relocated centre, round-the-clock hours; not sample data.
const RICH_ROWS: &str = "\
full-kyiv,Центр «Повний»,Full centre,50.4501,30.5234,Київська область,Київська міська громада,\"вул. Хрещатик, 1\",\"1 Khreshchatyk St\",+380 44 123 45 67;067-955-89-76,info@example.org,https://центр.укр/про-нас,\"Mo-Fr 09:00-13:00,14:00-18:00; Sa 10:00-14:00; PH off\",psychological-support;online;veterans,,2026-11-01,,false
relocated-izium,Центр Ізюмської громади,Izium hromada centre,49.9935,36.2304,Харківська область,Харківська міська громада,\"вул. Сумська, 10\",,0577000000,,,24/7,social-work,,2026-10-15,Ізюмська громада,false
";

fn publication() -> Publication {
    Publication {
        publisher: Publisher {
            name: "ГО «Приклад»".into(),
            website: "https://example.org/".into(),
            email: "data@example.org".into(),
            edrpou: Some("12345678".into()),
            configured: true,
        },
        licence: Licence { name: "CC BY 4.0".into(), url: "https://creativecommons.org/licenses/by/4.0/".into() },
    }
}

fn sources() -> Sources {
    Sources {
        publication: Arc::new(publication()),
        taxonomy: Arc::new(Taxonomy::built_in().unwrap()),
        catalog: Arc::new(Catalog::load().unwrap()),
    }
}

fn centres(csv: &str) -> Vec<Centre> {
    centre_csv::parse(csv.as_bytes(), monday_noon().date_naive()).unwrap().into_iter().map(|i| i.centre).collect()
}

/// The sample directory, the rich rows, and a closure of the Kyiv centre
/// that lasts past `monday_noon`.
fn test_directory() -> Arc<Directory> {
    let mut all = centres(SAMPLE_CSV);
    all.extend(centres(&format!("{HEADER}{RICH_ROWS}")));
    let closure =
        Closure { reason: "немає світла".into(), until: monday_noon() + chrono::Duration::days(1) };
    Arc::new(Directory::new(all).with_closures(vec![(CentreId::parse("full-kyiv").unwrap(), closure)]))
}

fn schema(name: &str) -> Validator {
    let path = format!("{}/tests/hsds-schema/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

/// HSDS's `Page` (openapi.json), with every one of its fields required.
fn page_schema() -> Validator {
    let path = format!("{}/tests/hsds-schema/openapi.json", env!("CARGO_MANIFEST_DIR"));
    let openapi: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut page = openapi["components"]["schemas"]["Page"].clone();
    let fields: Vec<Value> = page["properties"].as_object().unwrap().keys().map(|k| Value::from(k.as_str())).collect();
    page["required"] = Value::Array(fields);
    page["properties"]["contents"] = serde_json::json!({ "type": "array" });
    jsonschema::options().build(&page).unwrap()
}

fn assert_valid(validator: &Validator, instance: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not validate:\n{}\n{instance:#}", errors.join("\n"));
}

fn read_array(path: &std::path::Path) -> Vec<Value> {
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value.as_array().unwrap().clone()
}

/// Checks the export directory of `export centres --format hsds`: every
/// object validates, there is one of each per centre, and sample records
/// are labelled.
fn check_hsds_export(dir: &std::path::Path, centres: usize, sample: usize) {
    let services = read_array(&dir.join("services.json"));
    let service = schema("service");
    assert_eq!(services.len(), centres);
    for item in &services {
        assert_valid(&service, item, "a service");
    }
    let sal = schema("service_at_location");
    let service_at_locations = read_array(&dir.join("service_at_locations.json"));
    assert_eq!(service_at_locations.len(), centres);
    for item in &service_at_locations {
        assert_valid(&sal, item, "a service at location");
    }
    let organizations = read_array(&dir.join("organizations.json"));
    assert_eq!(organizations.len(), 1);
    assert_valid(&schema("organization"), &organizations[0], "the organization");
    assert_eq!(organizations[0]["services"].as_array().unwrap().len(), centres);
    let index: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["version"], "3.0");
    assert_eq!(index["sample"], sample > 0);
    assert_eq!(index["sample_records"], sample);
    let labelled = services.iter().filter(|s| has_term(s, "sample-data")).count();
    assert_eq!(labelled, sample, "every sample record, and only those, carries the sample-data attribute");
}

fn has_term(record: &Value, code: &str) -> bool {
    record["attributes"]
        .as_array()
        .is_some_and(|attributes| attributes.iter().any(|a| a["taxonomy_term"]["code"] == code))
}

/// RFC 7946's rules for a FeatureCollection of points, and that each point
/// is `[longitude, latitude]` of its centre (given by id).
fn check_rfc7946(doc: &Value, locations: &[(String, f64, f64)]) -> Result<(), String> {
    let object = doc.as_object().ok_or("not an object")?;
    if object.get("type") != Some(&Value::from("FeatureCollection")) {
        return Err("type is not FeatureCollection".into());
    }
    if object.contains_key("crs") {
        return Err("RFC 7946 §4 removed crs: coordinates are WGS 84".into());
    }
    let features = object.get("features").and_then(Value::as_array).ok_or("features is not an array")?;
    if features.len() != locations.len() {
        return Err(format!("{} features for {} centres", features.len(), locations.len()));
    }
    for feature in features {
        if feature["type"] != "Feature" {
            return Err(format!("a member of features is not a Feature: {feature}"));
        }
        if !(feature["properties"].is_object() || feature["properties"].is_null()) {
            return Err("properties must be an object or null (§3.2)".into());
        }
        let id = feature["id"].as_str().ok_or("id must be a string or number (§3.2); this one names a centre")?;
        let geometry = &feature["geometry"];
        if geometry["type"] != "Point" {
            return Err(format!("{id}: geometry is not a Point"));
        }
        let position = geometry["coordinates"].as_array().ok_or("coordinates is not an array")?;
        if !(2..=3).contains(&position.len()) {
            return Err(format!("{id}: a position has two or three numbers (§3.1.1)"));
        }
        let (lon, lat) = (position[0].as_f64().ok_or("not a number")?, position[1].as_f64().ok_or("not a number")?);
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("{id}: [{lon}, {lat}] is not [longitude, latitude] in degrees"));
        }
        // Ukraine: longitude 22–40.5° E, latitude 44–52.5° N; a swapped pair falls outside.
        if !(22.0..=40.5).contains(&lon) || !(44.0..=52.5).contains(&lat) {
            return Err(format!("{id}: [{lon}, {lat}] is not in Ukraine as [longitude, latitude]"));
        }
        let (_, want_lat, want_lon) =
            locations.iter().find(|(centre, _, _)| centre == id).ok_or(format!("{id}: no such centre"))?;
        if (lon, lat) != (*want_lon, *want_lat) {
            return Err(format!("{id}: [{lon}, {lat}] is not [{want_lon}, {want_lat}]"));
        }
    }
    Ok(())
}

fn locations(directory: &Directory) -> Vec<(String, f64, f64)> {
    directory.centres().iter().map(|c| (c.id.to_string(), c.location.lat(), c.location.lon())).collect()
}

#[test]
fn every_exported_object_validates_against_the_hsds_3_schemas() {
    let directory = test_directory();
    let dir = tempfile::tempdir().unwrap();
    export::write_hsds(&directory, sources(), monday_noon(), dir.path()).unwrap();
    check_hsds_export(dir.path(), directory.len(), 46);
}

#[test]
fn a_rich_centre_maps_to_the_fields_the_readme_promises() {
    let directory = test_directory();
    let dir = tempfile::tempdir().unwrap();
    export::write_hsds(&directory, sources(), monday_noon(), dir.path()).unwrap();
    let services = read_array(&dir.path().join("services.json"));
    let find = |name: &str| services.iter().find(|s| s["alternate_name"] == name).unwrap().clone();
    let full = find("Full centre");
    assert_eq!(full["name"], "Центр «Повний»");
    assert_eq!(full["status"], "temporarily closed");
    assert!(full["alert"].as_str().unwrap().starts_with("Тимчасово зачинено до 24.11.2026 о 12:00: немає світла"));
    assert_eq!(full["assured_date"], "2026-11-01");
    assert_eq!(full["url"], "https://xn--e1aqjhr.xn--j1amh/%D0%BF%D1%80%D0%BE-%D0%BD%D0%B0%D1%81");
    let phones: Vec<&str> = full["phones"].as_array().unwrap().iter().map(|p| p["number"].as_str().unwrap()).collect();
    assert_eq!(phones, ["+380441234567", "+380679558976"]);
    assert_eq!(full["languages"][0]["code"], "uk");
    let schedules = full["schedules"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str)> = schedules
        .iter()
        .map(|s| (s["byday"].as_str().unwrap(), s["opens_at"].as_str().unwrap(), s["closes_at"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            ("MO,TU,WE,TH,FR", "09:00+02:00", "13:00+02:00"),
            ("MO,TU,WE,TH,FR", "14:00+02:00", "18:00+02:00"),
            ("SA", "10:00+02:00", "14:00+02:00")
        ]
    );
    for schedule in schedules {
        assert_eq!(schedule["freq"], "WEEKLY");
        assert_eq!(schedule["timezone"], 2);
        assert_eq!(schedule["valid_to"], "2027-03-27", "winter time ends on 28 March 2027");
        let notes = schedule["notes"].as_str().unwrap();
        assert!(notes.contains("PH off"), "the public holidays a weekly rule cannot say: {notes}");
    }
    assert_eq!(schedules[2]["description"].as_str().unwrap().lines().next(), Some("Сб: 10:00–14:00"));
    let terms: Vec<&str> =
        full["attributes"].as_array().unwrap().iter().map(|a| a["taxonomy_term"]["code"].as_str().unwrap()).collect();
    assert_eq!(terms, ["psychological-support", "online", "veterans"]);
    let location = &full["service_at_locations"][0]["location"];
    assert_eq!((location["latitude"].as_f64(), location["longitude"].as_f64()), (Some(50.4501), Some(30.5234)));
    assert_eq!(location["addresses"][0]["state_province"], "Київська область");
    assert_eq!(location["addresses"][0]["country"], "UA");
    assert!(location["description"].as_str().unwrap().contains("Address: 1 Khreshchatyk St"));

    let relocated = find("Izium hromada centre");
    assert_eq!(relocated["status"], "active");
    assert_eq!(relocated["service_areas"][0]["name"], "Ізюмська громада");
    assert_eq!(relocated["schedules"][0]["byday"], "MO,TU,WE,TH,FR,SA,SU");
    assert_eq!(relocated["schedules"][0]["closes_at"], "23:59+02:00");

    // The same centre has the same ids in every export.
    let again = tempfile::tempdir().unwrap();
    export::write_hsds(&directory, sources(), monday_noon() + chrono::Duration::hours(1), again.path()).unwrap();
    let ids = |dir: &std::path::Path| -> Vec<Value> {
        read_array(&dir.join("services.json")).iter().map(|s| s["id"].clone()).collect()
    };
    assert_eq!(ids(dir.path()), ids(again.path()));
}

#[test]
fn the_geojson_keeps_rfc_7946_rules_with_longitude_first() {
    let directory = test_directory();
    let body = export::geojson(&directory, sources(), monday_noon());
    let doc: Value = serde_json::from_slice(&body).unwrap();
    check_rfc7946(&doc, &locations(&directory)).unwrap();
    let kyiv = doc["features"].as_array().unwrap().iter().find(|f| f["id"] == "full-kyiv").unwrap();
    assert_eq!(kyiv["properties"]["status"], "temporarily closed");
    assert_eq!(kyiv["properties"]["sample"], false);
}

#[test]
fn a_swapped_longitude_and_latitude_is_caught() {
    let directory = test_directory();
    let body = export::geojson(&directory, sources(), monday_noon());
    let mut doc: Value = serde_json::from_slice(&body).unwrap();
    let position = doc["features"][0]["geometry"]["coordinates"].as_array_mut().unwrap();
    position.swap(0, 1);
    let error = check_rfc7946(&doc, &locations(&directory)).unwrap_err();
    assert!(error.contains("not in Ukraine as [longitude, latitude]"), "{error}");
}

/// The API over `directory` on a free loopback port, as `serve` runs it.
async fn serve_api(directory: SharedDirectory, rate: RateLimit) -> SocketAddr {
    let config = OpenDataConfig { publication: publication(), rate };
    let router = resilience_bot::opendata::router(config, directory, Arc::new(Catalog::load().unwrap())).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap()
    });
    addr
}

fn generous() -> RateLimit {
    RateLimit { per_second: NonZeroU32::new(10_000).unwrap(), burst: NonZeroU32::new(10_000).unwrap() }
}

async fn get(addr: SocketAddr, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let response = reqwest::get(format!("http://{addr}{path}")).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.bytes().await.unwrap();
    let value = if body.is_empty() { Value::Null } else { serde_json::from_slice(&body).unwrap() };
    (status, headers, value)
}

fn etag(headers: &reqwest::header::HeaderMap) -> String {
    headers[reqwest::header::ETAG].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_api_serves_the_exported_objects_and_its_lists_validate() {
    let directory = test_directory();
    let shared = SharedDirectory::new(Directory::new(directory.centres().to_vec()).with_closures(vec![(
        CentreId::parse("full-kyiv").unwrap(),
        Closure { reason: "немає світла".into(), until: Utc::now() + chrono::Duration::days(1) },
    )]));
    let addr = serve_api(shared.clone(), generous()).await;
    let dir = tempfile::tempdir().unwrap();
    export::write_hsds(&shared.current(), sources(), Utc::now(), dir.path()).unwrap();

    let (status, headers, metadata) = get(addr, "/api/hsds/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[reqwest::header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[reqwest::header::CACHE_CONTROL], "public, no-cache");
    assert_eq!(headers[reqwest::header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert_eq!(metadata["version"], "3.0");
    assert!(metadata["openapi_url"].as_str().unwrap().ends_with("/3.0/schema/openapi.json"));
    assert_eq!(metadata["sample"], true);
    assert_eq!(metadata["license"]["name"], "CC BY 4.0");
    assert!(metadata["attribution"][0].as_str().unwrap().contains("GeoNames"));

    // Every page of both listings validates, and the pages add up to the directory.
    let (page, service_list, sal_list) = (page_schema(), schema("service_list"), schema("service_at_location_list"));
    let mut listed = Vec::new();
    for n in 1..=3 {
        let (status, _, body) = get(addr, &format!("/api/hsds/services?page={n}&per_page=20")).await;
        assert_eq!(status, StatusCode::OK);
        assert_valid(&page, &body, "a page");
        assert_eq!((body["total_items"].as_u64(), body["total_pages"].as_u64()), (Some(48), Some(3)));
        assert_eq!(body["page_number"], n);
        assert_eq!(body["first_page"], n == 1);
        assert_eq!(body["last_page"], n == 3);
        for item in body["contents"].as_array().unwrap() {
            assert_valid(&service_list, item, "a service list item");
            listed.push(item["id"].as_str().unwrap().to_owned());
        }
        let (_, _, sal_page) = get(addr, &format!("/api/hsds/service_at_locations?page={n}&per_page=20")).await;
        for item in sal_page["contents"].as_array().unwrap() {
            assert_valid(&sal_list, item, "a service at location list item");
        }
    }
    assert_eq!(listed.len(), 48);
    let (_, _, past_the_end) = get(addr, "/api/hsds/services?page=4&per_page=20").await;
    assert_eq!((past_the_end["empty"].as_bool(), past_the_end["size"].as_u64()), (Some(true), Some(0)));
    let (_, _, full_page) = get(addr, "/api/hsds/services?per_page=5&full=true").await;
    let service = schema("service");
    for item in full_page["contents"].as_array().unwrap() {
        assert_valid(&service, item, "a full service in a page");
    }

    // /services/{id}, /service_at_locations/{id} and /organizations/{id} are the exported objects.
    let exported = read_array(&dir.path().join("services.json"));
    for item in exported.iter().step_by(7) {
        let (status, _, served) = get(addr, &format!("/api/hsds/services/{}", item["id"].as_str().unwrap())).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(&served, item);
    }
    let exported = read_array(&dir.path().join("service_at_locations.json"));
    let path = format!("/api/hsds/service_at_locations/{}", exported[0]["id"].as_str().unwrap());
    assert_eq!(get(addr, &path).await.2, exported[0]);
    let organization = read_array(&dir.path().join("organizations.json")).remove(0);
    let (_, _, organizations) = get(addr, "/api/hsds/organizations").await;
    assert_valid(&schema("organization_list"), &organizations["contents"][0], "an organization list item");
    let path = format!("/api/hsds/organizations/{}", organization["id"].as_str().unwrap());
    assert_eq!(get(addr, &path).await.2, organization);

    let (status, headers, geojson) = get(addr, "/api/centres.geojson").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[reqwest::header::CONTENT_TYPE], "application/geo+json");
    check_rfc7946(&geojson, &locations(&shared.current())).unwrap();
}

#[tokio::test]
async fn bad_paging_is_refused_with_400_and_an_unknown_id_is_404() {
    let addr = serve_api(SharedDirectory::new(Directory::new(centres(SAMPLE_CSV))), generous()).await;
    for path in [
        "/api/hsds/services?page=0",
        "/api/hsds/services?page=-2",
        "/api/hsds/services?page=two",
        "/api/hsds/services?per_page=501",
        "/api/hsds/services?per_page=0",
        "/api/hsds/service_at_locations?page=1&page=2",
        "/api/hsds/services?search=Lviv",
        "/api/hsds/services?format=ndjson",
        "/api/hsds/organizations?per_page=100000",
    ] {
        let (status, headers, body) = get(addr, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(headers.get(reqwest::header::ETAG).is_none(), "{path}: an error has no ETag");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{path}: {body}");
    }
    for path in [
        "/api/hsds/services/00000000-0000-0000-0000-000000000000",
        "/api/hsds/services/sample-lvivska",
        "/api/hsds/service_at_locations/not-a-uuid",
        "/api/hsds/organizations/00000000-0000-0000-0000-000000000000",
        "/api/hsds/taxonomies",
    ] {
        assert_eq!(get(addr, path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    // Another organization's services: an empty page, not this one's.
    let (_, _, other) = get(addr, "/api/hsds/services?organization_id=00000000-0000-0000-0000-000000000000").await;
    assert_eq!((other["total_items"].as_u64(), other["empty"].as_bool()), (Some(0), Some(true)));
}

#[tokio::test]
async fn if_none_match_with_the_current_etag_is_304_and_a_wrong_one_gets_the_body() {
    let addr = serve_api(SharedDirectory::new(Directory::new(centres(SAMPLE_CSV))), generous()).await;
    let client = reqwest::Client::new();
    for path in ["/api/hsds/", "/api/hsds/services?page=2", "/api/centres.geojson"] {
        let first = client.get(format!("http://{addr}{path}")).send().await.unwrap();
        let tag = etag(first.headers());
        assert!(tag.starts_with("\"hsds-"), "{tag}");
        let again = client.get(format!("http://{addr}{path}")).header("If-None-Match", &tag).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(etag(again.headers()), tag);
        assert!(again.bytes().await.unwrap().is_empty());
        for wrong in ["\"hsds-0000\"", "hsds", "W/\"other\", \"more\""] {
            let response =
                client.get(format!("http://{addr}{path}")).header("If-None-Match", wrong).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path} with {wrong}");
            assert!(!response.bytes().await.unwrap().is_empty());
        }
    }
}

#[tokio::test]
async fn sample_data_is_labelled_in_the_metadata_and_in_every_record() {
    let addr = serve_api(SharedDirectory::new(Directory::new(centres(SAMPLE_CSV))), generous()).await;
    let (_, _, metadata) = get(addr, "/api/hsds/").await;
    assert_eq!((metadata["sample"].as_bool(), metadata["sample_records"].as_u64()), (Some(true), Some(46)));
    assert!(metadata["notice"].as_str().unwrap().starts_with("⚠️ Це зразковий довідник"));
    let (_, _, page) = get(addr, "/api/hsds/services?per_page=100&full=true").await;
    for service in page["contents"].as_array().unwrap() {
        assert!(has_term(service, "sample-data"), "{}", service["name"]);
        assert!(service["description"].as_str().unwrap().starts_with("⚠️ Зразкові дані"));
        let location = &service["service_at_locations"][0]["location"];
        assert!(has_term(location, "sample-data"));
        assert!(location["description"].as_str().unwrap().starts_with("⚠️ Зразкові дані"));
    }
    let (_, _, geojson) = get(addr, "/api/centres.geojson").await;
    assert!(geojson["notice"].as_str().unwrap().starts_with("⚠️ Це зразковий довідник"));
    for feature in geojson["features"].as_array().unwrap() {
        assert_eq!(feature["properties"]["sample"], true);
    }
    // The official list, with no sample rows, is not labelled.
    let official = SAMPLE_CSV.replace(",true\n", ",false\n");
    let addr = serve_api(SharedDirectory::new(Directory::new(centres(&official))), generous()).await;
    let (_, _, metadata) = get(addr, "/api/hsds/").await;
    assert_eq!(metadata["sample"], false);
    let (_, _, page) = get(addr, "/api/hsds/services?per_page=100&full=true").await;
    assert!(page["contents"].as_array().unwrap().iter().all(|s| !has_term(s, "sample-data")));
    let (_, _, geojson) = get(addr, "/api/centres.geojson").await;
    assert!(geojson.get("notice").is_none());
    assert_eq!(geojson["license"]["name"], "CC BY 4.0");
    assert!(geojson["attribution"][0].as_str().unwrap().contains("GeoNames"));
}

#[tokio::test]
async fn a_client_over_its_rate_is_answered_429_with_retry_after() {
    let rate = RateLimit { per_second: NonZeroU32::new(1).unwrap(), burst: NonZeroU32::new(3).unwrap() };
    let addr = serve_api(SharedDirectory::new(Directory::new(centres(SAMPLE_CSV))), rate).await;
    for _ in 0..3 {
        assert_eq!(get(addr, "/api/hsds/").await.0, StatusCode::OK);
    }
    let (status, headers, body) = get(addr, "/api/hsds/services").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(headers[reqwest::header::RETRY_AFTER], "1");
    assert!(body["error"].as_str().unwrap().contains("Retry-After"));
}

/// Polls `path` until its ETag differs from `old` and `check` holds; fails
/// after one second.
async fn changed_within_a_second(
    addr: SocketAddr,
    path: &str,
    old: &str,
    check: impl Fn(&Value) -> bool,
) -> (String, Duration) {
    let started = Instant::now();
    loop {
        let (_, headers, body) = get(addr, path).await;
        let tag = etag(&headers);
        if tag != old && check(&body) {
            return (tag, started.elapsed());
        }
        assert!(started.elapsed() < Duration::from_secs(1), "{path} still shows the old directory after a second");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn service_named<'a>(page: &'a Value, name_en: &str) -> Option<&'a Value> {
    page["contents"].as_array()?.iter().find(|s| s["alternate_name"] == name_en)
}

#[sqlx::test]
async fn an_import_shows_in_the_api_within_a_second_with_a_new_etag(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let reloader = spawn_reloader(app.store.clone(), app.directory.clone());
    // Let the reloader connect and LISTEN before the import notifies.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let addr = serve_api(app.directory.clone(), generous()).await;
    let path = "/api/hsds/services?per_page=100";
    let (_, headers, before) = get(addr, path).await;
    let old = etag(&headers);
    assert!(service_named(&before, "Brovary Resilience Centre").is_some());

    let renamed = SAMPLE_CSV.replace("Brovary Resilience Centre", "Brovary Centre (renamed)");
    let imported = centre_csv::parse(renamed.as_bytes(), monday_noon().date_naive()).unwrap();
    app.store.import_centres(&imported, false).await.unwrap();
    let (new, took) =
        changed_within_a_second(addr, path, &old, |page| service_named(page, "Brovary Centre (renamed)").is_some())
            .await;
    println!("an import showed in the API after {took:?}");
    // The old tag no longer answers 304; the new one does.
    let client = reqwest::Client::new();
    let url = format!("http://{addr}{path}");
    assert_eq!(client.get(&url).header("If-None-Match", &old).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(client.get(&url).header("If-None-Match", &new).send().await.unwrap().status(), StatusCode::NOT_MODIFIED);
    reloader.abort();
}

#[sqlx::test]
async fn a_closure_set_and_lifted_shows_in_the_api_within_a_second(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let reloader = spawn_reloader(app.store.clone(), app.directory.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let addr = serve_api(app.directory.clone(), generous()).await;
    let coordinator = Person { channel: ChannelKind::Console, external_id: "coord".into() };
    assert!(app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap());
    let path = "/api/hsds/services?per_page=100";
    let lviv = |page: &Value| service_named(page, "Lviv Resilience Centre").cloned().unwrap();
    let (_, headers, before) = get(addr, path).await;
    assert_eq!(lviv(&before)["status"], "active");

    let now: DateTime<Utc> = Utc::now();
    let until = now + chrono::Duration::hours(5);
    assert!(app.store.close_centre_as(&coordinator, "sample-lvivska", "немає світла", until, now).await.unwrap());
    let (closed_tag, took) = changed_within_a_second(addr, path, &etag(&headers), |page| {
        lviv(page)["status"] == "temporarily closed"
            && lviv(page)["alert"].as_str().is_some_and(|alert| alert.contains("немає світла"))
    })
    .await;
    println!("a closure showed in the API after {took:?}");

    assert!(app.store.reopen_centre_as(&coordinator, "sample-lvivska").await.unwrap());
    let (_, took) = changed_within_a_second(addr, path, &closed_tag, |page| {
        lviv(page)["status"] == "active" && lviv(page).get("alert").is_none()
    })
    .await;
    println!("a lifted closure showed in the API after {took:?}");
    reloader.abort();
}

#[sqlx::test]
async fn export_writes_validating_hsds_and_geojson_of_the_sample_directory(pool: PgPool) {
    let url = database_url(&pool);
    let _app = TestApp::new(pool).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hsds");
    let output =
        crate::cli::run(&url, &["export", "centres", "--format", "hsds", "--output", out.to_str().unwrap()], "");
    assert!(output.status.success(), "{}", crate::cli::stderr(&output));
    assert!(crate::cli::stdout(&output).contains("wrote 46 centres"), "{}", crate::cli::stdout(&output));
    check_hsds_export(&out, 46, 46);

    let output = crate::cli::run(&url, &["export", "centres", "--format", "geojson"], "");
    assert!(output.status.success(), "{}", crate::cli::stderr(&output));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let sample = Directory::new(centres(SAMPLE_CSV));
    check_rfc7946(&doc, &locations(&sample)).unwrap();

    // A publisher setting that would not validate is refused before anything is written.
    let bad = crate::cli::run(
        &url,
        &["export", "centres", "--format", "hsds", "--output", out.to_str().unwrap(), "--publisher-website", "x"],
        "",
    );
    assert!(!bad.status.success());
    assert!(crate::cli::stderr(&bad).contains("OPEN_DATA_PUBLISHER_WEBSITE"), "{}", crate::cli::stderr(&bad));
}

#[sqlx::test]
async fn serve_answers_the_open_data_api_unless_open_data_is_off(pool: PgPool) {
    let _app = TestApp::new(pool.clone()).await;
    let fake = FakeTelegram::start().await;
    let url = database_url(&pool);
    let on = start_with_env(&url, &fake.url, Mode::Webhook, None, &[]);
    on.ready().await;
    let (status, _, metadata) = get(on.addr, "/api/hsds/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(metadata["publisher"]["configured"], false, "the sample publisher, said so");
    assert_eq!(get(on.addr, "/api/centres.geojson").await.0, StatusCode::OK);
    on.kill_9();

    let off = start_with_env(&url, &fake.url, Mode::Webhook, None, &[("OPEN_DATA", "off")]);
    off.ready().await;
    let response = reqwest::get(format!("http://{}/api/hsds/", off.addr)).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    off.kill_9();
}

#[test]
fn the_schema_check_refuses_what_hsds_does_not_allow() {
    let directory = test_directory();
    let dir = tempfile::tempdir().unwrap();
    export::write_hsds(&directory, sources(), monday_noon(), dir.path()).unwrap();
    let valid =
        read_array(&dir.path().join("services.json")).into_iter().find(|s| s["alternate_name"] == "Full centre");
    let valid = valid.unwrap();
    let service = schema("service");
    assert!(service.is_valid(&valid));
    let broken = |change: fn(&mut Value)| {
        let mut copy = valid.clone();
        change(&mut copy);
        copy
    };
    for invalid in [
        broken(|s| s["status"] = "closed".into()),
        broken(|s| s["id"] = "full-kyiv".into()),
        broken(|s| drop(s.as_object_mut().unwrap().remove("name"))),
        broken(|s| s["url"] = "not a uri".into()),
        // HSDS 3.0 types a schedule's timezone as a UTC offset, not a zone name.
        broken(|s| s["schedules"][0]["timezone"] = "Europe/Kyiv".into()),
        broken(|s| s["schedules"][0]["freq"] = "DAILY".into()),
    ] {
        assert!(!service.is_valid(&invalid), "{invalid:#}");
    }
}

#[test]
fn a_centre_placed_at_its_settlement_is_published_as_approximate() {
    let mut all = centres(&format!("{HEADER}{RICH_ROWS}"));
    all[0].location_source = resilience_bot::domain::LocationSource::Settlement;
    all[0].settlement = Some("Київ".into());
    let directory = Arc::new(Directory::new(all));
    let dir = tempfile::tempdir().unwrap();
    export::write_hsds(&directory, sources(), monday_noon(), dir.path()).unwrap();
    check_hsds_export(dir.path(), directory.len(), 0);
    let services = read_array(&dir.path().join("services.json"));
    let location = |name: &str| {
        services.iter().find(|s| s["alternate_name"] == name).unwrap()["service_at_locations"][0]["location"].clone()
    };
    let placed = location("Full centre");
    assert!(has_term(&placed, "approximate-location"), "{placed:#}");
    let description = placed["description"].as_str().unwrap();
    assert!(description.contains("Location approximate: the centre of Kyiv"), "{description}");
    assert!(description.contains("Розташування на мапі приблизне: центр населеного пункту Київ"), "{description}");
    let given = location("Izium hromada centre");
    assert!(!has_term(&given, "approximate-location"), "{given:#}");
}
