//! The desk's reports inbox: filters, who sees which reports, closing one
//! (in Chromium: an operator closes a report about a centre nobody
//! coordinates), and fixing the card from a report, which renews the
//! card's verified date and closes the report as fixed. The reporter is
//! never shown.

use chrono::Utc;
use fantoccini::Locator;
use reqwest::StatusCode;
use resilience_bot::domain::Language;
use resilience_bot::store::Filed;
use sqlx::PgPool;

use crate::desk::{Desk, console, csrf_of};
use crate::desk_browser::Browser;

/// A person (who wrote to the bot, as every reporter did) reports a centre.
async fn report(desk: &Desk, reporter: &str, centre: &str, topic: &str, details: &str) -> i64 {
    desk.app.say(reporter, Language::Uk, "/start").await;
    let today = Utc::now().date_naive();
    let filed = desk.app.store.report_centre(&console(reporter), centre, topic, Some(details), today).await.unwrap();
    assert!(matches!(filed, Filed::Told(_)), "{filed:?}");
    sqlx::query_scalar("SELECT max(id) FROM centre_report").fetch_one(desk.app.store.pool()).await.unwrap()
}

async fn handled(desk: &Desk, report: i64) -> (bool, Option<String>) {
    sqlx::query_as("SELECT handled_at IS NOT NULL, resolution FROM centre_report WHERE id = $1")
        .bind(report)
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap()
}

