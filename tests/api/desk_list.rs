//! The list's pages: in order by verified date then name, each centre on
//! exactly one page, both ways; the search over names and hromadas.

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
    centres.sort_by(|a, b| a.verified_on.cmp(&b.verified_on).then_with(|| a.name_uk.cmp(&b.name_uk)));

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
        // Equal dates and names may come either way round: compare the keys.
        let key = |id: &str| {
            let c = centres.iter().find(|c| c.id.as_str() == id).unwrap();
            (c.verified_on, c.name_uk.clone())
        };
        let listed_keys: Vec<_> = listed.iter().map(|id| key(id)).collect();
        let expected_keys: Vec<_> = expected.iter().map(|id| key(id)).collect();
        assert_eq!(listed_keys, expected_keys, "newest: {newest}");
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
