//! "This is wrong" reports under abuse: quotas per person (enforced by the
//! database, whatever replicas and double taps do), coordinators muting a
//! person without learning who, /forget erasing the tie, and people's words
//! shown to coordinators isolated so that a right-to-left override cannot
//! disguise them.

use resilience_bot::conversation::{Action, Incoming};
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::store::{Filed, REPORTS_PER_DAY};
use sqlx::PgPool;

use crate::helpers::{TestApp, kyiv, monday_noon};

const UK: Language = Language::Uk;
const EN: Language = Language::En;
const LVIV: &str = "sample-lvivska";
const KREMINNA: &str = "sample-kreminska";

/// Reports a wrong address on a centre's card, with `details` or without.
async fn report(app: &TestApp, who: &str, language: Language, centre: &str, details: Option<&str>) -> String {
    let card = app.say(who, language, &format!("/start centre-{centre}")).await;
    let label = if language == UK { "Повідомити про помилку" } else { "Report a mistake" };
    let ask = app.press(who, language, &card.button(label)).await;
    let asked = app.press(who, language, &ask.button(if language == UK { "Адреса" } else { "The address" })).await;
    let answer = match details {
        Some(details) => app.say(who, language, details).await,
        None => {
            let without = asked.button(if language == UK {
                "Надіслати без пояснення"
            } else {
                "Send without details"
            });
            app.press(who, language, &without).await
        }
    };
    answer.text()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.store.pool()).await.unwrap()
}

fn console(id: &str) -> Person {
    Person { channel: ChannelKind::Console, external_id: id.into() }
}

/// Ids of centres in the sample directory, `n` of them.
fn centres(n: usize) -> Vec<String> {
    let ids: Vec<String> = crate::helpers::sample_centres().into_iter().map(|c| c.id.to_string()).take(n).collect();
    assert_eq!(ids.len(), n, "the sample has {n} centres");
    ids
}

#[sqlx::test]
async fn a_person_sends_at_most_three_reports_a_day_and_one_open_per_centre_and_is_told_kindly(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.store.add_coordinator(LVIV, &console("anna")).await.unwrap();
    app.say("anna", UK, "меню").await;
    let ids = centres(4);

    let first = report(&app, "olena", UK, LVIV, Some("Переїхали")).await;
    assert!(first.contains("Дякую! Координатор центру це перевірить."), "{first}");
    let again = report(&app, "olena", UK, LVIV, Some("Переїхали!!!")).await;
    assert!(again.contains("Ваше попереднє повідомлення про цей центр ще не опрацьоване"), "{again}");
    assert_eq!(count(&app, "SELECT count(*) FROM centre_report").await, 1);
    let told = app.notices_for("anna", kyiv(2026, 11, 23, 12, 5)).await;
    assert_eq!(told.len(), 1, "one notice for a double report");
    // Closed, the centre can be reported again.
    app.press("anna", UK, &told[0].button("Опрацьовано")).await;
    let reopened = report(&app, "olena", UK, LVIV, None).await;
    assert!(reopened.contains("Дякую!"), "{reopened}");
    // Two so far today; the third goes, the fourth does not.
    let others: Vec<&String> = ids.iter().filter(|id| id.as_str() != LVIV).collect();
    assert!(report(&app, "olena", UK, others[0], None).await.contains("Дякую"));
    let over = report(&app, "olena", UK, others[1], None).await;
    assert!(over.contains("Сьогодні ви вже надіслали 3 повідомлення про помилки"), "{over}");
    assert!(over.contains("Нові можна буде надіслати завтра"), "{over}");
    assert_eq!(count(&app, "SELECT count(*) FROM centre_report").await, 3);
    // In English too.
    app.say("taras", EN, "/menu").await;
    for centre in &ids[..REPORTS_PER_DAY as usize] {
        app.store.report_centre(&console("taras"), centre, "other", None, monday_noon().date_naive()).await.unwrap();
    }
    let over = report(&app, "taras", EN, KREMINNA, None).await;
    assert!(over.contains("You have sent 3 reports today already"), "{over}");
    report(&app, "mark", EN, KREMINNA, None).await;
    let open = report(&app, "mark", EN, KREMINNA, None).await;
    assert!(open.contains("Your earlier report about this centre is still open"), "{open}");

    // The next day the quota is fresh; yesterday's count is pruned the day after.
    sqlx::query("UPDATE report_quota SET day = day - 3").execute(app.store.pool()).await.unwrap();
    app.store.prune_reports().await.unwrap();
    assert_eq!(count(&app, "SELECT count(*) FROM report_quota").await, 0);
    assert!(report(&app, "olena", UK, KREMINNA, None).await.contains("Дякую"));
}

#[sqlx::test]
async fn replicas_and_double_taps_cannot_pass_the_limits(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("olena", UK, "/menu").await;
    let olena = console("olena");
    let today = monday_noon().date_naive();
    // Ten taps on one centre at once: one report.
    let taps: Vec<_> = (0..10)
        .map(|_| {
            let (store, olena) = (app.store.clone(), olena.clone());
            tokio::spawn(async move { store.report_centre(&olena, LVIV, "phone", None, today).await.unwrap() })
        })
        .collect();
    let mut filed = Vec::new();
    for tap in taps {
        filed.push(tap.await.unwrap());
    }
    assert_eq!(filed.iter().filter(|f| matches!(f, Filed::Told(_))).count(), 1, "{filed:?}");
    assert!(filed.iter().all(|f| matches!(f, Filed::Told(_) | Filed::AlreadyOpen)), "{filed:?}");
    // Ten centres at once: two more reports, then the quota.
    let taps: Vec<_> = centres(11)
        .into_iter()
        .filter(|id| id != LVIV)
        .take(10)
        .map(|centre| {
            let (store, olena) = (app.store.clone(), olena.clone());
            tokio::spawn(async move { store.report_centre(&olena, &centre, "phone", None, today).await.unwrap() })
        })
        .collect();
    let mut filed = Vec::new();
    for tap in taps {
        filed.push(tap.await.unwrap());
    }
    let told = filed.iter().filter(|f| matches!(f, Filed::Told(_))).count();
    assert_eq!(told, REPORTS_PER_DAY as usize - 1, "{filed:?}");
    assert_eq!(filed.iter().filter(|f| **f == Filed::OverQuota).count(), 10 - told, "{filed:?}");
    assert_eq!(count(&app, "SELECT count(*) FROM centre_report").await, i64::from(REPORTS_PER_DAY));
}

