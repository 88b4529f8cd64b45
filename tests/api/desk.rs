//! The operator desk over real HTTP on loopback: signing in with the link the
//! bot sends, the cookie's flags, single use and expiry, CSRF, sign-out, and
//! the role checked on every route (nobody, a coordinator of another centre,
//! an operator).

use std::sync::Arc;

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use resilience_bot::desk::{self, DeskConfig, DeskState, MAX_FAILURES};
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::i18n::Catalog;
use sqlx::PgPool;

use crate::helpers::TestApp;

/// A desk served on a free loopback port, with the bot that sends its links.
pub(crate) struct Desk {
    pub(crate) app: TestApp,
    pub(crate) base: String,
    http: reqwest::Client,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for Desk {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The bot's names the test desk's links use.
pub(crate) const TEST_BOT: &str = "resilience_test_bot";
pub(crate) const TEST_VIBER_URI: &str = "resiliencetest";

pub(crate) fn console(id: &str) -> Person {
    Person { channel: ChannelKind::Console, external_id: id.to_owned() }
}

impl Desk {
    pub(crate) async fn start(pool: PgPool) -> Self {
        Self::start_with(pool, |state| state).await
    }

    /// A desk whose state `tune` completes (a geocoder, …).
    pub(crate) async fn start_with(pool: PgPool, tune: impl FnOnce(DeskState) -> DeskState) -> Self {
        let app = TestApp::new(pool).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let links = resilience_bot::domain::BotLinks::new(Some(TEST_BOT), Some(TEST_VIBER_URI));
        let config = DeskConfig { url: base.parse().unwrap(), links };
        let state = DeskState::new(app.store.clone(), Arc::new(Catalog::load_desk().unwrap()), &config)
            .with_publication(crate::desk_export::publication());
        let state = tune(state);
        let server = tokio::spawn(desk::serve(listener, state, std::future::pending()));
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { app, base, http, server }
    }

    /// What the bot answers `/desk` from a terminal user, now.
    pub(crate) async fn ask_bot(&self, user: &str) -> String {
        let conversation = self.app.restarted(Utc::now()).with_desk_url(Some(self.base.clone()));
        self.app
            .send_to(&conversation, user, Language::En, resilience_bot::conversation::Incoming::from_text("/desk"))
            .await
            .text()
    }

    /// The sign-in link in the bot's answer.
    pub(crate) async fn link_from_bot(&self, user: &str) -> String {
        let text = self.ask_bot(user).await;
        let start = text.find(&self.base).unwrap_or_else(|| panic!("no link in {text:?}"));
        text[start..].split_whitespace().next().unwrap().to_owned()
    }

    pub(crate) async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        request.send().await.unwrap()
    }

    pub(crate) async fn post(&self, url: &str, cookie: Option<&str>, body: &str) -> reqwest::Response {
        let url = if url.starts_with("http") { url.to_owned() } else { format!("{}{url}", self.base) };
        let mut request =
            self.http.post(url).header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(body.to_owned());
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        request.send().await.unwrap()
    }

    /// Signs in through a link; the session cookie as a browser sends it back.
    pub(crate) async fn sign_in(&self, link: &str) -> String {
        let confirm = self.http.get(link).send().await.unwrap();
        assert_eq!(confirm.status(), StatusCode::OK);
        let response = self.post(link, None, "").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{:?}", response.text().await);
        let set_cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
        set_cookie.split(';').next().unwrap().to_owned()
    }

    pub(crate) async fn signed_in_operator(&self) -> String {
        self.app.store.add_operator(&console("op")).await.unwrap();
        let link = self.link_from_bot("op").await;
        self.sign_in(&link).await
    }
}

/// The audit rows of changes (all but signing in and out), newest first.
pub(crate) async fn changes(desk: &Desk) -> Vec<resilience_bot::store::AuditEntry> {
    let rows = desk.app.store.audit_log(100).await.unwrap();
    rows.into_iter().filter(|row| !matches!(row.action.as_str(), "sign-in" | "sign-out")).collect()
}

/// The key the coordinators page's revoke form names a coordinator of a centre by.
pub(crate) async fn desk_key(desk: &Desk, centre: &str, coordinator: &str) -> String {
    sqlx::query_scalar("SELECT desk_key::text FROM coordinator WHERE centre_id = $1 AND external_id = $2")
        .bind(centre)
        .bind(coordinator)
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap_or_else(|e| panic!("{coordinator} coordinates {centre}: {e}"))
}

pub(crate) fn csrf_of(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

#[sqlx::test]
async fn an_operator_signs_in_through_the_link_the_bot_sent_and_only_once(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let link = desk.link_from_bot("op").await;
    assert!(link.starts_with(&format!("{}/sign-in/", desk.base)), "{link}");

    // Opening the link (as a chat app's preview does) does not use it up.
    let preview = desk.http.get(&link).send().await.unwrap();
    assert_eq!(preview.status(), StatusCode::OK);
    let response = desk.post(&link, None, "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/");
    let set_cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    for flag in ["desk_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(flag), "{set_cookie}");
    }
    // Plain http on loopback: no Secure, or the browser would drop it.
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap();

    let overview = desk.get("/", Some(cookie)).await;
    assert_eq!(overview.status(), StatusCode::OK);
    let headers = overview.headers();
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    let page = overview.text().await.unwrap();
    assert!(page.contains("Огляд") && page.contains("count-stale"), "{page}");

    let again = desk.post(&link, None, "").await;
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
    assert!(again.headers().get(SET_COOKIE).is_none());
}

#[sqlx::test]
async fn an_expired_or_unknown_link_is_refused(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let eleven_minutes_ago = Utc::now() - Duration::minutes(11);
    let token = desk.app.store.create_desk_link(&console("op"), eleven_minutes_ago).await.unwrap().unwrap();
    let expired = desk.post(&format!("/sign-in/{token}"), None, "").await;
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);
    let unknown = desk.post(&format!("/sign-in/{}", "0".repeat(32)), None, "").await;
    assert_eq!(unknown.status(), StatusCode::FORBIDDEN);
    assert!(unknown.text().await.unwrap().contains("посилання не працює"));
}

#[sqlx::test]
async fn someone_with_no_role_gets_no_link(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let text = desk.ask_bot("stranger").await;
    assert!(text.contains("The desk is for the bot’s operators"), "{text}");
    assert!(!text.contains(&desk.base), "{text}");
    assert!(desk.app.store.create_desk_link(&console("stranger"), Utc::now()).await.unwrap().is_none());
}

#[sqlx::test]
async fn repeated_failed_sign_ins_are_slowed_down(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    for _ in 0..MAX_FAILURES {
        let refused = desk.post(&format!("/sign-in/{}", "a".repeat(32)), None, "").await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    // Even a good link waits now.
    let link = desk.link_from_bot("op").await;
    assert_eq!(desk.post(&link, None, "").await.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[sqlx::test]
async fn signing_out_needs_the_csrf_token_and_ends_the_session(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let page = desk.get("/", Some(&cookie)).await.text().await.unwrap();
    let csrf = csrf_of(&page);

    assert_eq!(desk.post("/sign-out", Some(&cookie), "").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(desk.post("/sign-out", Some(&cookie), "csrf=wrong").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(desk.get("/", Some(&cookie)).await.status(), StatusCode::OK, "still signed in");

    let out = desk.post("/sign-out", Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(out.status(), StatusCode::OK);
    assert!(out.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(desk.get("/", Some(&cookie)).await.status(), StatusCode::UNAUTHORIZED);
}

/// Every GET route of the desk, with a centre the coordinator below does not coordinate.
const ROUTES: [&str; 16] = [
    "/",
    "/centres",
    "/centres/{other}",
    "/audit",
    "/export/centres.csv",
    "/import",
    "/reports",
    "/centres/{other}/coordinators",
    "/centres/{other}/poster",
    "/centres/{other}/groups",
    "/centres/{other}/messages",
    "/statistics",
    "/coverage",
    "/coverage.csv",
    "/export/services.json",
    "/export/centres.geojson",
];

#[sqlx::test]
async fn every_route_refuses_nobody(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let other = desk.app.store.centres().await.unwrap()[1].id.as_str().to_owned();
    for route in ROUTES {
        let path = route.replace("{other}", &other);
        assert_eq!(desk.get(&path, None).await.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(desk.get(&path, Some("desk_session=forged")).await.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    assert_eq!(desk.post("/sign-out", None, "csrf=x").await.status(), StatusCode::UNAUTHORIZED);
}

#[sqlx::test]
async fn a_coordinator_sees_only_their_centres_and_an_operator_every_one(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centres = desk.app.store.centres().await.unwrap();
    let (own, other) = (centres[0].id.as_str().to_owned(), centres[1].id.as_str().to_owned());
    desk.app.store.add_coordinator(&own, &console("coord")).await.unwrap();
    let link = desk.link_from_bot("coord").await;
    let cookie = desk.sign_in(&link).await;

    for route in ROUTES {
        let path = route.replace("{other}", &other);
        let open = ["/", "/centres", "/export/centres.csv", "/reports", "/statistics"].contains(&path.as_str());
        let expected = if open { StatusCode::OK } else { StatusCode::FORBIDDEN };
        assert_eq!(desk.get(&path, Some(&cookie)).await.status(), expected, "{path}");
    }
    assert_eq!(desk.get(&format!("/centres/{own}"), Some(&cookie)).await.status(), StatusCode::OK);
    let csv = desk.get("/export/centres.csv", Some(&cookie)).await.text().await.unwrap();
    assert!(csv.contains(&format!("\n{own},")) && !csv.contains(&format!("\n{other},")), "{csv}");
    let list = desk.get("/centres", Some(&cookie)).await.text().await.unwrap();
    assert!(list.contains(&format!("/centres/{own}\"")) && !list.contains(&format!("/centres/{other}\"")), "{list}");

    let operator = desk.signed_in_operator().await;
    for route in ROUTES {
        let path = route.replace("{other}", &other);
        assert_eq!(desk.get(&path, Some(&operator)).await.status(), StatusCode::OK, "{path}");
    }
}

#[sqlx::test]
async fn revoking_the_last_role_ends_the_session(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    assert_eq!(desk.get("/", Some(&cookie)).await.status(), StatusCode::OK);
    assert!(desk.app.store.revoke_operator(&console("op")).await.unwrap());
    assert_eq!(desk.get("/", Some(&cookie)).await.status(), StatusCode::UNAUTHORIZED);
    let left: i64 =
        sqlx::query_scalar("SELECT count(*) FROM desk_session").fetch_one(desk.app.store.pool()).await.unwrap();
    assert_eq!(left, 0);
}

#[sqlx::test]
async fn an_operator_edits_a_centre_through_the_bots_edit_path_and_every_change_is_audited(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let centre = desk.app.store.centres().await.unwrap()[0].clone();
    let path = format!("/centres/{}", centre.id.as_str());
    let page = desk.get(&path, Some(&cookie)).await.text().await.unwrap();
    let csrf = csrf_of(&page);
    let edit = format!("{path}/edit");

    let bad = desk.post(&edit, Some(&cookie), &format!("csrf={csrf}&field=phone&value=call+us")).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = bad.text().await.unwrap();
    assert!(refused.contains("id=\"edit-error\""));
    assert!(
        refused.contains("Значення не прийнято: телефон «call us»: номер має бути український"),
        "why, in the reader's language only: {refused}"
    );
    assert!(changes(&desk).await.is_empty(), "a refused value changes nothing");

    let good = desk.post(&edit, Some(&cookie), &format!("csrf={csrf}&field=phone&value=%2B380441234567")).await;
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    let stored = desk.app.store.centres().await.unwrap().into_iter().find(|c| c.id == centre.id).unwrap();
    assert_eq!(stored.phones.iter().map(|p| p.as_e164().to_owned()).collect::<Vec<_>>(), ["+380441234567"]);
    let history = desk.app.store.centre_history(&centre.id, 5).await.unwrap();
    assert_eq!(history[0].field, "phone");
    assert_eq!(history[0].by_id.as_deref(), Some("op"));

    let audit = changes(&desk).await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].person, console("op"));
    assert_eq!(audit[0].action, "edit-centre");
    assert_eq!(audit[0].new_value.as_deref(), Some("+380441234567"));
    assert_eq!(audit[0].old_value, history[0].old_value);
    let log = desk.get("/audit", Some(&cookie)).await.text().await.unwrap();
    assert!(log.contains("Зміна даних центру") && log.contains("+380441234567"), "{log}");
    // Who in words and the field in words, not the stored codes; signing in
    // is done to the desk, which goes without saying.
    assert!(log.contains("термінал op") && !log.contains("console op"), "{log}");
    assert!(log.contains(&format!(": {}, Телефони", centre.id.as_str())), "{log}");
    assert!(log.contains("<td>Вхід у пульт</td>"), "{log}");
    assert!(log.contains("Коли (за київським часом)"), "{log}");
    // Each page's title names the page (a tab or a bookmark tells them apart).
    assert!(log.contains("<title>Журнал змін — Пульт центрів життєстійкості</title>"), "{log}");

    // The centre's history: headed columns, the field in words, who in
    // words, the moment in Kyiv time.
    let page = desk.get(&path, Some(&cookie)).await.text().await.unwrap();
    let history_table = &page[page.find("id=\"history\"").expect("a history table")..];
    let kyiv = history[0].changed_at.with_timezone(&chrono_tz::Europe::Kyiv).format("%d.%m.%Y %H:%M").to_string();
    for shown in ["Коли (за київським часом)", "Що змінено", "<td>Телефони</td>", "вручну (у боті чи в пульті)", &kyiv]
    {
        assert!(history_table.contains(shown), "{shown}: {history_table}");
    }
}

#[sqlx::test]
async fn an_edit_needs_the_csrf_token_and_the_centre(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centres = desk.app.store.centres().await.unwrap();
    let (own, other) = (centres[0].id.as_str().to_owned(), centres[1].id.as_str().to_owned());
    desk.app.store.add_coordinator(&own, &console("coord")).await.unwrap();
    let cookie = desk.sign_in(&desk.link_from_bot("coord").await).await;
    let csrf = csrf_of(&desk.get("/", Some(&cookie)).await.text().await.unwrap());
    let body = "field=email&value=desk%40example.org";

    let without = desk.post(&format!("/centres/{own}/edit"), Some(&cookie), body).await;
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    let elsewhere = desk.post(&format!("/centres/{other}/edit"), Some(&cookie), &format!("csrf={csrf}&{body}")).await;
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    let nobody = desk.post(&format!("/centres/{own}/edit"), None, &format!("csrf={csrf}&{body}")).await;
    assert_eq!(nobody.status(), StatusCode::UNAUTHORIZED);
    assert!(changes(&desk).await.is_empty());

    let own_edit = desk.post(&format!("/centres/{own}/edit"), Some(&cookie), &format!("csrf={csrf}&{body}")).await;
    assert_eq!(own_edit.status(), StatusCode::SEE_OTHER);
    assert_eq!(changes(&desk).await.len(), 1);
}

#[sqlx::test]
async fn a_centre_without_phones_or_hours_says_so_rather_than_showing_nothing(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let centres = desk.app.store.centres().await.unwrap();
    let without = centres.iter().find(|c| c.phones.is_empty()).expect("a sample centre without phones");
    let page = desk.get(&format!("/centres/{}", without.id.as_str()), Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains("<dt>Телефони</dt><dd><em>не вказано</em></dd>"), "{page}");
    let with = centres.iter().find(|c| !c.phones.is_empty() && c.opening_hours.is_some()).expect("one with both");
    let page = desk.get(&format!("/centres/{}", with.id.as_str()), Some(&cookie)).await.text().await.unwrap();
    let phone = with.phones[0].display();
    assert!(page.contains(&format!("<dt>Телефони</dt><dd>{phone}")), "{page}");
    assert!(!page.contains("не вказано"), "{page}");
}
