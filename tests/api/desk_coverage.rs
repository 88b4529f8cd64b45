//! Statistics and where centres are missing (issue 20, parts 6 and 7): the
//! anonymous weekly counters a search adds (a far one also in the hromada
//! searched from), and the desk's two pages with small cells hidden, over
//! HTTP; the role each page needs.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, Utc};
use reqwest::StatusCode;
use resilience_bot::domain::tally::{Count, Tally};
use resilience_bot::domain::wellbeing::Answers;
use resilience_bot::domain::{ChannelKind, Language};
use resilience_bot::store::{CheckinRecord, Store, week_of};
use sqlx::PgPool;

use crate::desk::{Desk, console};
use crate::helpers::TestApp;

pub(crate) const ODESKA: &str = "UA51100270000073549";
pub(crate) const CHORNOMORSKA: &str = "UA51100370000040590";
pub(crate) const BILHOROD: &str = "UA51040010000016896";
pub(crate) const KHARKIV_OBLAST: &str = "UA63000000000041885";
pub(crate) const LVIV_OBLAST: &str = "UA46000000000026241";

/// The Monday of the last complete week, as the desk counts it now.
pub(crate) fn last_week() -> NaiveDate {
    week_of(Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive()) - Duration::weeks(1)
}

pub(crate) async fn far_searches(store: &Store, week: NaiveDate, hromada: &str, n: i64) {
    let count = Count { week, tally: Tally::FarSearch { hromada: hromada.to_owned() } };
    store.add_counts(&BTreeMap::from([(count, n)])).await.unwrap();
}

pub(crate) async fn checkins(store: &Store, week: NaiveDate, oblast: Option<&str>, times: usize) {
    let record = CheckinRecord {
        answers: Answers::new(&[3, 3, 3, 3, 3]).unwrap(),
        week,
        language: Language::Uk,
        channel: ChannelKind::Telegram,
        oblast: oblast.map(str::to_owned),
    };
    store.record_checkins(&vec![record; times]).await.unwrap();
}

/// Last week: Kharkiv oblast 20 check-ins, Lviv 4, oblast not shared 10.
/// Lviv is under ten, and would be the total minus the rest: the next
/// smallest cell (not shared, 10) is hidden with it, exactly as the CLI does.
pub(crate) async fn small_and_large_cells(store: &Store) {
    let week = last_week();
    checkins(store, week, Some(KHARKIV_OBLAST), 20).await;
    checkins(store, week, Some(LVIV_OBLAST), 4).await;
    checkins(store, week, None, 10).await;
    far_searches(store, week, ODESKA, 12).await;
    far_searches(store, week, CHORNOMORSKA, 3).await;
    let usage =
        BTreeMap::from([(Count { week, tally: Tally::Search }, 25), (Count { week, tally: Tally::CardOpened }, 3)]);
    store.add_counts(&usage).await.unwrap();
}

/// The far searches stored (by hromada code) and all searches counted.
async fn counts(app: &TestApp) -> (Vec<(NaiveDate, String, i64)>, Option<i64>) {
    let far = sqlx::query_as("SELECT week, hromada, searches FROM unmet_demand ORDER BY hromada")
        .fetch_all(app.store.pool())
        .await
        .unwrap();
    let searches =
        sqlx::query_scalar("SELECT sum(searches)::bigint FROM usage_week").fetch_one(app.store.pool()).await.unwrap();
    (far, searches)
}

#[sqlx::test]
async fn far_searches_are_counted_by_the_hromada_searched_from_and_near_ones_are_not(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let week = week_of(app.conversation.clock().kyiv_now().date());
    // Odesa: no sample centre within 100 km (Mykolaiv is the nearest).
    let shared = app.location("a", Language::Uk, 46.4857, 30.7438).await;
    assert!(shared.text().contains("км"), "{}", shared.text());
    // Typed: Chornomorsk, as far.
    app.say("b", Language::Uk, "Чорноморськ").await;
    // Near: a location at Balakliia's centre, and typed Kharkiv.
    app.location("c", Language::Uk, 49.45595, 36.84433).await;
    app.say("d", Language::Uk, "Харків").await;
    // Nothing is written in the person's transaction…
    assert_eq!(counts(&app).await, (Vec::new(), None));
    // …only when the writer adds what it holds.
    app.conversation.flush_checkins().await;
    let (far, searches) = counts(&app).await;
    assert_eq!(far, [(week, ODESKA.to_owned(), 1), (week, CHORNOMORSKA.to_owned(), 1)]);
    assert_eq!(searches, Some(4));
    // The rows name a week and a hromada: no person, point or time.
    let columns: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns \
         WHERE table_name IN ('unmet_demand', 'usage_week') ORDER BY 1",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    assert_eq!(columns, ["cards", "hromada", "searches", "searches", "signups", "subscriptions", "week", "week"]);
}

