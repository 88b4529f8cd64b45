//! The import page takes the command line's options: `replace` (remove the
//! centres missing from the file) and `overwrite_edits`; the dry run shows
//! what they would do, and applying uses the options it was checked with.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use sqlx::PgPool;

use crate::desk::Desk;

fn csrf_of(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

/// POSTs a multipart upload form to /import.
async fn upload(desk: &Desk, cookie: &str, fields: &[(&str, &str)], file: &str) -> (StatusCode, String) {
    let boundary = "----desk-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"centres.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    let response = reqwest::Client::new()
        .post(format!("{}/import", desk.base))
        .header(COOKIE, cookie)
        .header(CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

fn apply_key(page: &str) -> String {
    let start = page.find("action=\"/import/").expect("an apply form") + "action=\"/import/".len();
    page[start..].split('/').next().unwrap().to_owned()
}

#[sqlx::test]
async fn replace_removes_the_centres_missing_from_the_file_only_when_chosen(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/import", Some(&cookie)).await.text().await.unwrap());
    let sample = crate::helpers::SAMPLE_CSV;
    let missing = sample.lines().nth(1).unwrap().split(',').next().unwrap().to_owned();
    let without: String = sample.lines().enumerate().filter(|(i, _)| *i != 1).map(|(_, l)| format!("{l}\n")).collect();
    let before = desk.app.store.centres().await.unwrap().len();

    // Without the option the missing centre stays, and the page says so.
    let (status, page) = upload(&desk, &cookie, &[("csrf", &csrf)], &without).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Центри, яких немає у файлі, залишаються") && !page.contains("import-removed"), "{page}");

    let (status, page) = upload(&desk, &cookie, &[("csrf", &csrf), ("replace", "1")], &without).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("id=\"import-removed\"") && page.contains(&missing), "{page}");
    assert_eq!(desk.app.store.centres().await.unwrap().len(), before, "a dry run removes nothing");

    // Applying uses the options the file was checked with.
    let key = apply_key(&page);
    let applied = desk.post(&format!("/import/{key}/apply"), Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(applied.status(), StatusCode::OK);
    let after = desk.app.store.centres().await.unwrap();
    assert_eq!(after.len(), before - 1);
    assert!(after.iter().all(|c| c.id.as_str() != missing));
    let changes = crate::desk::changes(&desk).await;
    assert!(changes[0].new_value.as_deref().unwrap().contains("1 removed"), "{changes:?}");
}
