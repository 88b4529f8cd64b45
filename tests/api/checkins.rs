//! The WHO-5 check-in: nothing stored before the end, one anonymous row
//! after it, routing by the thresholds, the reminder, statistics with small
//! cells hidden, and /forget.

use chrono::NaiveDate;
use resilience_bot::conversation::{Action, Skipped};
use resilience_bot::domain::wellbeing::Answers;
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::store::{CheckinRecord, week_of};
use sqlx::PgPool;

use crate::cli::{run, stderr, stdout};
use crate::helpers::{Answer, TestApp, database_url, import_sample_groups, kyiv};

const UK: Language = Language::Uk;
const EN: Language = Language::En;
const LVIV_OBLAST: &str = "UA46000000000026241";

/// The check-ins stored, once the writer has written what it holds.
async fn rows(app: &TestApp) -> i64 {
    app.conversation.flush_checkins().await;
    sqlx::query_scalar("SELECT count(*) FROM checkin").fetch_one(app.store.pool()).await.unwrap()
}

/// Opens the check-in from the menu and begins it.
async fn begin(app: &TestApp, user: &str, language: Language) -> Answer {
    let menu = app.say(user, language, "/menu").await;
    let consent =
        app.press(user, language, &menu.button(if language == UK { "Як я почуваюся" } else { "How am I doing" })).await;
    app.press(user, language, &consent.button(if language == UK { "Почати" } else { "Begin" })).await
}

/// Answers the five items by their labels, then the oblast question.
async fn answer_all(app: &TestApp, user: &str, labels: [&str; 5]) -> Answer {
    let mut screen = begin(app, user, UK).await;
    for label in labels {
        assert_eq!(rows(app).await, 0, "nothing is stored before the end");
        screen = app.press(user, UK, &screen.button(label)).await;
    }
    screen
}

/// The token of the check-in whose first question is on screen.
fn token(first: &Answer) -> String {
    match first.button("Увесь час") {
        Action::CheckinAnswer { token, .. } => token,
        other => panic!("not a check-in answer: {other:?}"),
    }
}

/// The last button of a check-in with these answers, not shared oblast.
fn done(token: String, answers: [u8; 5]) -> Action {
    Action::CheckinDone { token, answers: Answers::new(&answers).unwrap(), oblast: None }
}

async fn finish(app: &TestApp, user: &str, answers: [u8; 5]) -> Answer {
    let first = begin(app, user, UK).await;
    app.press(user, UK, &done(token(&first), answers)).await
}

#[sqlx::test]
async fn a_checkin_is_stored_once_at_the_end_without_anything_that_identifies_the_person(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let menu = app.say("olena", UK, "/menu").await;
    let consent = app.press("olena", UK, &menu.button("Як я почуваюся")).await;
    assert!(consent.text().contains("Що зберігається: лише п’ять ваших відповідей"), "{}", consent.text());
    assert!(consent.text().contains("Що не зберігається: ваш ідентифікатор"), "{}", consent.text());

    let first = app.press("olena", UK, &consent.button("Почати")).await;
    let first_screen = first.clone();
    assert!(first.text().contains("Запитання 1 з 5"), "{}", first.text());
    assert!(first.text().contains("ви почувалися життєрадісно, у доброму настрої?"), "{}", first.text());
    let labels: Vec<&str> = first.last().buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        &labels[..6],
        [
            "Увесь час",
            "Більшу частину часу",
            "Більше ніж половину часу",
            "Менше ніж половину часу",
            "Іноді",
            "Жодного разу"
        ]
    );

    let oblasts = answer_all(
        &app,
        "olena",
        ["Більшу частину часу", "Іноді", "Увесь час", "Жодного разу", "Менше ніж половину часу"],
    )
    .await;
    assert!(oblasts.text().contains("у якому регіоні ви зараз?"), "{}", oblasts.text());
    // The answers so far are in the buttons, not in the stored state.
    let state = app.stored_state("olena").await;
    assert_eq!(state["kind"], "checking_in");
    assert_eq!(state.as_object().unwrap().len(), 2, "the kind and the check-in's token only: {state}");
    assert_eq!(rows(&app).await, 0);

    let result = app.press("olena", UK, &oblasts.button("Львівська область")).await;
    // 4 + 1 + 5 + 0 + 2 = 12 → 48.
    assert!(result.text().contains("Ваш результат: 48 зі 100."), "{}", result.text());
    assert_eq!(rows(&app).await, 1);
    let (week, language, channel, oblast, answers): (NaiveDate, String, String, Option<String>, Vec<i16>) =
        sqlx::query_as(
            "SELECT week, language, channel, oblast, ARRAY[cheerful, calm, active, rested, interested] FROM checkin",
        )
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    // The clock says Monday 23 November 2026: its ISO week, no finer.
    assert_eq!(week, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    assert_eq!((language.as_str(), channel.as_str()), ("uk", "console"));
    assert_eq!(oblast.as_deref(), Some(LVIV_OBLAST));
    assert_eq!(answers, [4, 1, 5, 0, 2]);

    // A second tap on the same button stores nothing more, nor do the
    // buttons of the finished check-in's earlier questions.
    let again = app.press("olena", UK, &oblasts.button("Львівська область")).await;
    assert!(again.text().contains("вже завершена або зупинена"), "{}", again.text());
    let earlier = app.press("olena", UK, &first_screen.button("Іноді")).await;
    assert!(earlier.text().contains("вже завершена або зупинена"), "{}", earlier.text());
    assert_eq!(rows(&app).await, 1);
}

