//! Coordinators, invitations and posters in the desk, read the way a phone
//! reads them: the QR code Chromium shows is screenshotted, decoded (rqrr),
//! and its link's start payload is sent to the bot in a terminal
//! conversation. An invitation makes a coordinator (and the operators are
//! told); a poster's code opens that centre's card.

use chrono::Utc;
use fantoccini::Locator;
use reqwest::StatusCode;
use resilience_bot::conversation::Incoming;
use resilience_bot::domain::Language;
use sqlx::PgPool;

use crate::desk::{Desk, TEST_BOT, TEST_VIBER_URI, console, csrf_of};
use crate::desk_browser::Browser;

/// The text of the one QR code in a PNG screenshot.
fn decode_qr(png_bytes: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let (width, height) = (frame.width as usize, frame.height as usize);
    let samples = frame.color_type.samples();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let at = (y * width + x) * samples;
        // Luma of the first three samples (or the one grey sample).
        let rgb = &pixels[at..at + samples.min(3)];
        (rgb.iter().map(|&v| u32::from(v)).sum::<u32>() / rgb.len() as u32) as u8
    });
    let grids = image.detect_grids();
    if grids.len() != 1 {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/desk-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("undecoded-qr.png"), png_bytes).unwrap();
    }
    assert_eq!(grids.len(), 1, "one QR code in the screenshot (target/desk-screenshots/undecoded-qr.png)");
    grids[0].decode().unwrap().1
}

/// The decoded QR code of the element `css` as Chromium draws it.
async fn scan(browser: &Browser, css: &str) -> String {
    let element = browser.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"));
    decode_qr(&element.screenshot().await.unwrap())
}

/// The value of `name` in a link's query.
fn query_value(link: &str, name: &str) -> String {
    let url = reqwest::Url::parse(link).unwrap();
    url.query_pairs().find(|(key, _)| key == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

#[sqlx::test]
async fn an_invitation_made_in_the_desk_and_scanned_from_its_qr_code_makes_a_coordinator(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centre = desk.app.store.centres().await.unwrap()[0].clone();
    let id = centre.id.as_str().to_owned();
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("op").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    browser.client.goto(&format!("{}/centres/{id}", desk.base)).await.unwrap();
    browser.submit("#link-coordinators", "#invite").await;
    assert!(browser.text().await.contains("У цього центру немає координаторів"));

    browser.submit("#invite", "#invite-telegram-qr svg").await;
    browser.screenshot("invitation").await;
    let link = scan(&browser, "#invite-telegram-qr svg").await;
    assert!(link.starts_with(&format!("https://t.me/{TEST_BOT}?start=coord-")), "{link}");
    let shown = browser.client.find(Locator::Css("#invite-telegram-link")).await.unwrap().text().await.unwrap();
    assert_eq!(shown, link, "the QR code says what the link says");
    let viber = scan(&browser, "#invite-viber-qr svg").await;
    assert!(viber.starts_with(&format!("viber://pa?chatURI={TEST_VIBER_URI}&context=coord-")), "{viber}");
    let payload = query_value(&link, "start");
    assert_eq!(query_value(&viber, "context"), payload, "one code, two links");
    let audit = crate::desk::changes(&desk).await;
    assert_eq!((audit[0].action.as_str(), audit[0].subject.as_str()), ("invite-coordinator", id.as_str()));
    assert!(!format!("{audit:?}").contains(&payload[6..]), "the code is never kept, not even in the audit log");

    // The new coordinator's phone opens the link: the bot gets `/start <payload>`.
    let now = desk.app.restarted(Utc::now());
    let start = Incoming::from_text(&format!("/start {payload}"));
    let welcome = desk.app.send_to(&now, "new-coordinator-7741", Language::Uk, start).await.text();
    assert!(welcome.contains("Тепер ви координатор"), "{welcome}");
    assert!(desk.app.store.coordinates(&console("new-coordinator-7741"), &id).await.unwrap());
    let again = desk.app.say("someone-else", Language::Uk, &format!("/start {payload}")).await.text();
    assert!(again.contains("вже використано"), "one use only: {again}");

    // The operator is told in the bot.
    let told = desk.app.notices_for("op", Utc::now()).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].text().contains("coordinator of") || told[0].text().contains("новий координатор"), "{told:?}");

    browser.client.goto(&format!("{}/centres/{id}/coordinators", desk.base)).await.unwrap();
    let page = browser.text().await;
    assert!(page.contains("термінал …741") && page.contains("використано"), "who used it, masked: {page}");
    assert!(!page.contains("new-coordinator-7741"), "never the whole id: {page}");
    browser.screenshot("coordinators").await;
    browser.client.clone().close().await.unwrap();
}

