//! The desk's centre page shows the centre's card exactly as the bot shows
//! it, in Ukrainian and in English (both call `wording::card::card`).

use chrono::Utc;
use reqwest::StatusCode;
use resilience_bot::conversation::{Action, Incoming};
use resilience_bot::domain::{CentreId, Language};
use sqlx::PgPool;

use crate::desk::Desk;

/// The text of `<pre id="card-{code}">` on a page, unescaped.
fn card_on_page(page: &str, code: &str) -> String {
    let open = format!("<pre id=\"card-{code}\">");
    let start = page.find(&open).unwrap_or_else(|| panic!("no {open} in {page}")) + open.len();
    let end = start + page[start..].find("</pre>").expect("the card ends");
    let mut text = page[start..end].to_owned();
    for (escaped, plain) in [
        ("&#60;", "<"),
        ("&lt;", "<"),
        ("&#62;", ">"),
        ("&gt;", ">"),
        ("&#34;", "\""),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&#38;", "&"),
        ("&amp;", "&"),
    ] {
        text = text.replace(escaped, plain);
    }
    text
}

#[sqlx::test]
async fn the_centre_page_shows_the_card_the_bot_shows_in_both_languages(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    for id in ["sample-izmailska", "sample-melitopolska"] {
        let centre = CentreId::parse(id).unwrap();
        // The bot at the same moment as the page (the card says "open now").
        let bot = desk.app.restarted(Utc::now());
        let response = desk.get(&format!("/centres/{id}"), Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = response.text().await.unwrap();
        for (language, code) in [(Language::Uk, "uk"), (Language::En, "en")] {
            let reader = format!("reader-{code}-{id}");
            let answer = desk
                .app
                .send_to(&bot, &reader, language, Incoming::Button(Action::Centre(centre.clone()).encode()))
                .await;
            let shown = card_on_page(&page, code);
            assert_eq!(shown, answer.text(), "{id} in {code}");
            let name = if language == Language::Uk { "Центр" } else { "Centre" };
            assert!(shown.contains(name), "{shown}");
        }
    }
}

#[sqlx::test]
async fn the_card_on_the_page_follows_an_edit(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let page = desk.get("/centres/sample-izmailska", Some(&cookie)).await.text().await.unwrap();
    let csrf = {
        let start = page.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
        page[start..].split('"').next().unwrap().to_owned()
    };
    let body = format!("csrf={csrf}&field=email&value=desk-card%40example.org");
    let saved = desk.post("/centres/sample-izmailska/edit", Some(&cookie), &body).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let page = desk.get("/centres/sample-izmailska", Some(&cookie)).await.text().await.unwrap();
    assert!(card_on_page(&page, "uk").contains("desk-card@example.org"), "{page}");
    assert!(card_on_page(&page, "en").contains("desk-card@example.org"), "{page}");
}
