//! Coordinators in the conversation: their groups, the sign-up list, seats,
//! cancelling and creating a group, with every action checked on the server.

use resilience_bot::conversation::{Action, Incoming, Skipped};
use resilience_bot::domain::{CentreId, ChannelKind, Language, Person};
use sqlx::PgPool;

use crate::helpers::{Answer, TestApp, import_sample_groups, kyiv};

const UK: Language = Language::Uk;
const EN: Language = Language::En;
pub(crate) const COORDINATOR: &str = "coordinator";

pub(crate) async fn with_coordinator(pool: PgPool, capacity: i32) -> TestApp {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, capacity).await;
    let person = Person { channel: ChannelKind::Console, external_id: COORDINATOR.into() };
    assert!(app.store.add_coordinator("sample-lvivska", &person).await.unwrap());
    app
}

pub(crate) async fn join(app: &TestApp, user: &str, name: Option<&str>) {
    app.press(user, UK, &Action::Join("lviv-pws".into())).await;
    match name {
        Some(name) => app.say(user, UK, name).await,
        None => app.press(user, UK, &Action::Skip(Skipped::Name("lviv-pws".into()))).await,
    };
    app.say(user, UK, "067 123 45 67").await;
}

async fn confirmed_and_waiting(app: &TestApp) -> (i64, i64) {
    sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status = 'waitlisted') FROM signup",
    )
    .fetch_one(app.store.pool())
    .await
    .unwrap()
}

async fn coordinate(app: &TestApp) -> Answer {
    app.say(COORDINATOR, UK, "/coordinate").await
}

#[sqlx::test]
async fn a_coordinator_sees_their_groups_and_others_are_turned_away(pool: PgPool) {
    let app = with_coordinator(pool, 10).await;
    join(&app, "olena", None).await;
    let desk = coordinate(&app).await;
    let text = desk.text();
    assert!(text.contains("🗂 Групи, які ви координуєте"), "{text}");
    assert!(text.contains("1. Батьківство без стресу, початок 01.12.2026: зайнято 1 з 10 місць, у черзі 0"), "{text}");
    assert!(!text.contains("Самодопомога"), "the Kyiv group is another centre's: {text}");
    desk.button("Нова група");

    let refused = app.say("olena", UK, "/coordinate").await;
    assert!(refused.text().contains("Це для координаторів центрів."), "{}", refused.text());
    // Forged buttons from someone who is not the group's coordinator change nothing.
    for action in [
        Action::CoordCohort("lviv-pws".into()),
        Action::CoordList { cohort: "lviv-pws".into(), page: 0 },
        Action::CoordCsv("lviv-pws".into()),
        Action::CoordCapacity("lviv-pws".into()),
        Action::CoordCancel("lviv-pws".into()),
        Action::CoordCancelConfirmed("lviv-pws".into()),
        Action::CoordNew(CentreId::parse("sample-lvivska").unwrap()),
    ] {
        let answer = app.press("olena", UK, &action).await;
        assert!(answer.text().contains("Ця група не ваша або вже неактивна."), "{action:?}: {}", answer.text());
        assert!(answer.replies.iter().all(|r| r.document.is_none()), "no list leaks: {action:?}");
    }
    // The coordinator of Lviv cannot touch the Kyiv group either.
    let answer = app.press(COORDINATOR, UK, &Action::CoordCancelConfirmed("kyiv-shp".into())).await;
    assert!(answer.text().contains("Ця група не ваша"), "{}", answer.text());
    let cancelled: i64 =
        sqlx::query_scalar("SELECT count(*) FROM cohort WHERE cancelled").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(cancelled, 0);
    // Even a direct call to the store refuses a person who is not a coordinator.
    let olena = Person { channel: ChannelKind::Console, external_id: "olena".into() };
    assert_eq!(app.store.signup_list(&olena, "lviv-pws").await.unwrap(), None);
}

