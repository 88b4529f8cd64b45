//! Words of acute distress typed into the conversation: the crisis lines
//! come first, in any state, Lifeline 7333 on top; the question being
//! answered stays open; nothing is taken for a name, a report or a place.

use std::sync::Arc;

use resilience_bot::conversation::{Action, Incoming, User};
use resilience_bot::domain::{CentreId, ChannelKind, Language};
use resilience_bot::startup;
use sqlx::PgPool;

use crate::helpers::{Answer, TestApp, import_sample_groups};

const UK: Language = Language::Uk;
const EN: Language = Language::En;

/// The lines in the order a person in distress must read them: Lifeline
/// first, then the emergency numbers.
fn assert_crisis_lines_first(answer: &Answer) {
    let first = &answer.replies[0].text;
    let lifeline = first.find("7333").unwrap_or_else(|| panic!("no Lifeline in the first reply: {first}"));
    let emergency = first.find("112").unwrap_or_else(|| panic!("no 112 in the first reply: {first}"));
    let ambulance = first.find("103").unwrap_or_else(|| panic!("no 103 in the first reply: {first}"));
    assert!(lifeline < emergency && emergency < ambulance, "Lifeline, then 112, then 103: {first}");
}

#[sqlx::test]
async fn a_new_person_whose_first_words_are_distress_reads_the_crisis_lines_before_the_welcome(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("new", UK, "не хочу жити").await;
    assert_crisis_lines_first(&answer);
    assert!(answer.replies[0].text.contains("наодинці"), "{}", answer.replies[0].text);
    assert!(answer.replies.len() == 2, "then the welcome, with the privacy notice: {:?}", answer.replies);
}

/// On Viber the welcome's keyboard comes before the bot stores anyone, so
/// "I need help now" is often a new person's first update: the crisis lines
/// come first there too, and the welcome after them in a message of its own.
#[sqlx::test]
async fn a_new_person_whose_first_update_is_the_help_now_button_reads_the_crisis_lines_first(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.press("new", UK, &Action::HelpNow).await;
    let first = &answer.replies[0];
    assert!(first.text.contains("7333") && first.text.contains("112"), "the crisis lines first: {first:?}");
    assert!(!first.text.contains("Вітаю!") && !first.leads, "nothing is put above the crisis lines");
    let welcome = answer.replies.last().unwrap();
    assert!(welcome.text.starts_with("Вітаю!") && !welcome.leads, "{:?}", answer.replies);
}

#[sqlx::test]
async fn distress_typed_where_a_place_is_expected_is_not_searched_for(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("olena", UK, "/start").await;
    for message in ["мне очень плохо", "хочу покiнчити з собою", "ne hochu zhyty", "мені дуже погано"]
    {
        app.press("olena", UK, &Action::Find).await;
        let answer = app.say("olena", UK, message).await;
        assert_crisis_lines_first(&answer);
        let text = answer.text();
        assert!(!text.contains("Не можу знайти"), "{message:?} was searched for as a place: {text}");
        assert!(answer.has_button(&Action::Find), "the way back to the search: {text}");
    }
}

#[sqlx::test]
async fn distress_typed_as_a_name_is_not_taken_for_one_and_the_sign_up_goes_on(pool: PgPool) {
    let app = TestApp::new(pool).await;
    import_sample_groups(&app, 10).await;
    app.say("olena", UK, "/start").await;
    app.press("olena", UK, &Action::Join("lviv-pws".into())).await;
    let answer = app.say("olena", UK, "я більше не можу так жити").await;
    assert_crisis_lines_first(&answer);
    assert!(answer.text().contains("чекаю на вашу відповідь"), "{}", answer.text());
    let next = app.say("olena", UK, "Олена").await;
    assert!(next.text().contains("телефон"), "the name step was still open: {}", next.text());
}

#[sqlx::test]
async fn distress_typed_as_a_report_files_no_report(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("olena", UK, "/start").await;
    let centre = CentreId::parse("sample-bilokrynytska").unwrap();
    app.press("olena", UK, &Action::Report(centre)).await;
    app.press("olena", UK, &Action::ReportTopic("hours".into())).await;
    let answer = app.say("olena", UK, "хочу вмерти").await;
    assert_crisis_lines_first(&answer);
    let reports: i64 =
        sqlx::query_scalar("SELECT count(*) FROM centre_report").fetch_one(app.store.pool()).await.unwrap();
    assert_eq!(reports, 0, "the words went to no coordinator");
}

#[sqlx::test]
async fn distress_in_english_and_without_apostrophes_is_answered_in_english(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("sam", EN, "/start").await;
    for message in ["I want to die", "i cant go on", "I dont want to live anymore"] {
        let answer = app.say("sam", EN, message).await;
        assert_crisis_lines_first(&answer);
        assert!(answer.text().contains("You don’t have to get through this alone"), "{}", answer.text());
    }
}

#[sqlx::test]
async fn asking_for_help_to_find_a_centre_is_not_distress(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("olena", UK, "/start").await;
    for message in ["допоможіть знайти центр", "Дніпро", "Щасливе"] {
        let answer = app.say("olena", UK, message).await;
        assert!(!answer.text().contains("наодинці"), "{message:?} was taken for distress: {}", answer.text());
    }
}

#[sqlx::test]
async fn a_long_message_is_not_echoed_back_as_a_place_name(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("olena", UK, "/start").await;
    app.press("olena", UK, &Action::Find).await;
    let message = "я не знаю куди звернутися бо в нашому селі немає нічого";
    let answer = app.say("olena", UK, message).await;
    let text = answer.text();
    assert!(!text.contains("Не можу знайти") && !text.contains("«я не знаю"), "echoed as a place: {text}");
    assert!(answer.has_button(&Action::Find) && answer.has_button(&Action::HelpNow), "{:?}", answer.last().buttons);
    assert!(answer.last().ask_location, "sharing the location is offered");
}

#[sqlx::test]
async fn distress_is_answered_from_memory_when_the_database_is_down(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let user = User { channel: ChannelKind::Console, id: "olena".into(), platform_language: Some("uk".into()) };
    let outgoing = app.conversation.answer_from_memory(&user, &Incoming::from_text("не хочу жити"));
    let answer = app.render(&outgoing.expect("answered without the database"));
    assert_crisis_lines_first(&answer);
    let place = app.conversation.answer_from_memory(&user, &Incoming::from_text("Київ"));
    assert!(place.is_none(), "other typed text still waits for the database");
}

#[sqlx::test]
async fn an_operators_phrase_file_extends_what_is_recognised(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phrases.toml");
    std::fs::write(&path, "anywhere = [\"мені капець\"]\n").unwrap();
    let phrases = startup::distress_phrases(Some(&path)).unwrap();
    let app = TestApp::new(pool).await;
    let conversation = app.conversation.clone().with_distress_phrases(Arc::new(phrases));
    app.say("olena", UK, "/start").await;
    let answer = app.send_to(&conversation, "olena", UK, Incoming::from_text("Мені капець")).await;
    assert_crisis_lines_first(&answer);

    std::fs::write(&path, "anywhere = []\n").unwrap();
    let error = startup::distress_phrases(Some(&path)).unwrap_err();
    assert!(format!("{error:#}").contains("lists no phrases"), "{error:#}");
    std::fs::write(&path, "anywhere = [\"ok\"\n").unwrap();
    let error = startup::distress_phrases(Some(&path)).unwrap_err();
    assert!(format!("{error:#}").contains("not valid TOML"), "{error:#}");
}