#[sqlx::test]
async fn a_centre_card_and_more_results_count_once_each(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("a", Language::Uk, "Харків").await;
    app.press("a", Language::Uk, &answer.button("1.")).await;
    app.press("a", Language::Uk, &answer.button("➕")).await;
    app.conversation.flush_checkins().await;
    let (searches, cards): (i64, i64) =
        sqlx::query_as("SELECT searches, cards FROM usage_week").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!((searches, cards), (1, 1), "\"show more\" is not a new search");
}

#[sqlx::test]
async fn the_statistics_page_hides_small_cells_exactly_as_the_cli_does(pool: PgPool) {
    let desk = Desk::start(pool).await;
    small_and_large_cells(&desk.app.store).await;
    let cookie = desk.signed_in_operator().await;
    let page = desk.get("/statistics", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    // "<" as the page escapes it, whichever way.
    let page = page.text().await.unwrap().replace("&#60;", "<").replace("&lt;", "<");
    let row = |area: &str| {
        let at = page.find(area).unwrap_or_else(|| panic!("no {area} in {page}"));
        page[at..].split("</tr>").next().unwrap().to_owned()
    };
    assert!(row("Уся Україна").contains("<td>34</td>"), "{}", row("Уся Україна"));
    assert!(row("Харківська").contains("<td>20</td>") && row("Харківська").contains("<td>60,0</td>"));
    assert!(row("Львівська").contains("<td><10</td>") && !row("Львівська").contains(">4<"), "{}", row("Львівська"));
    assert!(row("Область не вказано").contains("<td><10</td>"), "the next smallest is hidden too");
    // The same cells the CLI's table shows.
    let week = last_week();
    let table = desk.app.store.checkin_table((week, week + Duration::days(6))).await.unwrap();
    assert_eq!(table.iter().filter(|r| r.figures.is_some()).count(), 2, "{table:?}");
    // The chart, drawn on the server.
    assert!(page.contains("<svg") && page.contains("id=\"checkin-chart\""));
    // Usage: 25 searches shown, 3 cards hidden.
    let usage = &page[page.find("id=\"usage\"").unwrap()..];
    assert!(
        usage.contains("<td>25</td>") && usage.contains("<td><10</td>") && !usage.contains("<td>3</td>"),
        "{usage}"
    );
}

#[sqlx::test]
async fn the_coverage_table_and_its_csv_hide_small_cells_and_sort_by_demand(pool: PgPool) {
    let desk = Desk::start(pool).await;
    small_and_large_cells(&desk.app.store).await;
    far_searches(&desk.app.store, last_week() - Duration::weeks(1), BILHOROD, 40).await;
    // The current week is not shown: read twice, it would give one search away.
    far_searches(&desk.app.store, last_week() + Duration::weeks(1), CHORNOMORSKA, 50).await;
    let cookie = desk.signed_in_operator().await;
    let page = desk.get("/coverage", Some(&cookie)).await.text().await.unwrap();
    let bilhorod = page.find("<td>Білгород-Дністровська</td>").expect("40 shown");
    let odesa = page.find("<td>Одеська</td>").expect("12 shown");
    assert!(bilhorod < odesa, "most demand first");
    assert!(!page.contains("Чорноморська"), "3 is hidden, and 50 is this week: {page}");
    assert!(page.contains("Не показано 1 клітинку"), "{page}");

    let csv = desk.get("/coverage.csv", Some(&cookie)).await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "week,iso_week,oblast,hromada,katotth,searches");
    assert!(lines[1].ends_with(&format!("Білгород-Дністровська,{BILHOROD},40")), "{csv}");
    assert!(lines[2].ends_with(&format!("Одеська,{ODESKA},12")), "{csv}");
    assert_eq!(lines.len(), 3, "{csv}");
}