#[sqlx::test]
async fn the_sign_up_list_comes_in_pages_that_fit_any_platform_and_as_a_csv_file(pool: PgPool) {
    let app = with_coordinator(pool, 20).await;
    let long_name = "Олександра-Вікторія ".repeat(3);
    for i in 0..25 {
        let name = format!("{}{i}", &long_name[..long_name.len().min(50)]);
        join(&app, &format!("p{i}"), Some(name.trim())).await;
    }
    let group = app.press(COORDINATOR, UK, &Action::CoordCohort("lviv-pws".into())).await;
    assert!(group.text().contains("Зайнято 20 з 20 місць; у черзі 5."), "{}", group.text());
    let first = app.press(COORDINATOR, UK, &group.button("Список записаних")).await;
    let text = first.text();
    assert!(text.contains("сторінка 1 з 3"), "{text}");
    assert!(text.contains("1. \u{2068}Олександра-Вікторія") && text.contains("+380 67 123 45 67 — записано"), "{text}");
    assert!(!text.contains("\n11. "), "ten to a page: {text}");
    let second = app.press(COORDINATOR, UK, &first.button("Наступна сторінка")).await;
    second.button("Попередня сторінка");
    let third = app.press(COORDINATOR, UK, &second.button("Наступна сторінка")).await;
    let text = third.text();
    assert!(text.contains("25. ") && text.contains("— у черзі, №\u{a0}5"), "{text}");
    assert!(!third.has_button(&Action::CoordList { cohort: "lviv-pws".into(), page: 3 }));
    for page in [&first, &second, &third] {
        let units: usize = page.text().encode_utf16().count();
        assert!(units < 4096 && page.text().chars().count() < 7000, "{units} units");
    }
    // A forged page number past the end shows the last page.
    let past = app.press(COORDINATOR, UK, &Action::CoordList { cohort: "lviv-pws".into(), page: 999 }).await;
    assert!(past.text().contains("сторінка 3 з 3"), "{}", past.text());

    for screen in [&group, &first, &second, &third] {
        assert!(screen.has_button(&Action::HelpNow), "help is one tap away: {}", screen.text());
    }
    let file = app.press(COORDINATOR, EN, &group.button("у файлі CSV")).await;
    let csv = file.last().document.clone().expect("a CSV document");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "№,Статус,Номер у черзі,Ім’я,Телефон,Запис (за київським часом)");
    assert_eq!(lines.len(), 26);
    assert!(
        lines[1].starts_with("1,записано,,Олександра-Вікторія") && lines[1].contains(",+380671234567,"),
        "{}",
        lines[1]
    );
    assert!(lines[25].starts_with("25,у черзі,5,"), "{}", lines[25]);
}

#[sqlx::test]
async fn changing_the_number_of_seats_refuses_bad_numbers_and_tells_the_people_promoted(pool: PgPool) {
    let app = with_coordinator(pool, 2).await;
    for user in ["a", "b", "c", "d"] {
        join(&app, user, None).await;
    }
    let ask = app.press(COORDINATOR, UK, &Action::CoordCapacity("lviv-pws".into())).await;
    assert!(ask.text().contains("Зараз місць: 2, із них зайнято: 2."), "{}", ask.text());
    for bad in ["0", "10000", "-1", "багато", "2.5"] {
        let answer = app.say(COORDINATOR, UK, bad).await;
        assert!(answer.text().contains("Напишіть ціле число від 1 до 200."), "{bad}: {}", answer.text());
    }
    let below = app.say(COORDINATOR, UK, "1").await;
    assert!(
        below.text().contains("Уже записалося людей: 2, тож у групі має бути щонайменше 2 місця"),
        "{}",
        below.text()
    );
    assert_eq!(confirmed_and_waiting(&app).await, (2, 2), "nothing changed");
    let done = app.say(COORDINATOR, UK, "3").await;
    assert!(done.text().contains("Готово: тепер у групі 3 місця. 1 людина перейшла з черги"), "{}", done.text());
    assert_eq!(confirmed_and_waiting(&app).await, (3, 1));
    let told = app.notices_at(kyiv(2026, 11, 23, 12, 5)).await;
    assert_eq!(told.iter().map(|(to, _)| to.as_str()).collect::<Vec<_>>(), vec!["c"]);
    // The dialogue is over: a number typed now is not a capacity.
    let after = app.say(COORDINATOR, UK, "5").await;
    assert!(!after.text().contains("Готово"), "{}", after.text());
}