#[sqlx::test]
async fn stopping_or_leaving_midway_stores_nothing(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let first = begin(&app, "petro", UK).await;
    let second = app.press("petro", UK, &first.button("Іноді")).await;
    let stopped = app.press("petro", UK, &second.button("Вийти без збереження")).await;
    assert!(stopped.text().contains("Нічого не збережено."), "{}", stopped.text());
    assert_eq!(app.stored_state("petro").await, serde_json::json!({ "kind": "idle" }));

    // Left for the menu before the last answer: an old last button does nothing.
    let first = begin(&app, "petro", UK).await;
    app.say("petro", UK, "/menu").await;
    let late = app.press("petro", UK, &done(token(&first), [1, 1, 1, 1, 1])).await;
    assert!(late.text().contains("вже завершена або зупинена"), "{}", late.text());
    assert_eq!(rows(&app).await, 0);

    // Forged answers are refused as a stale button.
    let forged = app.send("petro", UK, resilience_bot::conversation::Incoming::Button("wd:1a:99999:-".into())).await;
    assert!(forged.text().contains("Ця кнопка вже не діє"), "{}", forged.text());
    assert_eq!(rows(&app).await, 0);
}

#[sqlx::test]
async fn results_route_to_a_centre_at_50_or_an_item_at_0_or_1_and_to_crisis_lines_first_at_28(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let find = Action::Find;

    // 52, every item 2 or more: no next step pushed.
    let good = finish(&app, "a", [3, 3, 3, 2, 2]).await;
    assert!(good.text().contains("Ваш результат: 52 зі 100."), "{}", good.text());
    assert!(good.text().contains("чимало добрих днів"), "{}", good.text());
    assert!(!good.has_button(&find) && !good.last().ask_location);
    assert!(!good.text().contains("7333"));
    assert!(good.text().contains("Це не діагноз"), "{}", good.text());
    assert!(good.text().contains("Різниця в 10 балів"), "{}", good.text());

    // 52 but one item at 1: a centre, one tap away.
    let one_item = finish(&app, "b", [3, 2, 4, 1, 3]).await;
    assert!(one_item.text().contains("центрі життєстійкості"), "{}", one_item.text());
    assert!(one_item.has_button(&find) && one_item.last().ask_location);
    assert!(!one_item.text().contains("7333"));

    // 48 and 32: a centre, no crisis lines.
    for (user, answers) in [("c", [3, 3, 2, 2, 2]), ("d", [2, 2, 2, 1, 1])] {
        let low = finish(&app, user, answers).await;
        assert!(low.text().contains("останнім часом вам буває непросто"), "{}", low.text());
        assert!(low.has_button(&find));
        assert!(!low.text().contains("7333"), "{}", low.text());
        assert_eq!(low.text().matches("центр").count(), 1, "the centre is offered once: {}", low.text());
    }

    // 28: the crisis lines come first, then the centre.
    let crisis = finish(&app, "e", [2, 2, 1, 1, 1]).await;
    let text = crisis.text();
    assert!(text.contains("Ваш результат: 28 зі 100."), "{text}");
    let lifeline = text.find("7333").expect("Lifeline Ukraine's number");
    let centre = text.find("центрі життєстійкості").expect("the centre");
    assert!(lifeline < centre, "{text}");
    let emergency = text.find("112").expect("the emergency number");
    assert!(lifeline < emergency, "Lifeline on top, then emergency services: {text}");
    assert!(crisis.has_button(&find) && crisis.has_button(&Action::HelpNow));
    assert!(!text.to_lowercase().contains("депрес"), "never a diagnosis: {text}");
    // Lifeline under "someone will listen"; emergency services on a line of their own.
    assert!(text.contains("Якщо є загроза життю — телефонуйте 112 або 103."), "{text}");
    assert!(!text.contains("Єдиний номер екстрених служб"), "112 is not a line that listens: {text}");
    assert!(!text.contains("10 балів"), "no statistics right after the crisis lines: {text}");

    // In English too.
    let first = begin(&app, "f", EN).await;
    let token = match first.button("All of the time") {
        Action::CheckinAnswer { token, .. } => token,
        other => panic!("{other:?}"),
    };
    let english = app.press("f", EN, &done(token, [0, 0, 0, 0, 0])).await;
    assert!(english.text().contains("Your result: 0 out of 100."), "{}", english.text());
    assert!(english.text().contains("Lifeline Ukraine — suicide prevention"), "{}", english.text());
    assert!(english.text().contains("If a life is in danger, call 112 or 103."), "{}", english.text());
    assert_eq!(rows(&app).await, 6);
}

