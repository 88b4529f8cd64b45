//! Messages the bot sends on its own: reminders on a durable schedule,
//! promotions from the waiting list, and answers to them.

use resilience_bot::conversation::{Action, Skipped};
use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::store::Leaving;
use sqlx::PgPool;

use crate::helpers::{TestApp, import_sample_groups, kyiv};

const UK: Language = Language::Uk;

async fn join(app: &TestApp, user: &str) {
    app.press(user, UK, &Action::Join("lviv-pws".into())).await;
    app.say(user, UK, user).await;
    app.press(user, UK, &Action::Skip(Skipped::Phone("lviv-pws".into()))).await;
}

async fn signup_id(app: &TestApp, user: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM signup WHERE external_id = $1 ORDER BY id DESC LIMIT 1")
        .bind(user)
        .fetch_one(app.store.pool())
        .await
        .unwrap()
}

fn console(user: &str) -> Person {
    Person { channel: ChannelKind::Console, external_id: user.into() }
}

#[sqlx::test]
async fn a_reminder_goes_at_18_00_the_day_before_each_session_once(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    join(&app, "olena").await;
    // The first session is Tuesday 1 December at 18:00.
    assert!(app.notices_at(kyiv(2026, 11, 30, 17, 59)).await.is_empty(), "not before 18:00 the day before");
    let reminders = app.notices_for("olena", kyiv(2026, 11, 30, 18, 0)).await;
    assert_eq!(reminders.len(), 1);
    let text = reminders[0].text();
    assert!(
        text.contains("🔔 Нагадування: завтра зустріч групи «Батьківство без стресу» (усього зустрічей у групі: 5)"),
        "{text}"
    );
    assert!(text.contains("1. 01.12.2026 (Вт), 18:00–19:30"), "{text}");
    assert!(text.contains("Де: Центр життєстійкості Львівської громади"), "{text}");
    for label in ["Цього разу не зможу", "Вийти з групи", "Вимкнути нагадування"]
    {
        reminders[0].button(label);
    }
    // Every replica runs the scheduler: asking again, as another would, sends nothing new.
    assert!(app.notices_at(kyiv(2026, 11, 30, 18, 1)).await.is_empty());
    assert!(app.notices_at(kyiv(2026, 11, 30, 20, 0)).await.is_empty());
    // The next session, a week later.
    assert_eq!(app.notices_for("olena", kyiv(2026, 12, 7, 18, 0)).await.len(), 1);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM notice WHERE kind = 'reminder' AND outcome = 'sent'")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(stored, 2);
}

#[sqlx::test]
async fn nobody_is_reminded_at_night_and_a_missed_reminder_waits_for_the_morning(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    join(&app, "olena").await;
    // The bot was down from 18:00 to 21:30: nothing at night.
    assert!(app.notices_at(kyiv(2026, 11, 30, 21, 30)).await.is_empty());
    assert!(app.notices_at(kyiv(2026, 12, 1, 3, 0)).await.is_empty());
    let morning = app.notices_for("olena", kyiv(2026, 12, 1, 9, 0)).await;
    assert_eq!(morning.len(), 1, "sent in the morning");
    assert!(morning[0].text().contains("Нагадування: сьогодні зустріч"), "{}", morning[0].text());
}

#[sqlx::test]
async fn no_reminder_within_the_hour_before_a_session_or_for_a_sign_up_made_after_it_was_due(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    // Signed up at 19:00 the evening before: the confirmation listed the dates.
    let late = app.restarted(kyiv(2026, 11, 30, 19, 0));
    app.send_to(
        &late,
        "late",
        UK,
        resilience_bot::conversation::Incoming::Button(Action::Join("lviv-pws".into()).encode()),
    )
    .await;
    app.send_to(
        &late,
        "late",
        UK,
        resilience_bot::conversation::Incoming::Button(Action::Skip(Skipped::Name("lviv-pws".into())).encode()),
    )
    .await;
    app.send_to(
        &late,
        "late",
        UK,
        resilience_bot::conversation::Incoming::Button(Action::Skip(Skipped::Phone("lviv-pws".into())).encode()),
    )
    .await;
    assert_eq!(signup_id(&app, "late").await, 1);
    assert!(app.notices_at(kyiv(2026, 11, 30, 19, 5)).await.is_empty());
    // Someone signed up earlier, but the bot was down until 17:30 on the day.
    join(&app, "olena").await;
    assert!(app.notices_at(kyiv(2026, 12, 1, 17, 30)).await.is_empty(), "too late to remind");
    // The later sessions are reminded to both.
    assert_eq!(app.notices_at(kyiv(2026, 12, 7, 18, 0)).await.len(), 2);
}

