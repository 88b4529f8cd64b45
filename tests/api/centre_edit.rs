//! Coordinators correct their own centre's card in the conversation: each
//! field through the screens with a preview before saving, the location
//! shared at the door, the hours picker, and what is refused: bad input,
//! cancelled previews, forged and stale buttons.

use resilience_bot::conversation::{Action, Pick};
use resilience_bot::csv_table::Format;
use resilience_bot::directory::Gazetteer;
use resilience_bot::domain::{
    Centre, CentreField, CentreId, ChannelKind, ImportOptions, Language, LocationSource, Person,
};
use resilience_bot::i18n::Text;
use sqlx::PgPool;

use crate::helpers::{Answer, SAMPLE_CSV, TestApp, monday_noon};

const UK: Language = Language::Uk;
const EN: Language = Language::En;
const LVIV: &str = "sample-lvivska";
const ANNA: &str = "anna";
const PETRO: &str = "petro";

fn lviv() -> CentreId {
    CentreId::parse(LVIV).unwrap()
}

fn console(id: &str) -> Person {
    Person { channel: ChannelKind::Console, external_id: id.into() }
}

/// The sample directory, with Anna and Petro coordinating the Lviv centre.
async fn with_coordinators(pool: PgPool) -> TestApp {
    let app = TestApp::new(pool).await;
    for who in [ANNA, PETRO] {
        assert!(app.store.add_coordinator(LVIV, &console(who)).await.unwrap());
        app.say(who, UK, "/start").await;
    }
    app
}

async fn centre(app: &TestApp, id: &str) -> Centre {
    app.store.centres().await.unwrap().into_iter().find(|c| c.id.as_str() == id).unwrap()
}

async fn history_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM centre_history").fetch_one(app.store.pool()).await.unwrap()
}

async fn edit(app: &TestApp, who: &str, field: CentreField) -> Answer {
    app.press(who, UK, &Action::EditField { centre: lviv(), field }).await
}

/// Types a value for a field, checks the preview, and saves it.
async fn type_and_save(app: &TestApp, field: CentreField, value: &str, shown: &str) -> Answer {
    edit(app, ANNA, field).await;
    let preview = app.say(ANNA, UK, value).await;
    let text = preview.text();
    assert!(text.starts_with("Попередній перегляд"), "{field:?}: {text}");
    assert!(text.contains(shown), "{field:?}: the card shows {shown:?}: {text}");
    let saved = app.press(ANNA, UK, &preview.button("Зберегти")).await;
    app.reload_directory().await;
    saved
}

fn is_editing(state: &serde_json::Value, field: &str) -> bool {
    state["kind"] == "editing_centre" && state["field"] == field
}