#[sqlx::test]
async fn the_checkin_table_has_no_identifying_column(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let columns: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text, column_default::text FROM information_schema.columns \
         WHERE table_name = 'checkin' ORDER BY column_name",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    let names: Vec<&str> = columns.iter().map(|(n, _, _)| n.as_str()).collect();
    // Adding a column here (a user id, a time, a place) must be a deliberate
    // change to this list, the migration's comment and the README.
    assert_eq!(
        names,
        ["active", "calm", "channel", "cheerful", "id", "interested", "language", "oblast", "rested", "week"],
        "the check-in table's columns changed"
    );
    let types: std::collections::HashMap<&str, (&str, Option<&str>)> =
        columns.iter().map(|(n, t, d)| (n.as_str(), (t.as_str(), d.as_deref()))).collect();
    assert_eq!(types["week"].0, "date", "a week, never a day or a time");
    let tuesday = sqlx::query(
        "INSERT INTO checkin (week, language, channel, cheerful, calm, active, rested, interested) \
                               VALUES ('2026-11-24', 'uk', 'telegram', 1, 1, 1, 1, 1)",
    )
    .execute(app.store.pool())
    .await;
    assert!(tuesday.is_err(), "the week is stored as its Monday, never as another day");
    assert_eq!(types["id"], ("uuid", Some("gen_random_uuid()")), "a random id, not a sequence");
    let foreign_keys: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM information_schema.table_constraints \
         WHERE table_name = 'checkin' AND constraint_type = 'FOREIGN KEY'",
    )
    .fetch_one(app.store.pool())
    .await
    .unwrap();
    assert_eq!(foreign_keys, 0, "nothing joins a check-in to anyone");
    let reminder: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'checkin_reminder' ORDER BY 1",
    )
    .fetch_all(app.store.pool())
    .await
    .unwrap();
    assert_eq!(reminder, ["channel", "due_on", "external_id"], "the reminder is who and when only");
}