#[sqlx::test]
async fn a_coordinator_mutes_a_reporter_without_learning_who_and_forget_erases_the_tie(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.store.add_coordinator(LVIV, &console("anna")).await.unwrap();
    app.store.add_coordinator(KREMINNA, &console("ivan")).await.unwrap();
    app.store.add_coordinator(KREMINNA, &console("anna")).await.unwrap();
    app.say("anna", UK, "меню").await;
    app.say("ivan", UK, "меню").await;
    report(&app, "olena", UK, LVIV, Some("Тут усе не так")).await;
    let told = app.notices_for("anna", kyiv(2026, 11, 23, 12, 5)).await;
    assert_eq!(told.len(), 1);
    assert!(!told[0].text().contains("olena"), "{}", told[0].text());
    let mute = told[0].button("Ігнорувати цю людину");
    let Action::ReportMute(report_id) = mute else { panic!("{mute:?}") };
    assert!(!format!("{mute:?}").contains("olena"), "the button names nobody");

    // Forged: someone who is not a coordinator, a coordinator of another
    // centre, a report that does not exist, a malformed button.
    for (who, action) in
        [("taras", mute.clone()), ("ivan", mute.clone()), ("anna", Action::ReportMute(report_id + 1000))]
    {
        let refused = app.press(who, UK, &action).await;
        assert!(
            refused.text().contains("Цього повідомлення вже немає або воно не про ваш центр"),
            "{}",
            refused.text()
        );
    }
    let malformed = app.send("anna", UK, Incoming::Button("rpm:olena".into())).await;
    assert!(malformed.text().contains("Ця кнопка вже не діє"), "{}", malformed.text());
    assert_eq!(count(&app, "SELECT count(*) FROM report_mute").await, 0);

    let muted = app.press("anna", UK, &mute).await;
    assert!(muted.text().contains("більше не надходитимуть"), "{}", muted.text());
    assert!(!muted.text().contains("olena"), "{}", muted.text());
    assert_eq!(count(&app, "SELECT count(*) FROM centre_report WHERE handled_at IS NULL").await, 0);
    // Olena is thanked, truthfully, and nothing is stored or sent.
    let quiet = report(&app, "olena", UK, LVIV, Some("І ще раз")).await;
    assert!(quiet.contains("Дякую! Якщо можете, зателефонуйте до центру"), "{quiet}");
    assert!(!quiet.contains("Координатор центру це перевірить"), "{quiet}");
    assert_eq!(count(&app, "SELECT count(*) FROM centre_report").await, 1);
    assert!(app.notices_for("anna", kyiv(2026, 11, 23, 12, 10)).await.is_empty());
    // Muting is per centre: Kreminna still hears from her.
    let elsewhere = report(&app, "olena", UK, KREMINNA, None).await;
    assert!(elsewhere.contains("Координатор центру це перевірить"), "{elsewhere}");

    let tied = "SELECT (SELECT count(*) FROM centre_report WHERE reporter_id = 'olena') \
                + (SELECT count(*) FROM report_quota WHERE external_id = 'olena') \
                + (SELECT count(*) FROM report_mute WHERE external_id = 'olena')";
    assert!(count(&app, tied).await > 0);
    let forgotten = app.say("olena", UK, "/forget").await;
    assert!(forgotten.text().contains("бот знав про вас, видалено"), "{}", forgotten.text());
    assert_eq!(count(&app, tied).await, 0, "nothing ties olena to her reports");
    assert_eq!(count(&app, "SELECT count(*) FROM centre_report").await, 2, "the reports stay, anonymous");
    // Once forgotten, the mute has nothing left to hold on to.
    let reply = app.press("anna", UK, &mute).await;
    assert!(reply.text().contains("Цього повідомлення вже немає"), "{}", reply.text());
}

#[sqlx::test]
async fn a_right_to_left_override_in_a_report_or_a_name_is_shown_isolated(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.store.add_coordinator(LVIV, &console("anna")).await.unwrap();
    app.say("anna", UK, "меню").await;
    // Reads, reversed: "address wrong, call +380 00 000 00 00".
    let disguised = "\u{202E}00 00 000 00 083+ llac ,gnorw sserdda";
    report(&app, "olena", UK, LVIV, Some(disguised)).await;
    let told = app.notices_for("anna", kyiv(2026, 11, 23, 12, 5)).await;
    let text = told[0].text();
    assert!(text.contains(&format!("Пояснення: \u{2068}{disguised}\u{2069}")), "{text:?}");
    // Every override is closed inside its isolate.
    let opened = text.chars().filter(|c| *c == '\u{2068}').count();
    assert_eq!(opened, text.chars().filter(|c| *c == '\u{2069}').count(), "{text:?}");
}