#[sqlx::test]
async fn a_coordinator_edits_every_field_from_their_desk_through_a_preview(pool: PgPool) {
    let app = with_coordinators(pool).await;
    let desk = app.say(ANNA, UK, "/coordinate").await;
    let menu = app.press(ANNA, UK, &desk.button("Змінити дані центру")).await;
    assert!(menu.text().contains("Центр життєстійкості Львівської громади: що змінити?"), "{}", menu.text());
    for label in ["Місце на мапі", "Адреса українською", "Адреса англійською", "Телефони", "пошта", "Сайт", "Графік"]
    {
        menu.button(label);
    }
    // Every button of the edit fits on a phone's button, in both languages.
    let mut labels: Vec<Text> =
        CentreField::EDITABLE.iter().map(|f| Text::new("edit-field").plain("field", f.as_str())).collect();
    for id in [
        "edit-button",
        "edit-back",
        "edit-save",
        "edit-cancel",
        "edit-again",
        "edit-hours-pick",
        "edit-pause-none",
        "edit-open-card",
    ] {
        labels.push(Text::new(id));
    }
    for language in [UK, EN] {
        for label in &labels {
            let shown = app.catalog.try_render(language, label).unwrap();
            assert!(shown.chars().count() <= 32, "{shown:?}");
        }
    }
    assert_eq!(app.catalog.try_render(EN, &Text::new("edit-button")).unwrap(), "✏️ Edit the centre’s details");

    let saved =
        type_and_save(&app, CentreField::AddressUk, "вул. Наукова, 7, Львів, 2 поверх", "вул. Наукова, 7").await;
    assert!(saved.text().contains("✅ Збережено") && saved.text().contains("Ще 1 координатор"), "{}", saved.text());
    type_and_save(&app, CentreField::AddressEn, "7 Naukova St, Lviv", "вул. Наукова, 7").await;
    type_and_save(&app, CentreField::Phones, "067 955 89 76,\n(096) 108-53-29", "+380 96 108 53 29").await;
    type_and_save(&app, CentreField::Email, "lviv@centre.org.ua", "lviv@centre.org.ua").await;
    type_and_save(&app, CentreField::Website, "centre.lviv.ua", "https://centre.lviv.ua").await;
    type_and_save(&app, CentreField::OpeningHours, "пн-пт з 10 до 17", "10:00–17:00").await;

    let after = centre(&app, LVIV).await;
    assert_eq!(after.address_uk.as_deref(), Some("вул. Наукова, 7, Львів, 2 поверх"));
    assert_eq!(after.address_en.as_deref(), Some("7 Naukova St, Lviv"));
    let phones: Vec<&str> = after.phones.iter().map(|p| p.as_e164()).collect();
    assert_eq!(phones, ["+380679558976", "+380961085329"]);
    assert_eq!(after.email.as_deref(), Some("lviv@centre.org.ua"));
    assert_eq!(after.website.as_deref(), Some("https://centre.lviv.ua"));
    assert_eq!(after.opening_hours.as_deref(), Some("Mo-Fr 10:00-17:00"));
    assert_eq!(after.verified_on, monday_noon().date_naive(), "every change renews the verified date");

    // The hours again, through the picker: days, opens, closes, a break.
    let ask = edit(&app, ANNA, CentreField::OpeningHours).await;
    let days = app.press(ANNA, UK, &ask.button("Обрати дні й години")).await;
    let opens = app.press(ANNA, UK, &days.button("Пн–Сб")).await;
    assert!(opens.text().contains("О котрій центр відчиняється?"), "{}", opens.text());
    let closes = app.press(ANNA, UK, &opens.button("9:00")).await;
    let pause = app.say(ANNA, UK, "18:30").await; // typed instead of tapped
    assert!(closes.text().contains("зачиняється") && pause.text().contains("перерва"), "{}", pause.text());
    let preview = app.press(ANNA, UK, &pause.button("13:00–14:00")).await;
    assert!(preview.text().contains("Пн–Сб: 9:00–13:00, 14:00–18:30"), "{}", preview.text());
    app.press(ANNA, UK, &preview.button("Зберегти")).await;
    assert_eq!(centre(&app, LVIV).await.opening_hours.as_deref(), Some("Mo-Sa 09:00-13:00,14:00-18:30"));

    // "-" removes an optional field.
    edit(&app, ANNA, CentreField::Website).await;
    let cleared = app.say(ANNA, UK, "-").await;
    app.press(ANNA, UK, &cleared.button("Зберегти")).await;
    assert_eq!(centre(&app, LVIV).await.website, None);

    let history = app.store.centre_history(&lviv(), 20).await.unwrap();
    let fields: Vec<&str> = history.iter().rev().map(|h| h.field.as_str()).collect();
    assert_eq!(
        fields,
        ["address_uk", "address_en", "phone", "email", "website", "opening_hours", "opening_hours", "website"]
    );
    assert!(history.iter().all(|h| h.source == "coordinator" && h.by_id.as_deref() == Some(ANNA)));

    // Petro, the other coordinator, is told of each change, in his language,
    // with the card to check and the way to correct it.
    let told = app.notices_for(PETRO, monday_noon()).await;
    assert_eq!(told.len(), 8, "{told:?}");
    let first = &told[0];
    assert!(first.text().contains("змінено: адреса українською"), "{}", first.text());
    first.button("Відкрити картку");
    assert_eq!(first.button("Змінити дані центру"), Action::EditCentre(lviv()));
    assert!(app.notices_for(ANNA, monday_noon()).await.is_empty(), "the one who made the change is not told");

    // Anna forgets herself: the changes stay with the centre, without her.
    app.say(ANNA, UK, "/forget").await;
    let forgotten = app.store.centre_history(&lviv(), 20).await.unwrap();
    assert_eq!(forgotten.len(), 8);
    assert!(forgotten.iter().all(|h| h.by_channel.is_none() && h.by_id.is_none()), "{forgotten:?}");
    assert_eq!(forgotten[0].new_value, history[0].new_value);
}