#[sqlx::test]
async fn a_reminder_in_about_two_weeks_is_kept_apart_can_be_cancelled_and_comes_in_the_daytime(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let result = finish(&app, "olha", [4, 4, 4, 4, 4]).await;
    let set = app.press("olha", UK, &result.button("Нагадати через два тижні")).await;
    let person = Person { channel: ChannelKind::Console, external_id: "olha".into() };
    // Drawn 13 to 16 days after the check-in (Monday 23 November), so that
    // the reminder's day does not tell the check-in's.
    let due = app.store.checkin_reminder(&person).await.unwrap().expect("a reminder");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert!((13..=16).contains(&(due - today).num_days()), "due {due}");
    assert!(set.text().contains(&format!("Нагадаю {}", due.format("%d.%m.%Y"))), "{}", set.text());

    let cancelled = app.press("olha", UK, &set.button("Скасувати нагадування")).await;
    assert!(cancelled.text().contains("Нагадування скасовано."), "{}", cancelled.text());
    assert_eq!(app.store.checkin_reminder(&person).await.unwrap(), None);
    let twice = app.press("olha", UK, &Action::CheckinRemindCancel).await;
    assert!(twice.text().contains("Нагадування не було"), "{}", twice.text());

    app.press("olha", UK, &Action::CheckinRemind).await;
    let due = app.store.checkin_reminder(&person).await.unwrap().expect("a reminder");
    let at = |day: NaiveDate, hour| {
        use chrono::Datelike;
        kyiv(day.year(), day.month(), day.day(), hour, 0)
    };
    let day_before = due.pred_opt().unwrap();
    assert!(app.notices_for("olha", at(day_before, 12)).await.is_empty(), "not before the day");
    assert!(app.notices_for("olha", at(due, 6)).await.is_empty(), "not at night");
    let notices = app.notices_for("olha", at(due, 9) + chrono::Duration::minutes(30)).await;
    assert_eq!(notices.len(), 1);
    assert!(notices[0].text().contains("просили нагадати"), "{}", notices[0].text());
    assert_eq!(notices[0].button("Почати"), Action::Checkin);
    assert_eq!(app.store.checkin_reminder(&person).await.unwrap(), None, "a reminder is sent once");
    assert!(app.notices_for("olha", at(due.succ_opt().unwrap(), 12)).await.is_empty());
}

#[sqlx::test]
async fn reminders_are_drawn_over_days_13_to_16(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..40 {
        let user = format!("r{i}");
        app.press(&user, UK, &Action::CheckinRemind).await;
        let person = Person { channel: ChannelKind::Console, external_id: user };
        let due = app.store.checkin_reminder(&person).await.unwrap().expect("a reminder");
        seen.insert((due - today).num_days());
    }
    // 40 draws miss one of four days with probability 4 × (3/4)^40 < 1e-4.
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), [13, 14, 15, 16]);
}

async fn record(app: &TestApp, day: NaiveDate, oblast: Option<&str>, answers: [u8; 5], times: usize) {
    let record = CheckinRecord {
        answers: Answers::new(&answers).unwrap(),
        week: week_of(day),
        language: UK,
        channel: ChannelKind::Telegram,
        oblast: oblast.map(str::to_owned),
    };
    app.store.record_checkins(&vec![record; times]).await.unwrap();
}

const KYIV_OBLAST: &str = "UA32000000000030281";
const ODESA_OBLAST: &str = "UA51000000000030770";