#[sqlx::test]
async fn no_more_reminders_stops_later_ones_and_i_cant_come_tells_the_coordinator_once(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    assert!(app.store.add_coordinator("sample-lvivska", &console("coordinator")).await.unwrap());
    // The coordinator has written to the bot before (it may write to them).
    app.say("coordinator", UK, "меню").await;
    join(&app, "olena").await;
    let reminder = app.notices_for("olena", kyiv(2026, 11, 30, 18, 0)).await.remove(0);
    let absent = app.press("olena", UK, &reminder.button("Цього разу не зможу")).await;
    assert!(absent.text().contains("Координатора вже повідомлено"), "{}", absent.text());
    app.press("olena", UK, &reminder.button("Цього разу не зможу")).await;
    let told = app.notices_for("coordinator", kyiv(2026, 11, 30, 18, 5)).await;
    assert_eq!(told.len(), 1, "a second tap tells nobody twice");
    let text = told[0].text();
    assert!(
        text.contains(
            "🙋 \u{2068}olena\u{2069} не зможе прийти на зустріч №\u{a0}1 групи «Батьківство без стресу» 01.12.2026 о 18:00."
        ),
        "{text}"
    );

    let quiet = app.press("olena", UK, &reminder.button("Вимкнути нагадування")).await;
    assert!(quiet.text().contains("більше не нагадуватиму"), "{}", quiet.text());
    assert!(app.notices_at(kyiv(2026, 12, 7, 18, 0)).await.is_empty(), "no reminder for session 2");
    // Someone else's sign-up cannot be silenced, nor their absence reported.
    join(&app, "taras").await;
    let taras = signup_id(&app, "taras").await;
    let forged = app.press("olena", UK, &Action::StopReminders(taras)).await;
    assert!(forged.text().contains("Цей запис уже скасовано або його немає."), "{}", forged.text());
    let forged = app.press("olena", UK, &Action::CantCome { signup: taras, session: 2 }).await;
    assert!(forged.text().contains("уже неактивні"), "{}", forged.text());
    let forged = app.press("taras", UK, &Action::CantCome { signup: taras, session: 99 }).await;
    assert!(forged.text().contains("уже неактивні"), "{}", forged.text());
    assert_eq!(app.notices_at(kyiv(2026, 12, 7, 18, 0)).await.len(), 1, "taras still gets his");
}

#[sqlx::test]
async fn a_promoted_person_is_told_and_declining_promotes_the_next(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 1).await;
    for user in ["a", "b", "c"] {
        join(&app, user).await;
    }
    let leave = app.press("a", UK, &Action::Leave(signup_id(&app, "a").await)).await;
    assert!(leave.text().contains("Запис скасовано."));
    let told = app.notices_at(kyiv(2026, 11, 23, 12, 5)).await;
    assert_eq!(told.len(), 1, "{told:?}");
    let (to, notice) = &told[0];
    assert_eq!(to, "b");
    assert!(
        notice.text().contains("🎉 Звільнилося місце: вас записано до групи «Батьківство без стресу»"),
        "{}",
        notice.text()
    );
    assert!(notice.text().contains("Зустрічі (5):"), "{}", notice.text());

    let declined = app.press("b", UK, &notice.button("Відмовитися від місця")).await;
    assert!(declined.text().contains("Ви відмовилися від місця"), "{}", declined.text());
    let told = app.notices_at(kyiv(2026, 11, 23, 12, 10)).await;
    assert_eq!(told.iter().map(|(to, _)| to.as_str()).collect::<Vec<_>>(), vec!["c"]);
    let status: String = sqlx::query_scalar("SELECT status FROM signup WHERE external_id = 'b'")
        .fetch_one(app.store.pool())
        .await
        .unwrap();
    assert_eq!(status, "declined");
    // A double tap on the stale button changes nothing.
    let again = app.press("b", UK, &notice.button("Відмовитися від місця")).await;
    assert!(again.text().contains("Цей запис уже скасовано або його немає."));
    assert!(app.notices_at(kyiv(2026, 11, 23, 12, 15)).await.is_empty());
}