#[sqlx::test]
async fn a_coordinator_moves_the_centre_by_sharing_the_location_at_the_door(pool: PgPool) {
    let app = with_coordinators(pool).await;
    let ask = edit(&app, ANNA, CentreField::Location).await;
    assert!(ask.last().ask_location, "the share-location control is offered");
    assert!(ask.text().contains("Станьте біля входу"), "{}", ask.text());
    let typed = app.say(ANNA, UK, "вул. Наукова, 7").await;
    assert!(typed.text().contains("потрібна геопозиція"), "{}", typed.text());
    assert!(is_editing(&app.stored_state(ANNA).await, "location"));

    // About 1.3 km from the sample's point (the hromada's centre).
    let door = (49.8300, 24.0100);
    let preview = app.location(ANNA, UK, door.0, door.1).await;
    let text = preview.text();
    assert!(text.contains("Нова точка — за 1,3\u{a0}км від тієї, що в картці зараз."), "{text}");
    let pin = preview.last().venue.clone().unwrap();
    assert_eq!((pin.0, pin.1), door, "the preview pins the new point");
    let saved = app.press(ANNA, UK, &preview.button("Зберегти")).await;
    assert!(saved.text().contains("Збережено"), "{}", saved.text());
    app.reload_directory().await;
    let moved = centre(&app, LVIV).await;
    assert_eq!(
        (moved.location.lat(), moved.location.lon(), moved.location_source),
        (door.0, door.1, LocationSource::Coordinator)
    );

    // Someone searching from that door finds it there, under 50 m.
    let directory = app.directory.current();
    let nearest = &directory.nearest(moved.location, 0, 1)[0];
    assert_eq!(nearest.centre.id.as_str(), LVIV);
    let metres = nearest.metres.expect("a distance from a point");
    assert!(metres < 50.0, "{metres} m");
    let found = app.location("olena", EN, door.0 + 0.0002, door.1).await;
    let first = found.text().lines().find(|l| l.starts_with("1. ")).unwrap().to_owned();
    assert!(first.contains("Lviv Resilience Centre") && first.contains("20\u{a0}m"), "{first}");

    // A later import of the old coordinates keeps the coordinator's point, and says so.
    let gazetteer = Gazetteer::built_in().unwrap();
    let today = monday_noon().date_naive();
    let report = resilience_bot::import::import_centres(
        &app.store,
        &gazetteer,
        SAMPLE_CSV.as_bytes(),
        Format::Csv,
        today,
        ImportOptions::default(),
        None,
    )
    .await
    .unwrap();
    let kept: Vec<(&str, CentreField)> = report.plan.kept.iter().map(|k| (k.centre.as_str(), k.field)).collect();
    assert_eq!(kept, [(LVIV, CentreField::Location)]);
    assert_eq!(centre(&app, LVIV).await.location, moved.location);
}

#[sqlx::test]
async fn a_preview_then_cancel_changes_nothing(pool: PgPool) {
    let app = with_coordinators(pool).await;
    let before = centre(&app, LVIV).await;
    edit(&app, ANNA, CentreField::Phones).await;
    let preview = app.say(ANNA, UK, "067 955 89 76").await;
    let save = preview.button("Зберегти");
    let cancelled = app.press(ANNA, UK, &preview.button("Скасувати")).await;
    assert!(cancelled.text().contains("Скасовано: картка не змінилася."), "{}", cancelled.text());
    // The preview's Save, tapped after the cancel, is stale.
    let late = app.press(ANNA, UK, &save).await;
    assert!(late.text().contains("Ця кнопка вже не діє."), "{}", late.text());
    assert_eq!(centre(&app, LVIV).await, before);
    assert_eq!(history_rows(&app).await, 0);
    assert!(app.notices_for(PETRO, monday_noon()).await.is_empty());
}

