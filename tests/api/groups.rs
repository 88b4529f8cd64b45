//! Group programmes in the conversation: browse, sign up, wait, cancel.

use resilience_bot::conversation::{Action, Incoming, Skipped};
use resilience_bot::domain::{CentreId, Language};
use sqlx::PgPool;

use crate::helpers::{TestApp, import_sample_groups};

const UK: Language = Language::Uk;

/// Signs up for the Lviv group, skipping the name and the phone.
async fn join_without_details(app: &TestApp, user: &str) -> crate::helpers::Answer {
    app.press(user, UK, &Action::Join("lviv-pws".into())).await;
    app.press(user, UK, &Action::Skip(Skipped::Name("lviv-pws".into()))).await;
    app.press(user, UK, &Action::Skip(Skipped::Phone("lviv-pws".into()))).await
}

#[sqlx::test]
async fn a_resident_finds_a_group_near_them_and_signs_up_with_a_name_and_phone(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    app.say("olena", UK, "lviv").await;
    let list = app.press("olena", UK, &Action::Groups).await;
    assert!(list.text().contains("Групи в найближчих центрах:"), "{}", list.text());
    assert!(
        list.text().contains("Батьківство без стресу — Центр життєстійкості Львівської громади"),
        "{}",
        list.text()
    );
    assert!(list.text().contains("5 зустрічей; вільних місць: 10"), "{}", list.text());
    assert!(!list.text().contains("Самодопомога"), "the Kyiv group is not near Lviv");

    let detail = app.press("olena", UK, &Action::Cohort("lviv-pws".into())).await;
    let text = detail.text();
    assert!(text.contains("Зустрічі (5):") && text.contains("18:00–19:30"), "{text}");
    let consent = app.press("olena", UK, &detail.button("Записатися")).await;
    assert!(consent.text().contains("Бачитимуть їх лише координатори цього центру"), "{}", consent.text());
    app.say("olena", UK, "Олена").await;
    let bad = app.say("olena", UK, "12345").await;
    assert!(bad.text().contains("Я розумію лише українські номери"), "{}", bad.text());
    let done = app.say("olena", UK, "067 123 45 67").await;
    let text = done.text();
    assert!(text.contains("✅ Вас записано до групи «Батьківство без стресу»"), "{text}");
    assert_eq!(text.matches("18:00–19:30").count(), 5, "every session date is listed: {text}");
    let (name, phone): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT first_name, phone FROM signup").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!((name.as_deref(), phone.as_deref()), (Some("Олена"), Some("+380671234567")));
    let state = app.stored_state("olena").await.to_string();
    assert!(!state.contains("Олена"), "the name is not left in the conversation state");
}

#[sqlx::test]
async fn a_full_group_puts_people_on_the_waiting_list_and_a_double_tap_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 1).await;
    for user in ["a", "b"] {
        join_without_details(&app, user).await;
    }
    let mine = app.press("b", UK, &Action::Mine).await;
    assert!(mine.text().contains("у черзі, №\u{a0}1"), "{}", mine.text());
    // Pressing "join" again, all the way through, does not take a second place.
    let again = join_without_details(&app, "a").await;
    assert!(again.text().contains("Ви вже записані до цієї групи."), "{}", again.text());
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM signup").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(rows, 2);
}

#[sqlx::test]
async fn cancelling_frees_the_seat_for_the_first_waiting_and_nobody_cancels_for_another(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 1).await;
    for user in ["a", "b"] {
        join_without_details(&app, user).await;
    }
    let a_mine = app.press("a", UK, &Action::Mine).await;
    let cancel_a = a_mine.button("Скасувати запис 1");
    // b forging a's sign-up id gets nothing.
    let forged = app.press("b", UK, &cancel_a).await;
    assert!(forged.text().contains("Цей запис уже скасовано або його немає."), "{}", forged.text());
    let cancelled = app.press("a", UK, &cancel_a).await;
    assert!(cancelled.text().contains("Запис скасовано."), "{}", cancelled.text());
    let b_mine = app.press("b", UK, &Action::Mine).await;
    assert!(b_mine.text().contains("ви записані"), "b was promoted: {}", b_mine.text());
}

#[sqlx::test]
async fn forged_group_ids_and_groups_without_a_search_get_clear_replies(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 5).await;
    let unknown = app.press("olena", UK, &Action::Cohort("nope".into())).await;
    assert!(unknown.text().contains("До цієї групи вже не можна записатися."), "{}", unknown.text());
    let join = app.press("olena", UK, &Action::Join("nope".into())).await;
    assert!(join.text().contains("До цієї групи вже не можна записатися."), "{}", join.text());
    let forged = app.send("olena", UK, Incoming::Button("join:'; DROP TABLE signup;--".into())).await;
    assert!(forged.text().contains("Ця кнопка вже не діє."), "{}", forged.text());
    let without_search = app.press("olena", UK, &Action::Groups).await;
    assert!(without_search.text().contains("спершу знайдіть найближчі центри"), "{}", without_search.text());
    assert!(without_search.last().ask_location);
    let at_centre = app.press("olena", UK, &Action::CentreGroups(CentreId::parse("sample-kreminska").unwrap())).await;
    assert!(at_centre.text().contains("Самодопомога плюс (SH+)"), "{}", at_centre.text());
    let empty = app.press("olena", UK, &Action::Mine).await;
    assert!(empty.text().contains("У вас немає активних записів."), "{}", empty.text());
}

#[sqlx::test]
async fn a_double_tap_on_skip_at_the_name_does_not_skip_the_phone(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    let ask_name = app.press("olena", UK, &Action::Join("lviv-pws".into())).await;
    let skip_name = ask_name.button("Пропустити");
    let ask_phone = app.press("olena", UK, &skip_name).await;
    assert!(ask_phone.text().contains("номер телефону"), "{}", ask_phone.text());
    let second_tap = app.press("olena", UK, &skip_name).await;
    assert!(second_tap.text().contains("Ця кнопка вже не діє"), "the second tap is stale: {}", second_tap.text());
    let signups: i64 = sqlx::query_scalar("SELECT count(*) FROM signup").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(signups, 0, "the phone step was not skipped");

    // A "Skip" shown for another group's sign-up is stale here too.
    app.press("olena", UK, &Action::Join("lviv-pws".into())).await;
    let other = app.press("olena", UK, &Action::Skip(Skipped::Name("kyiv-sh".into()))).await;
    assert!(other.text().contains("Ця кнопка вже не діє"), "{}", other.text());
    let forged = app.send("olena", UK, Incoming::Button("skip".into())).await;
    assert!(forged.text().contains("Ця кнопка вже не діє"), "the old data is refused: {}", forged.text());
    let name = app.say("olena", UK, "Олена").await;
    assert!(name.text().contains("номер телефону"), "the sign-up goes on: {}", name.text());
    let phone = app.say("olena", UK, "067 123 45 67").await;
    assert!(phone.text().contains("Вас записано"), "{}", phone.text());
}