#[sqlx::test]
async fn cancelling_a_group_asks_first_then_tells_everyone_in_it_or_waiting(pool: PgPool) {
    let app = with_coordinator(pool, 1).await;
    join(&app, "a", None).await;
    join(&app, "b", None).await;
    let ask = app.press(COORDINATOR, UK, &Action::CoordCancel("lviv-pws".into())).await;
    assert!(ask.text().contains("Я повідомлю 2 людей, які записалися або чекають у черзі."), "{}", ask.text());
    assert_eq!(confirmed_and_waiting(&app).await, (1, 1), "asking changes nothing");
    let done = app.press(COORDINATOR, UK, &ask.button("Так, скасувати групу")).await;
    assert!(done.text().contains("Групу скасовано. 2 людям прийдуть повідомлення."), "{}", done.text());
    let told = app.notices_at(kyiv(2026, 11, 23, 12, 5)).await;
    let mut to: Vec<&str> = told.iter().map(|(to, _)| to.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, vec!["a", "b"]);
    assert!(
        told[0].1.text().contains("❗ На жаль, центр скасував групу «Батьківство без стресу»"),
        "{}",
        told[0].1.text()
    );
    assert_eq!(confirmed_and_waiting(&app).await, (0, 0));
    // Gone from the board and from "My sign-ups"; a second tap does nothing.
    let mine = app.press("a", UK, &Action::Mine).await;
    assert!(mine.text().contains("У вас немає активних записів."));
    let again = app.press(COORDINATOR, UK, &ask.button("Так, скасувати групу")).await;
    assert!(again.text().contains("Ця група не ваша або вже неактивна."), "{}", again.text());
    assert!(app.notices_at(kyiv(2026, 11, 30, 18, 0)).await.is_empty(), "no reminders for a cancelled group");
}