#[sqlx::test]
async fn a_forged_edit_from_someone_who_is_not_a_coordinator_changes_nothing_and_is_answered(pool: PgPool) {
    let app = with_coordinators(pool).await;
    let before = app.store.centres().await.unwrap();
    let kyiv = CentreId::parse("sample-brovarska").unwrap();
    for (who, action) in [
        ("olena", Action::EditCentre(lviv())),
        ("olena", Action::EditField { centre: lviv(), field: CentreField::Phones }),
        ("olena", Action::EditSave { centre: lviv(), field: CentreField::Phones, rev: 1 }),
        ("olena", Action::EditHours { centre: lviv(), rev: 1, pick: Pick::Opens(9) }),
        (ANNA, Action::EditField { centre: kyiv.clone(), field: CentreField::Website }),
        (ANNA, Action::EditSave { centre: kyiv, field: CentreField::Website, rev: 1 }),
    ] {
        let answer = app.press(who, UK, &action).await;
        let text = answer.text();
        assert!(text.contains("Це не ваш центр") || text.contains("Ця кнопка вже не діє"), "{action:?}: {text}");
        assert!(!app.stored_state(who).await["kind"].as_str().unwrap_or("").starts_with("editing"), "{action:?}");
    }

    // Anna previews a change, then stops coordinating before she saves it:
    // the database refuses it.
    edit(&app, ANNA, CentreField::Email).await;
    let preview = app.say(ANNA, UK, "lviv@centre.org.ua").await;
    assert!(app.store.revoke_coordinator(LVIV, &console(ANNA)).await.unwrap());
    let refused = app.press(ANNA, UK, &preview.button("Зберегти")).await;
    assert!(refused.text().contains("Це не ваш центр"), "{}", refused.text());
    assert_eq!(app.store.centres().await.unwrap(), before);
    assert_eq!(history_rows(&app).await, 0);
}

#[sqlx::test]
async fn a_stale_button_after_the_step_moved_on_is_answered_as_stale(pool: PgPool) {
    let app = with_coordinators(pool).await;
    let before = centre(&app, LVIV).await;
    edit(&app, ANNA, CentreField::Email).await;
    let first = app.say(ANNA, UK, "first@centre.org.ua").await;
    let second = app.say(ANNA, UK, "second@centre.org.ua").await;
    let (old_save, new_save) = (first.button("Зберегти"), second.button("Зберегти"));
    assert_ne!(old_save, new_save, "each preview's buttons name their own step");
    let stale = app.press(ANNA, UK, &old_save).await;
    assert!(stale.text().contains("Ця кнопка вже не діє."), "{}", stale.text());
    assert_eq!(centre(&app, LVIV).await, before, "the first preview was not saved");

    // Another field's step: the email's Save does not apply to it.
    edit(&app, ANNA, CentreField::Email).await;
    let third = app.say(ANNA, UK, "third@centre.org.ua").await;
    edit(&app, ANNA, CentreField::Website).await;
    let other = app.press(ANNA, UK, &third.button("Зберегти")).await;
    assert!(other.text().contains("Ця кнопка вже не діє."), "{}", other.text());
    assert_eq!(centre(&app, LVIV).await, before);

    // The picker: a tap on an earlier question once the next is asked.
    let ask = edit(&app, ANNA, CentreField::OpeningHours).await;
    let days = app.press(ANNA, UK, &ask.button("Обрати дні й години")).await;
    let opens = app.press(ANNA, UK, &days.button("Пн–Пт")).await;
    app.press(ANNA, UK, &opens.button("10:00")).await;
    let again = app.press(ANNA, UK, &days.button("Пн–Нд")).await;
    assert!(again.text().contains("Ця кнопка вже не діє."), "{}", again.text());
    let twice = app.press(ANNA, UK, &opens.button("8:00")).await;
    assert!(twice.text().contains("Ця кнопка вже не діє."), "{}", twice.text());

    // A saved preview's Save, tapped again, saves nothing twice.
    edit(&app, ANNA, CentreField::Email).await;
    let preview = app.say(ANNA, UK, "fourth@centre.org.ua").await;
    let save = preview.button("Зберегти");
    assert!(app.press(ANNA, UK, &save).await.text().contains("Збережено"));
    let repeated = app.press(ANNA, UK, &save).await;
    assert!(repeated.text().contains("Ця кнопка вже не діє."), "{}", repeated.text());
    assert_eq!(history_rows(&app).await, 1);
    assert_eq!(centre(&app, LVIV).await.email.as_deref(), Some("fourth@centre.org.ua"));
}