#[sqlx::test]
async fn coordinators_see_weekly_figures_with_cells_under_ten_hidden(pool: PgPool) {
    let app = TestApp::new(pool).await;
    // The clock says Monday 23 November: the last complete week began on the 16th.
    let this_week = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let last_week = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let week_before = NaiveDate::from_ymd_opt(2026, 11, 11).unwrap();
    // Last week: Lviv 10 (scores 40 and 80, half ≤ 50), Kyiv oblast 9, Odesa 3.
    record(&app, last_week, Some(LVIV_OBLAST), [2, 2, 2, 2, 2], 5).await;
    record(&app, last_week, Some(LVIV_OBLAST), [4, 4, 4, 4, 4], 5).await;
    record(&app, last_week, Some(KYIV_OBLAST), [3, 3, 3, 3, 3], 9).await;
    record(&app, last_week, Some(ODESA_OBLAST), [1, 1, 1, 1, 1], 3).await;
    // The week before: Lviv 9 only.
    record(&app, week_before, Some(LVIV_OBLAST), [5, 5, 5, 5, 5], 9).await;
    // This week is not shown until it is over, however many there are.
    record(&app, this_week, Some(LVIV_OBLAST), [1, 1, 1, 1, 1], 30).await;

    let refused = app.say("stranger", UK, "/stats").await;
    assert!(refused.text().contains("Це для координаторів центрів."), "{}", refused.text());

    let person = Person { channel: ChannelKind::Console, external_id: "coord".into() };
    app.say("coord", UK, "/menu").await;
    assert!(app.store.add_coordinator("sample-lvivska", &person).await.unwrap());
    let desk = app.say("coord", UK, "/coordinate").await;
    let stats = app.press("coord", UK, &desk.button("Статистика самопочуття")).await;
    let text = stats.text();
    assert!(text.contains("Уся Україна"), "{text}");
    assert!(text.contains("тиждень з 16.11.2026: 22 перевірки, середній бал 54,5, ≤ 50 — 36\u{a0}%"), "{text}");
    assert!(text.contains("Львівська область"), "{text}");
    assert!(text.contains("тиждень з 16.11.2026: 10 перевірок, середній бал 60,0, ≤ 50 — 50\u{a0}%"), "{text}");
    assert!(text.contains("тиждень з 09.11.2026: менше ніж 10 перевірок"), "{text}");
    assert!(text.contains("тиждень з 28.09.2026"), "eight weeks: {text}");
    assert!(!text.contains("9 перевірок") && !text.contains("3 перевірки"), "{text}");
    assert!(!text.contains("23.11.2026") && !text.contains("30 перевірок"), "{text}");
    // The chart goes along (Telegram sends it as a picture).
    let outgoing = app
        .conversation
        .handle(
            &resilience_bot::conversation::User {
                channel: ChannelKind::Console,
                id: "coord".into(),
                platform_language: None,
            },
            resilience_bot::conversation::Incoming::Button(Action::CoordStats.encode()),
        )
        .await
        .unwrap();
    let chart = outgoing.replies[0].chart.as_ref().expect("a chart");
    assert_eq!(chart.weeks.len(), 8);
    assert_eq!(chart.series.len(), 2, "Ukraine and the coordinator's oblast");
    assert_eq!(chart.series[1].values[7], Some(60.0));
    assert_eq!(chart.series[1].values[6], None, "a hidden week is a gap");
}

#[sqlx::test]
async fn stats_checkins_prints_complete_weeks_and_oblasts_and_hides_small_cells(pool: PgPool) {
    let app = TestApp::new(pool.clone()).await;
    let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    record(&app, monday, Some(LVIV_OBLAST), [3, 3, 3, 3, 3], 12).await;
    record(&app, monday, Some(KYIV_OBLAST), [1, 1, 1, 1, 1], 4).await;
    record(&app, monday, None, [5, 5, 5, 5, 5], 8).await;
    // The week of "today" (Wednesday 25 November) is not reported yet.
    record(&app, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), Some(LVIV_OBLAST), [0, 0, 0, 0, 0], 40).await;
    let url = database_url(&pool);

    let all = run(&url, &["stats", "checkins", "--weeks", "2", "--today", "2026-11-25"], "");
    assert!(all.status.success(), "{}", stderr(&all));
    let out = stdout(&all);
    // Columns: week, area (several words), check-ins, mean, share.
    let row = |week: &str, area: &str| -> Vec<String> {
        let line = out
            .lines()
            .find(|l| l.starts_with(week) && l.contains(area))
            .unwrap_or_else(|| panic!("{week} {area}: {out}"));
        line.split_whitespace().rev().take(3).map(str::to_owned).collect::<Vec<_>>().into_iter().rev().collect()
    };
    assert_eq!(row("2026-11-16", "All of Ukraine"), ["24", "66.7", "17%"], "{out}");
    assert_eq!(row("2026-11-16", "Lviv Oblast"), ["12", "60.0", "0%"], "{out}");
    // Kyiv oblast (4) and "not shared" (8) together are 12: both hidden, and
    // neither can be had from the total.
    assert_eq!(row("2026-11-16", "Kyiv Oblast"), ["<10", "-", "-"], "{out}");
    assert_eq!(row("2026-11-16", "not shared"), ["<10", "-", "-"], "{out}");
    assert_eq!(row("2026-11-09", "All of Ukraine"), ["<10", "-", "-"], "{out}");
    assert!(!out.contains("2026-11-23"), "the current week: {out}");
    assert!(!out.contains("2026-11-02"), "two weeks only: {out}");

    let one = run(&url, &["stats", "checkins", "--oblast", "Львівська", "--weeks", "1", "--today", "2026-11-25"], "");
    assert!(one.status.success(), "{}", stderr(&one));
    let out = stdout(&one);
    assert!(out.contains("Lviv Oblast") && !out.contains("All of Ukraine") && !out.contains("Kyiv"), "{out}");

    let bad = run(&url, &["stats", "checkins", "--oblast", "Atlantis"], "");
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("no oblast \"Atlantis\""), "{}", stderr(&bad));
    let no_weeks = run(&url, &["stats", "checkins", "--weeks", "0"], "");
    assert!(!no_weeks.status.success());
}

