//! A refused file's problems on the import page are in the reader's
//! language (Ukrainian by default, English by the switch), each with its
//! line; the command line keeps its English.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE};
use resilience_bot::domain::Language;
use resilience_bot::i18n::Catalog;
use sqlx::PgPool;

use crate::desk::{Desk, csrf_of};

/// POSTs `file` as `name` to /import with the page's CSRF token.
async fn upload(desk: &Desk, cookie: &str, name: &str, file: &str) -> (StatusCode, String) {
    upload_with(desk, cookie, name, file, &[]).await
}

/// The same with the form's boxes `ticked` (`"replace"`, `"geocode"`, …).
pub(crate) async fn upload_with(
    desk: &Desk,
    cookie: &str,
    name: &str,
    file: &str,
    ticked: &[&str],
) -> (StatusCode, String) {
    let csrf = csrf_of(&desk.get("/import", Some(cookie)).await.text().await.unwrap());
    let boundary = "----desk-test-boundary";
    let boxes: String = ticked
        .iter()
        .map(|name| format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n1\r\n"))
        .collect();
    let body = format!(
        "{boxes}--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
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

/// A file whose lines 3, 4 and 5 are bad: a point outside Ukraine, the id
/// of line 2 again, a bad phone and e-mail.
fn bad_file() -> String {
    let sample = crate::helpers::SAMPLE_CSV;
    let mut lines = sample.lines();
    let header = lines.next().unwrap();
    let good = lines.next().unwrap();
    let outside = good.replacen("sample-balakliiska", "sample-outside", 1).replacen("49.45595", "99.5", 1);
    let contacts =
        good.replacen("sample-balakliiska", "sample-contacts", 1).replacen(",,,,,,Mo-Fr", ",,,12345,nope,,Mo-Fr", 1);
    format!("{header}\n{good}\n{outside}\n{good}\n{contacts}\n")
}

#[sqlx::test]
async fn a_bad_file_is_refused_with_its_problems_in_ukrainian_then_in_english_with_their_lines(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;
    let before = desk.app.store.centres().await.unwrap();

    let (status, page) = upload(&desk, &cookie, "centres.csv", &bad_file()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    for expected in [
        "Файл не прийнято, нічого не змінено",
        "рядок 3: точка 99,5, 36,84433 поза межами України (широта 44–52,5, довгота 22–40,5)",
        "рядок 4: id «sample-balakliiska» повторюється (уперше — у рядку 2)",
        "рядок 5: телефон «12345»: номер має бути український",
        "рядок 5: email «nope» — не адреса електронної пошти",
    ] {
        assert!(page.contains(expected), "{expected:?} in {page}");
    }
    for english in ["line ", "outside Ukraine", "duplicate id", "import-problem-"] {
        assert!(!page.contains(english), "{english:?} on the Ukrainian page: {page}");
    }

    let english = format!("{cookie}; desk_lang=en");
    let (status, page) = upload(&desk, &english, "centres.csv", &bad_file()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    for expected in [
        "line 3: lat/lon 99.5, 36.84433 is outside Ukraine (lat 44–52.5, lon 22–40.5)",
        "line 4: duplicate id “sample-balakliiska” (first on line 2)",
        "line 5: phone “12345”: a phone number must be Ukrainian",
        "line 5: email “nope” is not an address",
    ] {
        assert!(page.contains(expected), "{expected:?} in {page}");
    }
    assert!(!page.contains("рядок") && !page.contains("import-problem-"), "{page}");
    assert_eq!(desk.app.store.centres().await.unwrap(), before, "a refused file changes nothing");
}

#[sqlx::test]
async fn a_bad_header_a_wrong_format_and_an_unreadable_workbook_are_told_in_the_readers_language(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let cookie = desk.signed_in_operator().await;

    let (status, page) = upload(&desk, &cookie, "centres.csv", "id,name_uk,colour\nx,Центр,red\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("рядок 1: невідомий стовпець «colour»"), "{page}");

    let (status, page) = upload(&desk, &cookie, "centres.txt", "id\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("centres.txt: файл центрів має бути .csv або .xlsx"), "{page}");

    let (status, page) = upload(&desk, &format!("{cookie}; desk_lang=en"), "centres.xlsx", "not a workbook").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("row 1: cannot read the workbook (is it an .xlsx file?)"), "{page}");
    let (_, page) = upload(&desk, &cookie, "centres.xlsx", "not a workbook").await;
    assert!(page.contains("рядок аркуша 1: не вдалося відкрити книгу"), "{page}");
}

/// Every `"import-problem-…"` key the import's sources name is in both desk
/// catalogues (tests/api/i18n.rs only scans the desk's own sources).
#[test]
fn every_import_problem_key_is_in_both_desk_locales() {
    let mut used = BTreeSet::new();
    for path in ["src/csv_table.rs", "src/directory/centre_csv.rs", "src/directory/problems.rs"]
        .into_iter()
        .map(String::from)
        .chain(std::fs::read_dir("src/csv_table").unwrap().flatten().map(|e| e.path().display().to_string()))
    {
        let source = std::fs::read_to_string(&path).unwrap();
        for piece in source.split("\"import-problem-").skip(1) {
            let id: String = piece.chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
            if piece[id.len()..].starts_with('"') {
                used.insert(format!("import-problem-{id}"));
            }
        }
    }
    assert!(used.len() > 30, "only {} keys found: is the scanner broken?", used.len());
    let catalog = Catalog::load_desk().unwrap();
    for language in Language::ALL {
        let ids: BTreeSet<String> = catalog.ids(language).into_iter().collect();
        let missing: Vec<_> = used.difference(&ids).collect();
        assert!(missing.is_empty(), "{} desk.ftl lacks {missing:?}", language.code());
    }
}
