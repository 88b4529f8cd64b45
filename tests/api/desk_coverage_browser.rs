//! Statistics and where centres are missing in headless Chromium: a small
//! cell hidden on both pages, the chart drawn, a coordinator refused the
//! coverage table. Screenshots: `statistics`, `coverage`.

use fantoccini::Locator;
use sqlx::PgPool;

use crate::desk::{Desk, console};
use crate::desk_browser::Browser;
use crate::desk_coverage::{BILHOROD, KHARKIV_OBLAST, checkins, far_searches, last_week, small_and_large_cells};

#[sqlx::test]
async fn an_operator_sees_small_cells_hidden_on_the_statistics_page_and_the_coverage_table(pool: PgPool) {
    let desk = Desk::start(pool).await;
    small_and_large_cells(&desk.app.store).await;
    // Earlier weeks, for a line on the chart and more rows in the table.
    for weeks_before in 2..6 {
        let week = last_week() - chrono::Duration::weeks(weeks_before);
        checkins(&desk.app.store, week, Some(KHARKIV_OBLAST), 10 + 3 * weeks_before as usize).await;
        far_searches(&desk.app.store, week, BILHOROD, 9 + 4 * weeks_before).await;
    }
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("op").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;

    browser.client.find(Locator::LinkText("Статистика")).await.unwrap().click().await.unwrap();
    let table = browser.client.wait().for_element(Locator::Css("#checkins")).await.unwrap().text().await.unwrap();
    let lviv = table.lines().find(|l| l.contains("Львівська")).unwrap_or_else(|| panic!("no Lviv in {table}"));
    assert!(lviv.contains("<10") && !lviv.contains(" 4 "), "{lviv}");
    let kharkiv = table.lines().find(|l| l.contains("Харківська")).unwrap();
    assert!(kharkiv.contains("20") && kharkiv.contains("60,0"), "{kharkiv}");
    let chart = browser.client.find(Locator::Css("#checkin-chart circle")).await;
    assert!(chart.is_ok(), "the week shown is a point on the chart");
    browser.screenshot("statistics").await;

    browser.client.find(Locator::LinkText("Де бракує центрів")).await.unwrap().click().await.unwrap();
    let table = browser.client.wait().for_element(Locator::Css("#coverage")).await.unwrap().text().await.unwrap();
    assert!(table.contains("Одеська") && table.contains("12"), "{table}");
    assert!(!table.contains("Чорноморська"), "3 far searches are not shown: {table}");
    assert!(browser.text().await.contains("Не показано 1 клітинку"));
    browser.screenshot("coverage").await;
    browser.client.clone().close().await.unwrap();
}

#[sqlx::test]
async fn a_coordinator_in_a_browser_sees_statistics_but_not_the_coverage_table(pool: PgPool) {
    let desk = Desk::start(pool).await;
    small_and_large_cells(&desk.app.store).await;
    let own = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    desk.app.store.add_coordinator(&own, &console("coord")).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("coord").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    assert!(browser.client.find(Locator::LinkText("Де бракує центрів")).await.is_err(), "no link to it");
    browser.client.goto(&format!("{}/coverage", desk.base)).await.unwrap();
    let refused = browser.text().await;
    assert!(refused.contains("Ця сторінка вам недоступна") && !refused.contains("Одеська"), "{refused}");
    browser.client.goto(&format!("{}/statistics", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("Уся Україна"));
    browser.client.clone().close().await.unwrap();
}