#[sqlx::test]
async fn forget_deletes_the_person_frees_their_seat_for_the_next_in_line_and_keeps_checkins(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 1).await;
    for user in ["anna", "boris"] {
        app.press(user, UK, &Action::Join("lviv-pws".into())).await;
        app.press(user, UK, &Action::Skip(Skipped::Name("lviv-pws".into()))).await;
        app.press(user, UK, &Action::Skip(Skipped::Phone("lviv-pws".into()))).await;
    }
    let anna = Person { channel: ChannelKind::Console, external_id: "anna".into() };
    app.press("anna", UK, &Action::Subscribe(resilience_bot::domain::CentreId::parse("sample-lvivska").unwrap())).await;
    assert!(app.store.add_coordinator("sample-kreminska", &anna).await.unwrap());
    let (now, until) = (crate::helpers::monday_noon(), kyiv(2026, 11, 30, 9, 0));
    assert!(app.store.close_centre_as(&anna, "sample-kreminska", "Немає світла", until, now).await.unwrap());
    finish(&app, "anna", [2, 2, 2, 2, 2]).await;
    app.press("anna", UK, &Action::CheckinRemind).await;
    let count = |sql: &'static str| {
        let pool = app.store.pool().clone();
        async move { sqlx::query_scalar::<_, i64>(sql).bind("anna").fetch_one(&pool).await.unwrap() }
    };
    assert_eq!(count("SELECT count(*) FROM signup WHERE external_id = $1 AND status = 'confirmed'").await, 1);

    // The button asks first; nothing is deleted until confirmed.
    let about = app.say("anna", UK, "/privacy").await;
    let asked = app.press("anna", UK, &about.button("Забути мене")).await;
    assert!(asked.text().contains("Відновити це буде неможливо."), "{}", asked.text());
    assert_eq!(count("SELECT count(*) FROM chat_user WHERE external_id = $1").await, 1);

    let done = app.press("anna", UK, &asked.button("Так, видалити все")).await;
    assert!(done.text().contains("Готово: усе, що бот знав про вас, видалено."), "{}", done.text());
    assert!(done.text().contains("Звільнено 1 місце"), "{}", done.text());
    assert!(done.text().contains("Скасовано 1 підписку."), "{}", done.text());
    for table in [
        "SELECT count(*) FROM chat_user WHERE external_id = $1",
        "SELECT count(*) FROM signup WHERE external_id = $1",
        "SELECT count(*) FROM subscription WHERE external_id = $1",
        "SELECT count(*) FROM checkin_reminder WHERE external_id = $1",
        "SELECT count(*) FROM coordinator WHERE external_id = $1",
        "SELECT count(*) FROM notice WHERE external_id = $1",
        "SELECT count(*) FROM broadcast_delivery WHERE external_id = $1",
        "SELECT count(*) FROM centre_closure WHERE set_by = $1",
    ] {
        assert_eq!(count(table).await, 0, "{table}");
    }
    assert_eq!(rows(&app).await, 1, "the anonymous check-in stays");
    let boris: String = sqlx::query_scalar("SELECT status FROM signup WHERE external_id = 'boris'")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(boris, "confirmed", "the next in line got the seat");
    let told = app.notices_for("boris", crate::helpers::monday_noon()).await;
    assert!(told.iter().any(|n| n.text().contains("Звільнилося місце")), "{told:?}");

    // Boris's sign-up is forgotten 30 days after the group's last session
    // (29 December 2026, 18:00 Kyiv).
    assert_eq!(app.store.prune_signups(kyiv(2027, 1, 28, 12, 0)).await.unwrap(), 0);
    assert_eq!(app.store.prune_signups(kyiv(2027, 1, 28, 19, 0)).await.unwrap(), 1);

    // /forget works at once, and a person it forgets can start afresh.
    let again = app.say("anna", UK, "/menu").await;
    assert!(again.replies[0].text.contains("Вітаю!"), "a new person: {:?}", again.replies[0].text);
    let forgotten = app.say("anna", UK, "/forget").await;
    assert!(forgotten.text().contains("бот знав про вас, видалено"), "{}", forgotten.text());
    assert_eq!(count("SELECT count(*) FROM chat_user WHERE external_id = $1").await, 0);
}