#[sqlx::test]
async fn a_coordinator_creates_a_group_through_a_checked_dialogue_with_a_preview(pool: PgPool) {
    let app = with_coordinator(pool, 10).await;
    let desk = coordinate(&app).await;
    let ask = app.press(COORDINATOR, UK, &desk.button("Нова група")).await;
    assert!(ask.text().contains("Яка програма?"), "{}", ask.text());
    // Typing instead of choosing asks again.
    let again = app.say(COORDINATOR, UK, "щось").await;
    assert!(again.text().contains("Яка програма?"));
    let first = app.press(COORDINATOR, UK, &ask.button("Самодопомога плюс")).await;
    assert!(first.text().contains("наприклад 24.11.2026 18:00"), "{}", first.text());
    for (bad, says) in [
        ("завтра", "Не вдалося розпізнати дату й час."),
        ("20.11.2026 18:00", "Цей час уже минув."),
        ("01.01.2029 18:00", "Ця дата більш ніж через рік."),
        ("28.03.2027 03:30", "такого часу в Києві немає"),
    ] {
        let answer = app.say(COORDINATOR, UK, bad).await;
        assert!(answer.text().contains(says), "{bad}: {}", answer.text());
        assert!(answer.text().contains("Коли перша зустріч?"), "asked again: {}", answer.text());
    }
    app.say(COORDINATOR, UK, "03.12.2026 17:00").await;
    let bad = app.say(COORDINATOR, UK, "0").await;
    assert!(bad.text().contains("від 1 до 52"), "{}", bad.text());
    app.say(COORDINATOR, UK, "5").await;
    let bad = app.say(COORDINATOR, UK, "5").await;
    assert!(bad.text().contains("від 15 до 480"), "{}", bad.text());
    app.say(COORDINATOR, UK, "120").await;
    for bad in ["0", "10000"] {
        let answer = app.say(COORDINATOR, UK, bad).await;
        assert!(answer.text().contains("від 1 до 200"), "{}", answer.text());
    }
    let language = app.say(COORDINATOR, UK, "12").await;
    let format = app.press(COORDINATOR, UK, &language.button("Українська")).await;
    let preview = app.press(COORDINATOR, UK, &format.button("Очно")).await;
    let text = preview.text();
    assert!(text.contains("Перевірте нову групу"), "{text}");
    assert!(text.contains("Програма: Самодопомога плюс (SH+)") && text.contains("Місць: 12"), "{text}");
    assert!(
        text.contains("1. 03.12.2026 (Чт), 17:00–19:00") && text.contains("5. 31.12.2026 (Чт), 17:00–19:00"),
        "{text}"
    );
    let cohorts: i64 = sqlx::query_scalar("SELECT count(*) FROM cohort").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(cohorts, 2, "nothing is created before the coordinator confirms");

    let created = app.press(COORDINATOR, UK, &preview.button("Відкрити запис")).await;
    assert!(created.text().contains("Групу відкрито"), "{}", created.text());
    for screen in [&desk, &ask, &first, &language, &format, &preview, &created] {
        assert!(screen.has_button(&Action::HelpNow), "help is one tap away: {}", screen.text());
    }
    // A double tap does not create a second group.
    let twice = app.press(COORDINATOR, UK, &preview.button("Відкрити запис")).await;
    assert!(twice.text().contains("Ця кнопка вже не діє"), "{}", twice.text());
    let cohorts: i64 = sqlx::query_scalar("SELECT count(*) FROM cohort").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(cohorts, 3);
    // Residents see it at the centre.
    let groups = app.press("olena", UK, &Action::CentreGroups(CentreId::parse("sample-lvivska").unwrap())).await;
    assert!(groups.text().contains("Самодопомога плюс (SH+)"), "{}", groups.text());
}

#[sqlx::test]
async fn a_stale_create_button_or_a_group_for_another_centre_is_refused(pool: PgPool) {
    let app = with_coordinator(pool, 10).await;
    let idle = app.press(COORDINATOR, UK, &Action::DraftCreate).await;
    assert!(idle.text().contains("Ця кнопка вже не діє"), "{}", idle.text());
    let other = app.press(COORDINATOR, UK, &Action::CoordNew(CentreId::parse("sample-kreminska").unwrap())).await;
    assert!(other.text().contains("Ця група не ваша"), "{}", other.text());
    let unknown = app.send(COORDINATOR, UK, Incoming::Button("kp:no-such-programme".into())).await;
    assert!(unknown.text().contains("Ця кнопка вже не діє"), "{}", unknown.text());
}

#[sqlx::test]
async fn a_right_to_left_override_in_a_name_is_isolated_in_the_list_and_the_csv(pool: PgPool) {
    let app = with_coordinator(pool, 20).await;
    let disguised = "\u{202E}анелО";
    join(&app, "p1", Some(disguised)).await;
    join(&app, "p2", Some("Тарас")).await;
    let group = app.press(COORDINATOR, UK, &Action::CoordCohort("lviv-pws".into())).await;
    let list = app.press(COORDINATOR, UK, &group.button("Список записаних")).await;
    let text = list.text();
    // The override ends at the PDI: the phone after the name reads as it is.
    assert!(text.contains(&format!("1. \u{2068}{disguised}\u{2069} +380 67 123 45 67")), "{text:?}");
    assert!(text.contains("2. \u{2068}Тарас\u{2069}"), "{text:?}");
    let file = app.press(COORDINATOR, UK, &group.button("у файлі CSV")).await;
    let csv = file.last().document.clone().expect("a CSV document");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[1].contains(&format!(",\u{2068}{disguised}\u{2069},+380671234567,")), "{:?}", lines[1]);
    // A name without controls is kept exactly as typed.
    assert!(lines[2].contains(",Тарас,+380671234567,"), "{:?}", lines[2]);
}