#[sqlx::test]
async fn an_operator_revokes_a_coordinator_and_a_coordinator_cannot(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let id = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    desk.app.store.add_coordinator(&id, &console("coord-1234")).await.unwrap();
    let coordinator = desk.sign_in(&desk.link_from_bot("coord-1234").await).await;
    let page = desk.get(&format!("/centres/{id}/coordinators"), Some(&coordinator)).await.text().await.unwrap();
    assert!(page.contains("…234") && !page.contains("coord-1234"), "{page}");
    assert!(!page.contains("/coordinators/invite"), "coordinators do not invite");
    let csrf = csrf_of(&page);
    let key = crate::desk::desk_key(&desk, &id, "coord-1234").await;
    let by_coordinator = desk
        .post(&format!("/centres/{id}/coordinators/revoke"), Some(&coordinator), &format!("csrf={csrf}&key={key}"))
        .await;
    assert_eq!(by_coordinator.status(), StatusCode::FORBIDDEN);
    let invite =
        desk.post(&format!("/centres/{id}/coordinators/invite"), Some(&coordinator), &format!("csrf={csrf}")).await;
    assert_eq!(invite.status(), StatusCode::FORBIDDEN);

    let operator = desk.signed_in_operator().await;
    let page = desk.get(&format!("/centres/{id}/coordinators"), Some(&operator)).await.text().await.unwrap();
    assert!(page.contains(&format!("value=\"{key}\"")), "{page}");
    let csrf = csrf_of(&page);
    let unknown = desk
        .post(&format!("/centres/{id}/coordinators/revoke"), Some(&operator), &format!("csrf={csrf}&key=0000"))
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let revoked = desk
        .post(&format!("/centres/{id}/coordinators/revoke"), Some(&operator), &format!("csrf={csrf}&key={key}"))
        .await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert!(!desk.app.store.coordinates(&console("coord-1234"), &id).await.unwrap());
    assert_eq!(
        desk.get("/", Some(&coordinator)).await.status(),
        StatusCode::UNAUTHORIZED,
        "their last role: signed out"
    );
    let audit = crate::desk::changes(&desk).await;
    assert_eq!(audit[0].action, "revoke-coordinator");
    assert_eq!(audit[0].old_value.as_deref(), Some("console …234"));
}

#[sqlx::test]
async fn a_posters_qr_code_opens_the_bot_on_that_centres_card(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centre = desk.app.store.centres().await.unwrap()[3].clone();
    let id = centre.id.as_str().to_owned();
    desk.app.store.add_coordinator(&id, &console("coord")).await.unwrap();
    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("coord").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    browser.client.goto(&format!("{}/centres/{id}", desk.base)).await.unwrap();
    browser.submit("#link-poster", "#poster-telegram-qr svg").await;
    let poster = browser.text().await;
    assert!(poster.contains(&centre.name_uk), "{poster}");
    if let Some(address) = &centre.address_uk {
        assert!(poster.contains(address.as_str()), "{poster}");
    }
    let source = browser.client.source().await.unwrap();
    assert!(source.contains("@page") && source.contains("size: A4"), "a print page");
    browser.screenshot("poster").await;

    let link = scan(&browser, "#poster-telegram-qr svg").await;
    assert_eq!(link, format!("https://t.me/{TEST_BOT}?start=centre-{id}"));
    let viber = scan(&browser, "#poster-viber-qr svg").await;
    assert_eq!(viber, format!("viber://pa?chatURI={TEST_VIBER_URI}&context=centre-{id}"));

    let card = desk.app.say("passer-by", Language::Uk, &format!("/start {}", query_value(&link, "start"))).await;
    let text = card.text();
    assert!(text.contains(&centre.name_uk), "the card of that centre: {text}");
    let other = desk.app.store.centres().await.unwrap()[0].name_uk.clone();
    assert!(!text.contains(&other), "{text}");

    // A coordinator of another centre gets no poster of this one.
    browser
        .client
        .goto(&format!("{}/centres/{other_id}/poster", desk.base, other_id = "sample-nowhere"))
        .await
        .unwrap();
    assert!(browser.text().await.contains("Ця сторінка вам недоступна"));
    browser.client.clone().close().await.unwrap();
}

#[sqlx::test]
async fn forget_clears_who_made_and_who_used_an_invitation(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let id = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    desk.app.say("maker", Language::Uk, "/start").await;
    let until = Utc::now() + chrono::Duration::hours(1);
    let code = desk.app.store.invite_coordinator(&id, until, Some(&console("maker"))).await.unwrap().unwrap();
    assert!(desk.app.store.invite_coordinator("nowhere", until, None).await.unwrap().is_none(), "no such centre");
    let now = desk.app.restarted(Utc::now());
    desk.app.send_to(&now, "user", Language::Uk, Incoming::from_text(&format!("/start coord-{code}"))).await;
    let ids = || async {
        sqlx::query_as::<_, (Option<String>, Option<String>)>(
            "SELECT created_by_id, used_by_id FROM coordinator_invite WHERE centre_id = $1",
        )
        .bind(&id)
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap()
    };
    assert_eq!(ids().await, (Some("maker".to_owned()), Some("user".to_owned())));
    desk.app.say("user", Language::Uk, "/forget").await;
    desk.app.say("maker", Language::Uk, "/forget").await;
    assert_eq!(ids().await, (None, None));
}

/// A sample centre's poster says it is a sample (the door must not take it
/// for a real centre), and asks once to scan the codes it shows.
#[sqlx::test]
async fn a_sample_centres_poster_says_it_is_a_sample(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let poster = desk.get("/centres/sample-lvivska/poster", Some(&cookie)).await.text().await.unwrap();
    assert!(poster.contains("id=\"poster-sample\"") && poster.contains("зразок, не справжні дані"), "{poster}");
    assert!(poster.contains("poster-telegram-qr"), "the test desk knows the bot's Telegram name");
    let scan = poster.matches("Наведіть камеру").count();
    assert_eq!(scan, 1, "{poster}");
}
