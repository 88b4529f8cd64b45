//! The operator desk in a real browser: headless Chromium driven through
//! WebDriver (chromedriver, started here on a free loopback port with a fresh
//! profile). `scripts/test` installs Debian's `chromium` and
//! `chromium-driver`; without them these tests fail, they never skip.
//! Screenshots go to `target/desk-screenshots/`.

use std::net::TcpListener;
use std::os::unix::process::CommandExt as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sqlx::PgPool;

use crate::desk::{Desk, console};

/// A chromedriver and a browser session; both end when dropped or closed.
pub(crate) struct Browser {
    pub(crate) client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    /// Ends chromedriver and every Chromium process it started: they share
    /// its process group. Killing chromedriver alone (a test that failed
    /// before closing its session) left Chromium running for good.
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
];

impl Browser {
    pub(crate) async fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".to_owned()])
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver; scripts/test installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut options = serde_json::json!({ "args": args });
        if let Some(binary) =
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().find(|p| PathBuf::from(p).exists())
        {
            options["binary"] = serde_json::json!(binary);
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".to_owned(), options);
        // Plain http to chromedriver on loopback: no TLS stack needed.
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Self { client, driver, _profile: profile }
    }

    pub(crate) async fn text(&self) -> String {
        let body = self.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("body")).await.unwrap();
        body.text().await.unwrap()
    }

    /// Clicks a form's button and waits for the page it leads to (which has `then`).
    ///
    /// The page the button was on must be gone first: `then` is often on it
    /// too (a list's filter, a table), and finding it there would let the
    /// test read the old page while the new one is still on its way.
    pub(crate) async fn submit(&self, css: &str, then: &str) {
        let old_page = self.client.find(Locator::Css("html")).await.unwrap();
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}")).click().await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // Mid-navigation chromedriver may answer with other errors
            // (no execution context yet): those are asked again.
            match old_page.tag_name().await {
                Err(e) if e.is_stale_element_reference() => break,
                _ => assert!(Instant::now() < deadline, "pressing {css} left the page where it was"),
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        let waited = self.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(then)).await;
        waited.unwrap_or_else(|e| panic!("no {then} after pressing {css}: {e}"));
    }

    pub(crate) async fn screenshot(&self, name: &str) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/desk-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

