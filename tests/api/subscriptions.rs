//! Coordinator invitations and residents' subscriptions to a centre.

use chrono::Duration;
use resilience_bot::conversation::{Action, Incoming};
use resilience_bot::domain::{CentreId, ChannelKind, Language, Person};
use sqlx::PgPool;

use crate::helpers::{TestApp, monday_noon};

const UK: Language = Language::Uk;
const CODE: &str = "0123456789abcdef0123";

async fn subscribers(app: &TestApp) -> i64 {
    app.store.subscriber_counts(&["sample-lvivska".into()]).await.unwrap()[0]
}

#[sqlx::test]
async fn an_invitation_works_once_for_its_first_sender_and_not_after_it_expires(pool: PgPool) {
    let app = TestApp::new(pool).await;
    assert!(app.store.create_invite("sample-lvivska", CODE, monday_noon() + Duration::hours(72)).await.unwrap());
    assert!(!app.store.create_invite("nowhere", CODE, monday_noon()).await.unwrap(), "no such centre");
    let stored: String =
        sqlx::query_scalar("SELECT code_hash FROM coordinator_invite").fetch_one(app.store.pool()).await.unwrap();
    assert_ne!(stored, CODE, "only a hash is kept");

    // The very first message of a new person: the invitation link.
    let accepted = app.say("anna", UK, &format!("/start coord-{CODE}")).await;
    assert!(
        accepted.text().contains("Тепер ви координатор: Центр життєстійкості Львівської громади"),
        "{}",
        accepted.text()
    );
    let desk = app.press("anna", UK, &accepted.button("Групи мого центру")).await;
    assert!(desk.text().contains("🗂 Групи, які ви координуєте"), "{}", desk.text());
    let state = app.stored_state("anna").await.to_string();
    assert!(!state.contains(CODE), "the code is not kept in the conversation");

    let reused = app.say("boris", UK, &format!("/start coord-{CODE}")).await;
    assert!(reused.text().contains("вже використано"), "{}", reused.text());
    let refused = app.say("boris", UK, "/coordinate").await;
    assert!(refused.text().contains("Це для координаторів центрів."), "{}", refused.text());

    let late = "ffffffffffffffffffff";
    app.store.create_invite("sample-lvivska", late, monday_noon() - Duration::minutes(1)).await.unwrap();
    let expired = app.say("boris", UK, &format!("/start coord-{late}")).await;
    assert!(expired.text().contains("Термін дії цього запрошення минув"), "{}", expired.text());
    let unknown = app.say("boris", UK, "/start coord-aaaaaaaaaaaaaaaaaaaa").await;
    assert!(unknown.text().contains("Я не знаю такого коду"), "{}", unknown.text());
    // Not a code at all: just the welcome.
    let odd = app.say("boris", UK, "/start coord-'; DROP TABLE coordinator;--").await;
    assert!(odd.text().contains("Вітаю!"), "{}", odd.text());
    let coordinators = app.store.coordinators().await.unwrap();
    assert_eq!(coordinators.len(), 1);
    assert_eq!(coordinators[0].person, Person { channel: ChannelKind::Console, external_id: "anna".into() });
}

#[sqlx::test]
async fn two_people_sending_one_code_at_once_make_one_coordinator(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.store.create_invite("sample-lvivska", CODE, monday_noon() + Duration::hours(1)).await.unwrap();
    let start = || Incoming::Start { payload: Some(format!("coord-{CODE}")) };
    let (a, b) = tokio::join!(app.send("a", UK, start()), app.send("b", UK, start()));
    let accepted = [a, b].iter().filter(|x| x.text().contains("Тепер ви координатор")).count();
    assert_eq!(accepted, 1);
    assert_eq!(app.store.coordinators().await.unwrap().len(), 1);
}

#[sqlx::test]
async fn a_resident_subscribes_from_a_card_and_stops_with_a_button_or_stop(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let card = app.say("olena", UK, "/start centre-sample-lvivska").await;
    let subscribe = card.button("Отримувати новини центру");
    let done = app.press("olena", UK, &subscribe).await;
    assert!(
        done.text().contains("Готово: Центр життєстійкості Львівської громади надсилатиме вам новини"),
        "{}",
        done.text()
    );
    let again = app.press("olena", UK, &subscribe).await;
    assert!(again.text().contains("Ви вже підписані на новини"), "{}", again.text());
    assert_eq!(subscribers(&app).await, 1);
    let stopped = app.press("olena", UK, &again.button("Відписатися")).await;
    assert!(stopped.text().contains("Ви відписалися від новин"), "{}", stopped.text());
    assert_eq!(subscribers(&app).await, 0);

    app.press("olena", UK, &subscribe).await;
    app.press("olena", UK, &Action::Subscribe(CentreId::parse("sample-kreminska").unwrap())).await;
    let all = app.say("olena", UK, "/stop").await;
    assert!(all.text().contains("новин 2 центрів"), "{}", all.text());
    assert_eq!(subscribers(&app).await, 0);
    // A forged centre changes nothing.
    let forged = app.send("olena", UK, Incoming::Button("sub:no-such-centre".into())).await;
    assert!(forged.text().contains("Ця кнопка вже не діє"), "{}", forged.text());
}