#[sqlx::test]
async fn a_promotion_declined_before_its_notice_went_out_is_not_sent(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 1).await;
    for user in ["a", "b"] {
        join(&app, user).await;
    }
    let a = signup_id(&app, "a").await;
    app.store.leave(a, &console("a"), Leaving::Cancelled).await.unwrap();
    let b = signup_id(&app, "b").await;
    app.store.leave(b, &console("b"), Leaving::Declined).await.unwrap();
    assert!(app.notices_at(kyiv(2026, 11, 23, 12, 5)).await.is_empty());
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM notice").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(outcome, "gone");
}

#[sqlx::test]
async fn concurrent_workers_claim_each_notice_once(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 200).await;
    for i in 0..40 {
        join(&app, &format!("p{i}")).await;
    }
    let now = kyiv(2026, 11, 30, 18, 0);
    // Four replicas schedule at once: 40 reminders, not 160.
    let s = &app.store;
    let queued = tokio::join!(
        s.schedule_reminders(now),
        s.schedule_reminders(now),
        s.schedule_reminders(now),
        s.schedule_reminders(now)
    );
    let queued = queued.0.unwrap() + queued.1.unwrap() + queued.2.unwrap() + queued.3.unwrap();
    assert_eq!(queued, 40);
    let channels = [ChannelKind::Console];
    let claims = tokio::join!(
        s.claim_notices(&channels, None, 15, now),
        s.claim_notices(&channels, None, 15, now),
        s.claim_notices(&channels, None, 15, now),
        s.claim_notices(&channels, None, 15, now)
    );
    let mut claimed: Vec<i64> = [claims.0, claims.1, claims.2, claims.3]
        .into_iter()
        .flat_map(|r| r.unwrap().into_iter().map(|n| n.id))
        .collect();
    let total = claimed.len();
    claimed.sort_unstable();
    claimed.dedup();
    assert_eq!(claimed.len(), total, "no notice was claimed twice");
    assert_eq!(total, 40);
    // Claimed but unsent (a worker died): nobody else takes them until the lease ends.
    assert!(app.store.claim_notices(&channels, None, 100, now).await.unwrap().is_empty());
    let later = now + chrono::Duration::minutes(3);
    assert_eq!(
        app.store.claim_notices(&channels, None, 100, later).await.unwrap().len(),
        40,
        "sent again after the lease"
    );
}

#[sqlx::test]
async fn i_cant_come_says_to_call_the_centre_when_no_coordinator_can_be_messaged(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    // Bound, but never wrote to the bot: a messenger would not deliver.
    assert!(app.store.add_coordinator("sample-lvivska", &console("silent")).await.unwrap());
    join(&app, "olena").await;
    let reminder = app.notices_for("olena", kyiv(2026, 11, 30, 18, 0)).await.remove(0);
    let absent = app.press("olena", UK, &reminder.button("Цього разу не зможу")).await;
    assert!(absent.text().contains("зателефонуйте до центру"), "{}", absent.text());
    assert!(app.notices_at(kyiv(2026, 11, 30, 18, 5)).await.is_empty());
}

#[sqlx::test]
async fn a_reminder_that_could_not_go_by_21_00_waits_for_the_morning_and_says_today(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    join(&app, "olena").await;
    // Queued at 20:59, but the platform was down until 23:00.
    let queued = app.store.schedule_reminders(kyiv(2026, 11, 30, 20, 59)).await.unwrap();
    assert_eq!(queued, 1);
    assert!(app.notices_at(kyiv(2026, 11, 30, 23, 0)).await.is_empty(), "not at night");
    assert!(app.notices_at(kyiv(2026, 12, 1, 8, 59)).await.is_empty(), "not before 09:00");
    let morning = app.notices_for("olena", kyiv(2026, 12, 1, 9, 0)).await;
    assert_eq!(morning.len(), 1);
    assert!(morning[0].text().contains("Нагадування: сьогодні зустріч"), "{}", morning[0].text());
}

#[sqlx::test]
async fn a_late_answer_never_marks_a_notice_twice(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 1).await;
    join(&app, "a").await;
    join(&app, "b").await;
    app.press("a", UK, &Action::Leave(signup_id(&app, "a").await)).await;
    let now = kyiv(2026, 11, 23, 12, 5);
    let claimed = app.store.claim_notices(&[ChannelKind::Console], None, 10, now).await.unwrap();
    assert_eq!(claimed.len(), 1);
    app.store.finish_notice(claimed[0].id, resilience_bot::store::NoticeOutcome::Sent).await.unwrap();
    app.store.finish_notice(claimed[0].id, resilience_bot::store::NoticeOutcome::Failed).await.unwrap();
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM notice").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(outcome, "sent");
}
