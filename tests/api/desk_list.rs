//! The list's pages: in order by verified date, then name in Ukrainian
//! alphabetical order, then id, each centre on exactly one page, both ways;
//! the search over names and hromadas.

use resilience_bot::desk::alphabet;
use resilience_bot::directory::centre_csv;
use sqlx::PgPool;

use crate::desk::Desk;

/// The centre ids a list page links to, in order.
fn ids(page: &str) -> Vec<String> {
    page.split("<a href=\"/centres/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| !id.contains('?'))
        .map(str::to_owned)
        .collect()
}

#[sqlx::test]
async fn every_centre_is_on_exactly_one_page_in_order_both_ways(pool: PgPool) {
    let desk = Desk::start(pool).await;
    // Twice the sample: 92 centres, two pages.
    let sample = crate::helpers::SAMPLE_CSV;
    let copies: String = sample.lines().skip(1).map(|l| format!("{}\n", l.replacen("sample-", "copy-", 1))).collect();
    let file = format!("{sample}{copies}");
    let today = chrono::Utc::now().date_naive();
    desk.app.store.import_centres(&centre_csv::parse(file.as_bytes(), today).unwrap(), false).await.unwrap();
    let cookie = desk.signed_in_operator().await;
    let mut centres = desk.app.store.centres().await.unwrap();
    assert!(centres.len() > 50);
    let by_code_points: Vec<String> = {
        let mut sorted = centres.clone();
        sorted.sort_by(|a, b| a.verified_on.cmp(&b.verified_on).then_with(|| a.name_uk.cmp(&b.name_uk)));
        sorted.into_iter().map(|c| c.id.as_str().to_owned()).collect()
    };
    // By date, then name in Ukrainian alphabetical order ("Ізмаїльська"
    // after "Ж…", not before "А…" as by code points), then id.
    centres.sort_by(|a, b| {
        a.verified_on
            .cmp(&b.verified_on)
            .then_with(|| alphabet::compare(&a.name_uk, &b.name_uk))
            .then_with(|| a.id.as_str().cmp(b.id.as_str()))
    });

    for newest in [false, true] {
        let sort = if newest { "newest" } else { "" };
        let mut listed = Vec::new();
        for page in [1, 2] {
            let html = desk.get(&format!("/centres?sort={sort}&page={page}"), Some(&cookie)).await;
            listed.extend(ids(&html.text().await.unwrap()));
        }
        let mut expected: Vec<&str> = centres.iter().map(|c| c.id.as_str()).collect();
        if newest {
            expected.reverse();
        }
        assert_eq!(listed, expected, "newest: {newest}");
        if !newest {
            assert_ne!(listed, by_code_points, "the names' order is the alphabet's, not code points'");
        }
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), centres.len(), "each centre once");
    }

    let found = desk.get("/centres?q=%D0%86%D0%97%D0%9C%D0%90%D0%87%D0%9B", Some(&cookie)).await;
    let mut found = ids(&found.text().await.unwrap());
    found.sort();
    assert_eq!(found, ["copy-izmailska", "sample-izmailska"], "by name, any case");
    let by_hromada = desk.get("/centres?q=izmail", Some(&cookie)).await.text().await.unwrap();
    assert_eq!(ids(&by_hromada).len(), 2);
    let nothing = desk.get("/centres?q=no-such-centre", Some(&cookie)).await.text().await.unwrap();
    assert!(ids(&nothing).is_empty());
}

/// The number an overview link shows (`id="count-…"`).
fn count(page: &str, flag: &str) -> usize {
    let start = page.find(&format!("id=\"count-{flag}\"")).unwrap_or_else(|| panic!("no count-{flag}"));
    let text = &page[start..];
    let end = text.find("</a>").unwrap();
    text[..end].rsplit(": ").next().unwrap().trim().parse().unwrap()
}

/// The desk keeps each centre's coordinators and open reports between
/// requests; a change made elsewhere (the bot, the command line) shows on
/// the next page, and undoing it shows too.
#[sqlx::test]
async fn the_counts_follow_coordinators_and_reports_changed_outside_the_desk(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let overview = || async { desk.get("/", Some(&cookie)).await.text().await.unwrap() };
    let before = overview().await;
    let (lonely, reported) = (count(&before, "no-coordinator"), count(&before, "open-reports"));
    let centre = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    let coordinators_line = || async {
        let page = desk.get(&format!("/centres/{centre}"), Some(&cookie)).await.text().await.unwrap();
        let start = page.find("<p id=\"coordinators\">").unwrap();
        page[start..].split("</p>").next().unwrap().to_owned()
    };
    let none = coordinators_line().await;

    let coordinator = crate::desk::console("coord-elsewhere");
    assert!(desk.app.store.add_coordinator(&centre, &coordinator).await.unwrap());
    desk.app.say("reporter-1", resilience_bot::domain::Language::Uk, "/start").await;
    let today = chrono::Utc::now().date_naive();
    let filed =
        desk.app.store.report_centre(&crate::desk::console("reporter-1"), &centre, "hours", None, today).await.unwrap();
    assert!(matches!(filed, resilience_bot::store::Filed::Told(_)), "{filed:?}");
    let after = overview().await;
    assert_eq!(count(&after, "no-coordinator"), lonely - 1);
    assert_eq!(count(&after, "open-reports"), reported + 1);
    let one = coordinators_line().await;
    assert_ne!(one, none);
    assert!(one.contains('1'), "{one}");

    assert!(desk.app.store.revoke_coordinator(&centre, &coordinator).await.unwrap());
    let undone = overview().await;
    assert_eq!(count(&undone, "no-coordinator"), lonely);
    assert_eq!(coordinators_line().await, none);

    // Even a table emptied at once (no row trigger sees a TRUNCATE).
    sqlx::query("TRUNCATE centre_report CASCADE").execute(desk.app.store.pool()).await.unwrap();
    assert_eq!(count(&overview().await, "open-reports"), 0);
}