#[sqlx::test]
async fn coverage_is_for_operators_and_statistics_for_anyone_with_a_role(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let own = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    desk.app.store.add_coordinator(&own, &console("coord")).await.unwrap();
    let coordinator = desk.sign_in(&desk.link_from_bot("coord").await).await;
    for (path, expected) in [
        ("/statistics", StatusCode::OK),
        ("/coverage", StatusCode::FORBIDDEN),
        ("/coverage.csv", StatusCode::FORBIDDEN),
    ] {
        assert_eq!(desk.get(path, Some(&coordinator)).await.status(), expected, "{path}");
        assert_eq!(desk.get(path, None).await.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let refused = desk.get("/coverage.csv", Some(&coordinator)).await.text().await.unwrap();
    assert!(!refused.contains("katotth"), "no data in a refusal");
}

#[sqlx::test]
async fn new_sign_ups_and_subscriptions_are_counted_and_repeats_are_not(pool: PgPool) {
    use resilience_bot::conversation::{Action, Skipped};
    let app = TestApp::new(pool).await;
    crate::helpers::import_sample_groups(&app, 1).await;
    // Anna takes the seat, Boris the waiting list, Anna asks again.
    for user in ["anna", "boris", "anna"] {
        app.press(user, Language::Uk, &Action::Join("lviv-pws".into())).await;
        app.press(user, Language::Uk, &Action::Skip(Skipped::Name("lviv-pws".into()))).await;
        app.press(user, Language::Uk, &Action::Skip(Skipped::Phone("lviv-pws".into()))).await;
    }
    let lviv = resilience_bot::domain::CentreId::parse("sample-lvivska").unwrap();
    app.press("anna", Language::Uk, &Action::Subscribe(lviv.clone())).await;
    app.press("anna", Language::Uk, &Action::Subscribe(lviv)).await;
    app.conversation.flush_checkins().await;
    let (signups, subscriptions): (i64, i64) =
        sqlx::query_as("SELECT signups, subscriptions FROM usage_week").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!((signups, subscriptions), (2, 1));
}

/// A hundred cells a page, most searches first across the pages; the CSV has
/// every shown cell; a page past the last shows the last.
#[sqlx::test]
async fn the_coverage_table_shows_a_hundred_cells_a_page_and_the_csv_all(pool: PgPool) {
    let desk = Desk::start(pool).await;
    // 150 shown cells (searches 10..=159, a made-up hromada code each) and one hidden.
    let counts: BTreeMap<Count, i64> = (0..150)
        .map(|i| {
            let tally = Tally::FarSearch { hromada: format!("UA99{i:015}") };
            (Count { week: last_week(), tally }, 10 + i)
        })
        .chain([(Count { week: last_week(), tally: Tally::FarSearch { hromada: ODESKA.to_owned() } }, 9)])
        .collect();
    desk.app.store.add_counts(&counts).await.unwrap();
    let cookie = desk.signed_in_operator().await;
    let searches = |page: &str| -> Vec<i64> {
        let table = &page[page.find("<tbody>").unwrap()..page.find("</tbody>").unwrap()];
        table.split("<tr><td>").skip(1).map(|row| row.split('<').next().unwrap().parse().unwrap()).collect()
    };
    let first = desk.get("/coverage", Some(&cookie)).await.text().await.unwrap();
    assert_eq!(searches(&first), (60..=159).rev().collect::<Vec<i64>>());
    assert!(first.contains("Сторінка 1 з 2") && first.contains("href=\"/coverage?page=2\""), "{first}");
    assert!(first.contains("Не показано 1 клітинку"), "{first}");
    let second = desk.get("/coverage?page=2", Some(&cookie)).await.text().await.unwrap();
    assert_eq!(searches(&second), (10..=59).rev().collect::<Vec<i64>>());
    let past = desk.get("/coverage?page=9", Some(&cookie)).await.text().await.unwrap();
    assert_eq!(searches(&past), searches(&second));
    let refused = desk.get("/coverage?page=two", Some(&cookie)).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let said = refused.text().await.unwrap();
    assert!(said.contains("Ця адреса сторінки неправильна"), "the desk's own page, in Ukrainian: {said}");
    let anonymous = desk.get("/coverage?page=two", None).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "nobody signed in is asked to sign in first");
    let csv = desk.get("/coverage.csv", Some(&cookie)).await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 1 + 150, "{csv}");
}

#[sqlx::test]
async fn with_nothing_hidden_the_coverage_page_says_nothing_about_hidden_cells(pool: PgPool) {
    let desk = Desk::start(pool).await;
    far_searches(&desk.app.store, last_week(), BILHOROD, 40).await;
    let cookie = desk.signed_in_operator().await;
    let page = desk.get("/coverage", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("<td>Білгород-Дністровська</td>"), "{page}");
    assert!(!page.contains("coverage-hidden") && !page.contains("Не показано"), "{page}");
}
