//! A centre's hours on the desk: typed (as `opening_hours` or in words) or
//! set day by day in the guided picker, previewed as a week with "open
//! now", saved through the bot's edit path with an audit row.

use std::time::Duration;

use fantoccini::Locator;
use reqwest::StatusCode;
use sqlx::PgPool;

use crate::desk::Desk;
use crate::desk_browser::Browser;

fn csrf_of(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

/// The picker's form body: Mon–Thu 09:00–18:00, Fri 09:00–16:00, the weekend closed.
fn week(csrf: &str) -> String {
    let days = ["mo", "tu", "we", "th"].map(|d| format!("&{d}_from=09%3A00&{d}_to=18%3A00")).concat();
    format!(
        "csrf={csrf}&field=opening_hours&picker=1{days}&fr_from=09%3A00&fr_to=16%3A00&sa_from=&sa_to=&su_from=&su_to="
    )
}

async fn stored_hours(desk: &Desk, id: &str) -> Option<String> {
    let centres = desk.app.store.centres().await.unwrap();
    centres.into_iter().find(|c| c.id.as_str() == id).unwrap().opening_hours
}

#[sqlx::test]
async fn the_picker_previews_a_week_and_saves_it_through_the_edit_path(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let id = "sample-izmailska";
    let page = desk.get(&format!("/centres/{id}"), Some(&cookie)).await.text().await.unwrap();
    // The stored Mo-Fr 09:00-18:00 fills the picker.
    assert!(
        page.contains("name=\"mo_from\" value=\"09:00\"") && page.contains("name=\"sa_from\" value=\"\""),
        "{page}"
    );
    let csrf = csrf_of(&page);

    let preview = desk.post(&format!("/centres/{id}/preview"), Some(&cookie), &week(&csrf)).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let preview = preview.text().await.unwrap();
    assert!(preview.contains("Mo-Th 09:00-18:00; Fr 09:00-16:00; Sa-Su off"), "{preview}");
    assert!(preview.contains("Пт: 09:00–16:00"), "{preview}");
    assert!(preview.contains("Зараз відчинено.") || preview.contains("Зараз зачинено."), "{preview}");
    assert_eq!(stored_hours(&desk, id).await.as_deref(), Some("Mo-Fr 09:00-18:00"), "a preview saves nothing");

    // Half a day is refused by its day, and nothing changes.
    let half = week(&csrf).replace("&sa_from=&", "&sa_from=10%3A00&");
    let refused = desk.post(&format!("/centres/{id}/edit"), Some(&cookie), &half).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("«Sa»"));
    assert_eq!(stored_hours(&desk, id).await.as_deref(), Some("Mo-Fr 09:00-18:00"));

    let saved = desk.post(&format!("/centres/{id}/edit"), Some(&cookie), &week(&csrf)).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let value = "Mo-Th 09:00-18:00; Fr 09:00-16:00; Sa-Su off";
    assert_eq!(stored_hours(&desk, id).await.as_deref(), Some(value));
    let changes = crate::desk::changes(&desk).await;
    assert_eq!((changes[0].action.as_str(), changes[0].new_value.as_deref()), ("edit-centre", Some(value)));
}

/// A desk, and a browser signed in to it as an operator through the bot's link.
async fn operator_in_a_browser(pool: PgPool) -> (Desk, Browser) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&crate::desk::console("op")).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("op").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    (desk, browser)
}

#[sqlx::test]
async fn hours_typed_in_words_are_previewed_then_saved_in_a_browser(pool: PgPool) {
    let (desk, browser) = operator_in_a_browser(pool).await;
    let id = "sample-izmailska";
    browser.client.goto(&format!("{}/centres/{id}", desk.base)).await.unwrap();
    let before = browser.client.find(Locator::Css("#hours-preview")).await.unwrap().text().await.unwrap();
    assert!(before.contains("Пн–Пт: 09:00–18:00"), "{before}");

    let hours = browser.client.find(Locator::Css("#edit-opening_hours")).await.unwrap();
    hours.clear().await.unwrap();
    hours.send_keys("пн–сб з 10:00 до 14:00").await.unwrap();
    browser.submit("#preview-hours", "#hours-preview strong").await;
    let preview = browser.client.find(Locator::Css("#hours-preview")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("Пн–Сб: 10:00–14:00") && preview.contains("Mo-Sa 10:00-14:00"), "{preview}");
    assert_ne!(preview, before);
    browser.screenshot("hours-picker").await;

    // Saving from the preview keeps the value typed.
    browser.client.find(Locator::Css("#save-opening_hours")).await.unwrap().click().await.unwrap();
    let waited = browser.client.wait().at_most(Duration::from_secs(10));
    waited.for_url(&format!("{}/centres/{id}", desk.base).parse().unwrap()).await.unwrap();
    browser.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("#card-uk")).await.unwrap();
    assert_eq!(stored_hours(&desk, id).await.as_deref(), Some("Mo-Sa 10:00-14:00"));
    let card = browser.client.find(Locator::Css("#card-uk")).await.unwrap().text().await.unwrap();
    assert!(card.contains("Пн–Сб"), "the card shows the new hours: {card}");
    let changes = crate::desk::changes(&desk).await;
    assert_eq!(changes[0].new_value.as_deref(), Some("Mo-Sa 10:00-14:00"), "{changes:?}");
    browser.client.goto(&format!("{}/audit", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("Mo-Sa 10:00-14:00"));
    browser.client.clone().close().await.unwrap();
}