#[sqlx::test]
async fn a_person_who_blocks_the_bot_or_unsubscribes_on_viber_loses_their_subscriptions(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.press("olena", UK, &Action::Subscribe(CentreId::parse("sample-lvivska").unwrap())).await;
    assert_eq!(subscribers(&app).await, 1);
    app.store.set_inactive(ChannelKind::Console, "olena").await.unwrap();
    assert_eq!(subscribers(&app).await, 0);
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM subscription").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(rows, 0);
}

#[sqlx::test]
async fn this_is_wrong_reaches_the_coordinator_who_confirms_the_card_and_renews_its_date(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let coordinator = Person { channel: ChannelKind::Console, external_id: "anna".into() };
    app.store.add_coordinator("sample-lvivska", &coordinator).await.unwrap();
    app.say("anna", UK, "меню").await;
    let card = app.say("olena", UK, "/start centre-sample-lvivska").await;
    let ask = app.press("olena", UK, &card.button("Повідомити про помилку")).await;
    assert!(ask.text().contains("Центр життєстійкості Львівської громади: що не так у картці?"), "{}", ask.text());
    let details = app.press("olena", UK, &ask.button("Номер телефону")).await;
    assert!(details.text().contains("Координатор не побачить, хто ви"), "{}", details.text());
    let long = app.say("olena", UK, &"x".repeat(501)).await;
    assert!(long.text().contains("не довше за 500 символів"), "{}", long.text());
    let thanks = app.say("olena", UK, "Новий номер 067 000 00 00").await;
    assert!(thanks.text().contains("Дякую! Координатор центру це перевірить."), "{}", thanks.text());
    let stored: (String, Option<String>) =
        sqlx::query_as("SELECT topic, details FROM centre_report").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(stored, ("phone".into(), Some("Новий номер 067 000 00 00".into())));

    let told = app.notices_for("anna", crate::helpers::kyiv(2026, 11, 23, 12, 5)).await;
    assert_eq!(told.len(), 1);
    let text = told[0].text();
    assert!(
        text.contains("помилку в картці «Центр життєстійкості Львівської громади»: 📞 Номер телефону")
            && text.contains("Пояснення: \u{2068}Новий номер 067 000 00 00\u{2069}"),
        "{text}"
    );
    // Someone else cannot close it; the coordinator can, once.
    let forged = app.press("olena", UK, &told[0].button("Усе правильно")).await;
    assert!(forged.text().contains("не про ваш центр"), "{}", forged.text());
    let confirmed = app.press("anna", UK, &told[0].button("Усе правильно")).await;
    assert!(confirmed.text().contains("повідомлення закрито"), "{}", confirmed.text());
    let verified: chrono::NaiveDate = sqlx::query_scalar("SELECT verified_on FROM centre WHERE id = 'sample-lvivska'")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(verified, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let again = app.press("anna", UK, &told[0].button("Опрацьовано")).await;
    assert!(again.text().contains("вже закрито"), "{}", again.text());

    // Without details, and for a centre with no coordinator: still kept, nobody told.
    let card = app.say("olena", UK, "/start centre-sample-kreminska").await;
    let ask = app.press("olena", UK, &card.button("Повідомити про помилку")).await;
    let details = app.press("olena", UK, &ask.button("Центр зачинено")).await;
    let thanks = app.press("olena", UK, &details.button("Надіслати без")).await;
    assert!(thanks.text().contains("Координатора цього центру ще немає в боті"), "{}", thanks.text());
    let reports: i64 =
        sqlx::query_scalar("SELECT count(*) FROM centre_report").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(reports, 2);
    let forged = app.send("olena", UK, Incoming::Button("rp:no-such-centre".into())).await;
    assert!(forged.text().contains("Ця кнопка вже не діє"), "{}", forged.text());

    // The centre is removed while someone is reporting: a clear answer, not an
    // update that fails (and is redelivered) forever.
    let card = app.say("taras", UK, "/start centre-sample-kreminska").await;
    let ask = app.press("taras", UK, &card.button("Повідомити про помилку")).await;
    app.press("taras", UK, &ask.button("Адреса")).await;
    sqlx::query("DELETE FROM centre WHERE id = 'sample-kreminska'").execute(app.store.pool()).await.unwrap();
    let refused = app.say("taras", UK, "Переїхали").await;
    assert!(refused.text().contains("Ця кнопка вже не діє"), "{}", refused.text());
    assert_eq!(app.stored_state("taras").await["kind"], "idle");
}