#[sqlx::test]
async fn bad_input_for_each_field_is_answered_and_keeps_the_step(pool: PgPool) {
    let app = with_coordinators(pool).await;
    let before = centre(&app, LVIV).await;
    let long = "вул. ".repeat(70);
    for (field, bad, answer) in [
        (CentreField::Phones, "12345", "Не вдається прочитати номер «12345»"),
        (CentreField::Phones, "067 955 89 76, 555", "Не вдається прочитати номер «555»"),
        (CentreField::Email, "info@centre", "«info@centre» — не адреса електронної пошти"),
        (CentreField::Website, "немає сайту", "«немає сайту» — не адреса сайту"),
        (CentreField::OpeningHours, "коли як", "Не вдається зрозуміти графік «коли як»"),
        (CentreField::AddressUk, long.as_str(), "Задовго: можна щонайбільше 300 символів."),
        (CentreField::AddressEn, long.as_str(), "Задовго"),
    ] {
        edit(&app, ANNA, field).await;
        let refused = app.say(ANNA, UK, bad).await;
        assert!(refused.text().contains(answer), "{field:?} {bad:?}: {}", refused.text());
        assert!(is_editing(&app.stored_state(ANNA).await, field.as_str()), "{field:?}: still asked");
        assert!(!refused.text().contains("Попередній перегляд"), "{field:?}");
    }
    let outside = edit(&app, ANNA, CentreField::Location).await;
    assert!(outside.last().ask_location);
    let warsaw = app.location(ANNA, UK, 52.23, 21.01).await;
    assert!(warsaw.text().contains("Ця точка поза Україною"), "{}", warsaw.text());
    assert!(warsaw.last().ask_location && is_editing(&app.stored_state(ANNA).await, "location"));

    // The picker: closing before opening, a time that is none, a break outside the hours.
    let ask = edit(&app, ANNA, CentreField::OpeningHours).await;
    let days = app.press(ANNA, UK, &ask.button("Обрати дні й години")).await;
    let opens = app.press(ANNA, UK, &days.button("Пн–Пт")).await;
    let closes = app.say(ANNA, UK, "18:00").await;
    let early = app.press(ANNA, UK, &closes.button("16:00")).await;
    assert!(early.text().contains("має зачинятися пізніше, ніж відчиняється (18:00)"), "{}", early.text());
    early.button("20:00");
    let nonsense = app.say(ANNA, UK, "25:00").await;
    assert!(nonsense.text().contains("Не вдається прочитати час"), "{}", nonsense.text());
    let pause = app.say(ANNA, UK, "21:00").await;
    let outside = app.say(ANNA, UK, "8-9").await;
    assert!(outside.text().contains("Перерва має бути в робочий час, між 18:00 і 21:00"), "{}", outside.text());
    assert!(opens.text().contains("відчиняється") && pause.text().contains("перерва"));
    let fine = app.say(ANNA, UK, "без перерви").await;
    assert!(fine.text().contains("Пн–Пт: 18:00–21:00"), "{}", fine.text());

    assert_eq!(centre(&app, LVIV).await, before, "nothing was saved");
    // After all that, a good value still goes through.
    edit(&app, ANNA, CentreField::Phones).await;
    let good = app.say(ANNA, UK, "12345").await;
    assert!(good.text().contains("12345"));
    let preview = app.say(ANNA, UK, "+380 67 955 89 76").await;
    app.press(ANNA, UK, &preview.button("Зберегти")).await;
    assert_eq!(centre(&app, LVIV).await.phones.len(), 1);
}