/// Takes notices for Telegram people, as the Telegram channel would send them.
#[derive(Default)]
struct TelegramInbox {
    sent: std::sync::Mutex<Vec<(String, resilience_bot::conversation::Outgoing)>>,
}

impl resilience_bot::conversation::NoticeSender for TelegramInbox {
    fn channel(&self) -> ChannelKind {
        ChannelKind::Telegram
    }

    fn send<'a>(
        &'a self,
        to: &'a str,
        outgoing: resilience_bot::conversation::Outgoing,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = resilience_bot::conversation::Sent> + Send + 'a>> {
        self.sent.lock().unwrap().push((to.to_owned(), outgoing));
        Box::pin(std::future::ready(resilience_bot::conversation::Sent::Yes))
    }
}

#[sqlx::test]
async fn coordinators_on_telegram_get_the_weekly_chart_once_a_week(pool: PgPool) {
    let app = TestApp::new(pool).await;
    record(&app, NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(), Some(LVIV_OBLAST), [4, 4, 4, 4, 4], 10).await;
    let telegram = Person { channel: ChannelKind::Telegram, external_id: "900".into() };
    let terminal = Person { channel: ChannelKind::Console, external_id: "coord".into() };
    for person in [&telegram, &terminal] {
        sqlx::query("INSERT INTO chat_user (channel, external_id, language) VALUES ($1, $2, 'uk')")
            .bind(person.channel.as_str())
            .bind(&person.external_id)
            .execute(app.store.pool())
            .await
            .unwrap();
    }
    // Two centres: still one message.
    for centre in ["sample-lvivska", "sample-kreminska"] {
        app.store.add_coordinator(centre, &telegram).await.unwrap();
    }
    app.store.add_coordinator("sample-lvivska", &terminal).await.unwrap();

    let deliver = |now| {
        let conversation = app.restarted(now);
        async move {
            conversation.schedule_reminders().await.unwrap();
            let inbox = TelegramInbox::default();
            while conversation.deliver_notices(&[&inbox], None).await.unwrap() > 0 {}
            inbox.sent.into_inner().unwrap()
        }
    };
    assert!(deliver(kyiv(2026, 11, 23, 7, 0)).await.is_empty(), "not at night");
    let monday = deliver(kyiv(2026, 11, 23, 10, 0)).await;
    assert_eq!(monday.len(), 1, "one message to the one Telegram coordinator");
    assert_eq!(monday[0].0, "900");
    let reply = &monday[0].1.replies[0];
    let chart = reply.chart.as_ref().expect("the chart goes with it");
    let lviv = chart
        .series
        .iter()
        .find(|s| app.catalog.render(Language::Uk, &s.label) == "Львівська область")
        .expect("a line for each oblast of the coordinator's centres");
    assert_eq!(chart.series.len(), 3, "Ukraine, Kyiv (Kreminna's centre works there) and Lviv oblast");
    assert_eq!(lviv.values[7], Some(80.0), "the week of 16 November");
    let text = resilience_bot::channel::render::plain_text(&app.catalog, Language::Uk, reply);
    assert!(text.starts_with("📊 Щотижневий підсумок"), "{text}");
    assert!(text.contains("тиждень з 16.11.2026: 10 перевірок"), "{text}");
    assert!(deliver(kyiv(2026, 11, 25, 12, 0)).await.is_empty(), "once a week");
    assert_eq!(deliver(kyiv(2026, 11, 30, 10, 0)).await.len(), 1, "and again the next week");
}

#[sqlx::test]
async fn the_first_question_says_whose_translation_the_ukrainian_words_are(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let first = begin(&app, "olena", UK).await;
    assert!(first.text().contains("власний переклад проєкту"), "{}", first.text());
    let second = app.press("olena", UK, &first.button("Увесь час")).await;
    assert!(second.text().contains("Запитання 2 з 5") && !second.text().contains("переклад"), "{}", second.text());
    let english = begin(&app, "john", EN).await;
    assert!(english.text().contains("the Ukrainian version is this project’s own translation"), "{}", english.text());
}