/// With JavaScript, the preview follows the typing (htmx, served by the desk
/// itself): no button pressed, no page loaded, nothing saved.
#[sqlx::test]
async fn the_hours_preview_follows_the_typing_in_a_browser(pool: PgPool) {
    let (desk, browser) = operator_in_a_browser(pool).await;
    let id = "sample-izmailska";
    let page = format!("{}/centres/{id}", desk.base);
    browser.client.goto(&page).await.unwrap();
    let hours = browser.client.find(Locator::Css("#edit-opening_hours")).await.unwrap();
    hours.clear().await.unwrap();
    hours.send_keys("вт–сб з 11:00 до 15:00").await.unwrap();
    let preview = preview_showing(&browser, "Tu-Sa 11:00-15:00").await;
    assert!(preview.contains("Вт–Сб: 11:00–15:00"), "{preview}");
    assert_eq!(browser.client.current_url().await.unwrap().as_str(), page, "the page stayed");
    assert_eq!(stored_hours(&desk, id).await.as_deref(), Some("Mo-Fr 09:00-18:00"), "a preview saves nothing");

    // The picker previews on each change too.
    // Set as a person's picking leaves them (typing into a time field
    // depends on the browser's 12- or 24-hour locale), then a change event.
    let pick = "document.querySelector('#picker-sa-from').value = '10:00'; \
                const to = document.querySelector('#picker-sa-to'); to.value = '13:00'; \
                to.dispatchEvent(new Event('change', { bubbles: true }));";
    browser.client.execute(pick, Vec::new()).await.unwrap();
    let picked = preview_showing(&browser, "Sa 10:00-13:00").await;
    assert!(picked.contains("Сб: 10:00–13:00"), "{picked}");

    // A day with an opening time but no closing time, as while picking: the
    // preview says which day, instead of keeping the last week shown.
    let half = "const to = document.querySelector('#picker-mo-to'); to.value = ''; \
                to.dispatchEvent(new Event('change', { bubbles: true }));";
    browser.client.execute(half, Vec::new()).await.unwrap();
    let refused = preview_showing(&browser, "«Mo»").await;
    assert!(!refused.contains("Sa 10:00-13:00"), "{refused}");
    assert_eq!(stored_hours(&desk, id).await.as_deref(), Some("Mo-Fr 09:00-18:00"));
    browser.client.clone().close().await.unwrap();
}

/// The preview's text once it shows `expected`, waiting up to ten seconds
/// (each swap replaces the element, so it is looked up afresh each time).
async fn preview_showing(browser: &Browser, expected: &str) -> String {
    let mut last = String::new();
    for _ in 0..50 {
        if let Ok(element) = browser.client.find(Locator::Css("#hours-preview")).await
            && let Ok(text) = element.text().await
        {
            if text.contains(expected) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the preview never showed {expected:?}; last: {last:?}");
}

#[sqlx::test]
async fn the_desk_serves_its_own_htmx_and_only_the_centre_page_may_run_it(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let script = desk.get("/htmx-2.0.11.min.js", None).await;
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(script.headers()["content-type"], "text/javascript; charset=utf-8");
    assert_eq!(script.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(script.text().await.unwrap().contains("htmx"));
    let cookie = desk.signed_in_operator().await;
    let policy =
        |response: &reqwest::Response| response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let centre = desk.get("/centres/sample-izmailska", Some(&cookie)).await;
    assert!(policy(&centre).contains("script-src 'self'") && policy(&centre).contains("connect-src 'self'"));
    assert_eq!(centre.headers()["cache-control"], "no-store");
    for path in ["/", "/centres", "/reports", "/statistics", "/audit", "/no-such-page"] {
        let page = desk.get(path, Some(&cookie)).await;
        let policy = policy(&page);
        assert!(policy.contains("default-src 'none'") && !policy.contains("script-src"), "{path}: {policy}");
        assert_eq!(page.headers()["cache-control"], "no-store", "{path}");
    }
}