#[sqlx::test]
async fn an_operator_signs_in_in_a_browser_with_the_link_the_bot_sent_and_signs_out(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let link = desk.link_from_bot("op").await;
    let browser = Browser::start().await;

    browser.client.goto(&link).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/");
    let overview = browser.text().await;
    assert!(overview.contains("Огляд") && overview.contains("Усі центри: 46"), "{overview}");
    browser.screenshot("overview").await;

    let centre = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    browser.client.goto(&format!("{}/centres/{centre}", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("Історія змін"));
    browser.screenshot("centre").await;

    browser.submit("#sign-out", "#message").await;
    assert!(browser.text().await.contains("Ви вийшли з пульта"));
    browser.client.goto(&format!("{}/", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("надішліть боту команду /desk"), "signed out for good");

    // The same link again: used.
    browser.client.goto(&link).await.unwrap();
    browser.submit("#sign-in", "#message").await;
    assert!(browser.text().await.contains("посилання не працює"));
    browser.client.clone().close().await.unwrap();
}

#[sqlx::test]
async fn a_coordinator_in_a_browser_is_refused_another_centre_and_an_expired_link(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centres = desk.app.store.centres().await.unwrap();
    let (own, other) = (centres[0].id.as_str().to_owned(), centres[1].id.as_str().to_owned());
    desk.app.store.add_coordinator(&own, &console("coord")).await.unwrap();
    let expired = desk
        .app
        .store
        .create_desk_link(&console("coord"), chrono::Utc::now() - chrono::Duration::minutes(11))
        .await
        .unwrap()
        .unwrap();
    let browser = Browser::start().await;

    browser.client.goto(&format!("{}/sign-in/{expired}", desk.base)).await.unwrap();
    browser.submit("#sign-in", "#message").await;
    assert!(browser.text().await.contains("посилання не працює"));

    browser.client.goto(&desk.link_from_bot("coord").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    browser.client.goto(&format!("{}/centres/{other}", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("Ця сторінка вам недоступна"));
    browser.client.goto(&format!("{}/centres/{own}", desk.base)).await.unwrap();
    assert!(browser.text().await.contains("Змінити дані центру"));

    // The hours typed in words, previewed as a week (nothing saved).
    let hours = browser.client.find(Locator::Css("#edit-opening_hours")).await.unwrap();
    hours.clear().await.unwrap();
    hours.send_keys("пн–пт з 10:00 до 16:00").await.unwrap();
    browser.submit("#preview-hours", "#hours-preview strong").await;
    let preview = browser.client.find(Locator::Css("#hours-preview")).await.unwrap().text().await.unwrap();
    assert!(preview.contains("Пн–Пт: 10:00–16:00") && preview.contains("Mo-Fr 10:00-16:00"), "{preview}");
    browser.screenshot("hours-preview").await;
    let stored = desk.app.store.centres().await.unwrap().into_iter().find(|c| c.id.as_str() == own).unwrap();
    assert_ne!(stored.opening_hours.as_deref(), Some("Mo-Fr 10:00-16:00"), "a preview saves nothing");
    browser.client.clone().close().await.unwrap();
}

#[sqlx::test]
async fn an_operator_uploads_a_file_with_a_bad_row_then_the_fixed_one_and_applies_it(pool: PgPool) {
    let desk = Desk::start(pool).await;
    desk.app.store.add_operator(&console("op")).await.unwrap();
    let files = tempfile::tempdir().unwrap();
    let sample = crate::helpers::SAMPLE_CSV;
    let fixed = sample.replacen("Balakliia Resilience Centre", "Balakliia Resilience Centre at the library", 1);
    let second = sample.lines().nth(1).unwrap();
    let bad_row = second.replacen("sample-balakliiska", "sample-broken", 1).replacen("49.45595", "99.5", 1);
    let bad = format!("{}{bad_row}\n", fixed);
    let bad_line = fixed.lines().count() + 1;
    std::fs::write(files.path().join("bad.csv"), bad).unwrap();
    std::fs::write(files.path().join("fixed.csv"), &fixed).unwrap();

    let browser = Browser::start().await;
    browser.client.goto(&desk.link_from_bot("op").await).await.unwrap();
    browser.submit("#sign-in", "#count-all").await;
    browser.client.goto(&format!("{}/import", desk.base)).await.unwrap();

    let file = browser.client.find(Locator::Css("#import-file")).await.unwrap();
    file.send_keys(&files.path().join("bad.csv").display().to_string()).await.unwrap();
    browser.submit("#import-check", "#import-error").await;
    let refused = browser.text().await;
    // The page is in Ukrainian (the default), the problem with its line.
    assert!(refused.contains(&format!("рядок {bad_line}: точка 99,5")), "{refused}");

    let file = browser.client.find(Locator::Css("#import-file")).await.unwrap();
    file.send_keys(&files.path().join("fixed.csv").display().to_string()).await.unwrap();
    browser.submit("#import-check", "#import-apply").await;
    let diff = browser.text().await;
    assert!(diff.contains("name_en") && diff.contains("at the library"), "{diff}");
    browser.screenshot("import-diff").await;
    let before = desk.app.store.centres().await.unwrap();
    assert!(before.iter().all(|c| !c.name_en.contains("at the library")), "a dry run changes nothing");

    browser.submit("#import-apply", "#import-counts").await;
    let after = desk.app.store.centres().await.unwrap();
    assert!(after.iter().any(|c| c.name_en == "Balakliia Resilience Centre at the library"));
    let audit = desk.app.store.audit_log(10).await.unwrap();
    assert_eq!((audit[0].action.as_str(), audit[0].subject.as_str()), ("import", "fixed.csv"), "{audit:?}");
    browser.client.clone().close().await.unwrap();
}
