//! Signing in and out of the desk is in the audit log (who, when), which
//! operators read and coordinators do not.

use reqwest::StatusCode;
use sqlx::PgPool;

use crate::desk::{Desk, console};

fn csrf_of(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

#[sqlx::test]
async fn signing_in_and_out_is_audited_and_shown_to_operators(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let centre = desk.app.store.centres().await.unwrap()[0].id.as_str().to_owned();
    desk.app.store.add_coordinator(&centre, &console("coord")).await.unwrap();
    let coordinator = desk.sign_in(&desk.link_from_bot("coord").await).await;
    let before = chrono::Utc::now();
    let operator = desk.signed_in_operator().await;

    // A refused link (used already) is no sign-in.
    let link = desk.link_from_bot("op").await;
    let again = desk.sign_in(&link).await;
    assert_eq!(desk.post(&link, None, "").await.status(), StatusCode::FORBIDDEN);

    let csrf = csrf_of(&desk.get("/", Some(&coordinator)).await.text().await.unwrap());
    let out = desk.post("/sign-out", Some(&coordinator), &format!("csrf={csrf}")).await;
    assert_eq!(out.status(), StatusCode::OK);
    // Without the token nothing ends and nothing is written.
    assert_eq!(desk.post("/sign-out", Some(&again), "").await.status(), StatusCode::FORBIDDEN);

    let rows = desk.app.store.audit_log(10).await.unwrap();
    let seen: Vec<(&str, &str)> = rows.iter().map(|r| (r.action.as_str(), r.person.external_id.as_str())).collect();
    assert_eq!(seen, [("sign-out", "coord"), ("sign-in", "op"), ("sign-in", "op"), ("sign-in", "coord")]);
    assert!(rows[..3].iter().all(|r| r.at >= before - chrono::Duration::seconds(1)), "{rows:?}");
    assert!(rows.iter().all(|r| r.subject == "desk" && r.old_value.is_none() && r.new_value.is_none()));

    let log = desk.get("/audit", Some(&operator)).await.text().await.unwrap();
    assert!(log.contains("Вхід у пульт") && log.contains("Вихід із пульта") && log.contains("coord"), "{log}");
    let coordinator = desk.sign_in(&desk.link_from_bot("coord").await).await;
    assert_eq!(desk.get("/audit", Some(&coordinator)).await.status(), StatusCode::FORBIDDEN);
}