#[sqlx::test]
async fn an_operator_closes_a_report_of_a_centre_with_no_coordinator_in_a_browser(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centres = desk.app.store.centres().await.unwrap();
    let (lonely, coordinated) = (centres[0].id.as_str().to_owned(), centres[1].id.as_str().to_owned());
    desk.app.store.add_coordinator(&coordinated, &console("coord")).await.unwrap();
    let lonely_report = report(&desk, "reporter-4821", &lonely, "hours", "Працюють до 20:00, не до 18:00").await;
    let other_report = report(&desk, "reporter-4822", &coordinated, "phone", "Номер не відповідає").await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("op").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;

    browser.client.goto(&format!("{}/reports", desk.base)).await.unwrap();
    let all = browser.text().await;
    assert!(all.contains("Працюють до 20:00") && all.contains("Номер не відповідає"), "{all}");
    assert!(!all.contains("reporter-48"), "the reporter is never shown: {all}");
    let source = browser.client.source().await.unwrap();
    assert!(!source.contains("reporter-48"), "not even in the page's source");

    // Only centres nobody coordinates in the bot: those reports reached nobody.
    browser.client.find(Locator::Css("#filter-uncoordinated")).await.unwrap().click().await.unwrap();
    browser.submit("#filter-apply", "#reports").await;
    let row = browser.client.find(Locator::Css(&format!("#report-{lonely_report}"))).await.unwrap();
    assert!(row.text().await.unwrap().contains("немає координатора в боті"));
    let rows = browser.client.find_all(Locator::Css("#reports tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 1, "the coordinated centre's report is filtered out");
    browser.screenshot("reports").await;

    browser.submit(&format!("#close-{lonely_report}"), "#report-filter").await;
    assert_eq!(handled(&desk, lonely_report).await, (true, Some("handled".to_owned())));
    assert_eq!(handled(&desk, other_report).await, (false, None));
    // Back to the same filter: the closed report is gone from it, so nothing is left.
    assert!(browser.text().await.contains("Таких повідомлень немає"));
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.query(), Some("status=open&uncoordinated=1"), "{url}");
    let audit = crate::desk::changes(&desk).await;
    assert_eq!(audit[0].action, "close-report");
    assert_eq!(audit[0].subject, format!("{lonely} report {lonely_report}"));
    assert_eq!((audit[0].old_value.as_deref(), audit[0].new_value.as_deref()), (Some("open"), Some("handled")));
    browser.client.clone().close().await.unwrap();
}

#[sqlx::test]
async fn a_coordinator_sees_and_closes_only_their_centres_reports(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centres = desk.app.store.centres().await.unwrap();
    let (own, other) = (centres[0].id.as_str().to_owned(), centres[1].id.as_str().to_owned());
    desk.app.store.add_coordinator(&own, &console("coord")).await.unwrap();
    let own_report = report(&desk, "r1", &own, "address", "Вхід з двору").await;
    let other_report = report(&desk, "r2", &other, "closed", "Зачинено вже місяць").await;
    let cookie = desk.sign_in(&desk.link_from_bot("coord").await).await;

    let page = desk.get("/reports?status=all", Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("Вхід з двору") && !page.contains("Зачинено вже місяць"), "{page}");
    // Asking for the other centre by name changes nothing.
    let asked = desk.get(&format!("/reports?centre={other}"), Some(&cookie)).await.text().await.unwrap();
    assert!(!asked.contains("Зачинено вже місяць"), "{asked}");
    let csrf = csrf_of(&page);

    let elsewhere = desk.post(&format!("/reports/{other_report}/close"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    let forged = desk.post(&format!("/reports/{own_report}/close"), Some(&cookie), "csrf=forged").await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let nonsense = desk.post("/reports/abc/close", Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(nonsense.status(), StatusCode::NOT_FOUND);
    assert_eq!((handled(&desk, own_report).await.0, handled(&desk, other_report).await.0), (false, false));
    assert!(crate::desk::changes(&desk).await.is_empty(), "refusals change nothing");

    let closed = desk.post(&format!("/reports/{own_report}/close"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(closed.status(), StatusCode::SEE_OTHER);
    let again = desk.post(&format!("/reports/{own_report}/close"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(crate::desk::changes(&desk).await.len(), 1, "closed once, audited once");
}

#[sqlx::test]
async fn fixing_the_card_from_a_report_renews_its_verified_date_and_closes_the_report(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centre = desk.app.store.centres().await.unwrap()[0].clone();
    let id = centre.id.as_str().to_owned();
    sqlx::query("UPDATE centre SET verified_on = '2024-01-15' WHERE id = $1")
        .bind(&id)
        .execute(desk.app.store.pool())
        .await
        .unwrap();
    let report_id = report(&desk, "r1", &id, "phone", "Новий номер: 044 123 45 67").await;
    let cookie = desk.signed_in_operator().await;

    let page = desk.get(&format!("/centres/{id}?report={report_id}"), Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("id=\"report-beside\"") && page.contains("Новий номер: 044 123 45 67"), "{page}");
    assert!(page.contains(&format!("name=\"report\" value=\"{report_id}\"")), "the forms carry the report");
    assert!(!page.contains("r1\""), "never the reporter");
    let csrf = csrf_of(&page);

    // A refused value keeps the report open and beside the form.
    let bad = format!("csrf={csrf}&field=phone&value=call+us&report={report_id}");
    let refused = desk.post(&format!("/centres/{id}/edit"), Some(&cookie), &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"report-beside\""));
    assert_eq!(handled(&desk, report_id).await, (false, None));

    let good = format!("csrf={csrf}&field=phone&value=%2B380441234567&report={report_id}");
    let saved = desk.post(&format!("/centres/{id}/edit"), Some(&cookie), &good).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(handled(&desk, report_id).await, (true, Some("fixed".to_owned())));
    let stored = desk.app.store.centres().await.unwrap().into_iter().find(|c| c.id == centre.id).unwrap();
    let today = Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    assert_eq!(stored.verified_on, today);
    let actions: Vec<String> = crate::desk::changes(&desk).await.into_iter().map(|a| a.action).collect();
    assert_eq!(actions, ["close-report", "edit-centre"]);

    // A closed report is no longer shown beside the form.
    let after = desk.get(&format!("/centres/{id}?report={report_id}"), Some(&cookie)).await.text().await.unwrap();
    assert!(!after.contains("id=\"report-beside\""));
}
