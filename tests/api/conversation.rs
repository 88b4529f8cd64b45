//! Whole conversations through the core and the database.

use resilience_bot::conversation::{Action, Incoming};
use resilience_bot::domain::{CentreId, Language};
use sqlx::PgPool;

use crate::helpers::{TestApp, brute_force_nearest, listed_centres, saturday_noon};

const UK: Language = Language::Uk;
const EN: Language = Language::En;

#[sqlx::test]
async fn a_shared_location_in_kyiv_lists_the_three_nearest_centres_in_ukrainian(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.location("olena", UK, 50.45, 30.52).await;
    let text = answer.text();
    assert!(text.starts_with("Найближчі до вас центри:"), "{text}");
    assert_eq!(listed_centres(&answer), brute_force_nearest(50.45, 30.52, 3));
    assert!(text.contains("⚠️ Це зразкові дані"), "sample data must be labelled: {text}");
    assert!(text.contains("Зараз відчинено, зачиняється о 18:00."), "{text}");
    assert!(answer.has_button(&Action::More));
    assert!(answer.has_button(&Action::HelpNow));
}

#[sqlx::test]
async fn a_shared_location_answers_in_english_with_a_decimal_point(pool: PgPool) {
    let app = TestApp::new(pool).await;
    // Between Kyiv and Brovary: the nearest centres are kilometres away.
    let answer = app.location("john", EN, 50.48, 30.65).await;
    let text = answer.text();
    assert!(text.starts_with("The centres nearest to you:"), "{text}");
    assert_eq!(listed_centres(&answer), brute_force_nearest(50.48, 30.65, 3));
    assert!(text.contains("\u{a0}km\n"), "{text}");
    assert!(text.contains("Open now, closes at 18:00."), "{text}");
    let ukrainian = app.location("olena", UK, 50.48, 30.65).await.text();
    let decimal_comma = ukrainian.lines().any(|l| l.contains("\u{a0}км") && l.contains(','));
    assert!(decimal_comma, "{ukrainian}");
}

#[sqlx::test]
async fn typing_brovary_in_every_spelling_finds_brovary(pool: PgPool) {
    let app = TestApp::new(pool).await;
    for spelling in ["Бровари", "brovary", "Бровары", "Brovari", "броварі", "м. Бровари", "Бровори", "Brоvary"]
    {
        let answer = app.say("olena", UK, spelling).await;
        let text = answer.text();
        assert!(text.starts_with("📍 Бровари (Київська область) — найближчі центри:"), "{spelling}: {text}");
        assert_eq!(listed_centres(&answer)[0], "sample-brovarska", "{spelling}");
    }
}

#[sqlx::test]
async fn lviv_in_latin_letters_finds_the_lviv_centre_with_its_address(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("john", EN, "lviv").await;
    let text = answer.text();
    assert!(text.starts_with("The centres nearest to Lviv (Lviv Oblast):"), "{text}");
    assert_eq!(listed_centres(&answer)[0], "sample-lvivska");
    assert!(text.contains("Address: 59–61 Naukova St, Lviv"), "{text}");
    // Villages named Львів elsewhere are mentioned, not silently dropped.
    assert!(text.contains("other place"), "{text}");
}

#[sqlx::test]
async fn an_ambiguous_name_asks_for_the_oblast_then_the_place(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("olena", UK, "Новомиколаївка").await;
    assert!(answer.text().contains("із назвою «Новомиколаївка». У якій області?"), "{}", answer.text());
    let oblasts = answer.last().buttons.iter().filter(|(_, a)| matches!(a, Action::Oblast(_))).count();
    assert!(oblasts >= 5, "{:?}", answer.last().buttons);

    let zaporizhzhia = app.press("olena", UK, &answer.button("Запорізька область")).await;
    assert!(zaporizhzhia.text().contains("Оберіть населений пункт «Новомиколаївка»:"), "{}", zaporizhzhia.text());
    let first_place = zaporizhzhia.last().buttons[0].1.clone();
    assert!(matches!(first_place, Action::Place(_)));

    let results = app.press("olena", UK, &first_place).await;
    assert!(
        results.text().starts_with("📍 Новомиколаївка (Запорізька область) — найближчі центри:"),
        "{}",
        results.text()
    );
    assert_eq!(listed_centres(&results).len(), 3);
}

#[sqlx::test]
async fn a_place_with_the_oblast_typed_after_it_needs_no_question(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("olena", UK, "Новомиколаївка, Сумська").await;
    assert!(answer.text().starts_with("📍 Новомиколаївка (Сумська область) — найближчі центри:"), "{}", answer.text());
}

#[sqlx::test]
async fn an_unknown_place_gets_closest_spellings_or_a_request_for_location(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.press("olena", UK, &Action::Find).await;
    let answer = app.say("olena", UK, "Броварищево").await;
    assert!(answer.text().contains("Не можу знайти населений пункт «Броварищево»."), "{}", answer.text());
    assert!(answer.last().ask_location);

    // Still asked for a place, a nonsense word is "not found", with the location request.
    let gibberish = app.say("olena", UK, "qwzxqwzx").await;
    assert!(gibberish.text().contains("Не можу знайти населений пункт «qwzxqwzx»."), "{}", gibberish.text());
    assert!(gibberish.last().ask_location);
}

#[sqlx::test]
async fn text_the_bot_does_not_understand_gets_a_hint_and_the_menu(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("olena", UK, "12345 !!!").await;
    assert!(answer.text().contains("Вибачте, я вас не зовсім розумію."), "{}", answer.text());
    assert!(answer.has_button(&Action::Find));
    assert!(answer.has_button(&Action::HelpNow));
}

#[sqlx::test]
async fn show_more_continues_the_list_by_distance(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.location("olena", UK, 49.0, 32.0).await;
    let more = app.press("olena", UK, &Action::More).await;
    let expected = brute_force_nearest(49.0, 32.0, 6);
    assert_eq!(listed_centres(&more), expected[3..].to_vec());
    assert!(more.text().contains("\n4. "), "numbering continues: {}", more.text());
}

#[sqlx::test]
async fn a_card_shows_hours_status_verified_date_map_and_its_pin_a_tap_away(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.say("olena", UK, "Ізмаїл").await;
    let card = app.press("olena", UK, &Action::Centre(CentreId::parse("sample-izmailska").unwrap())).await;
    let text = card.text();
    for expected in [
        "🏠 Центр життєстійкості Ізмаїльської громади",
        "⚠️ Зразкові дані",
        "Адреса: вул. Національної гвардії України, 79, Ізмаїл",
        "Телефони: +380 67 955 89 76, +380 67 526 07 47, +380 96 108 53 29",
        "Пн–Пт: 9:00–18:00",
        "Сб–Нд: зачинено",
        "Зараз відчинено, зачиняється о 18:00.",
        "Дані перевірено: 23.11.2026",
        "https://www.openstreetmap.org/?mlat=",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(card.has_button(&Action::List));
    // The card is one message: its pin is the first of its buttons.
    assert!(card.replies.iter().all(|r| r.venue.is_none()), "{:?}", card.replies);
    let pin = card.button("Показати на мапі");
    assert_eq!(pin, Action::Pin(CentreId::parse("sample-izmailska").unwrap()));
    let state = app.stored_state("olena").await;
    let shown = app.press("olena", UK, &pin).await;
    assert_eq!(shown.replies.len(), 1);
    let (lat, lon, title) = shown.last().venue.clone().expect("a map pin");
    assert!((lat - 45.35).abs() < 0.1 && (lon - 28.84).abs() < 0.1, "{lat}, {lon}");
    assert_eq!(title, "Центр життєстійкості Ізмаїльської громади");
    assert!(shown.last().text.is_empty(), "the pin alone: {}", shown.last().text);
    assert!(shown.has_button(&Action::List) && shown.has_button(&Action::HelpNow));
    assert_eq!(app.stored_state("olena").await, state, "showing the pin changes nothing");

    // A pin button for a centre the directory does not know: the usual answer, no pin.
    let gone = app.press("olena", UK, &Action::Pin(CentreId::parse("no-such-centre").unwrap())).await;
    assert!(gone.text().starts_with("Ця кнопка вже не діє"), "{}", gone.text());
    assert!(gone.replies.iter().all(|r| r.venue.is_none()));
    let forged = app.send("olena", UK, Incoming::Button("pin:'; DROP TABLE centre; --".into())).await;
    assert!(forged.text().starts_with("Ця кнопка вже не діє"), "{}", forged.text());
    assert!(forged.replies.iter().all(|r| r.venue.is_none()));
}

#[sqlx::test]
async fn on_saturday_a_weekday_centre_opens_on_monday_in_the_right_case(pool: PgPool) {
    let app = TestApp::at(pool, saturday_noon()).await;
    let uk = app.say("olena", UK, "Бровари").await.text();
    assert!(uk.contains("Зараз зачинено, відчиниться в понеділок о 9:00."), "{uk}");
    let en = app.say("john", EN, "Brovary").await.text();
    assert!(en.contains("Closed now, opens on Monday at 9:00."), "{en}");
}

#[sqlx::test]
async fn a_relocated_centre_says_whom_it_serves_and_where_it_works(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let card = app.press("olena", UK, &Action::Centre(CentreId::parse("sample-melitopolska").unwrap())).await;
    assert!(card.text().contains("Це переміщений центр громади: Мелітопольська громада."), "{}", card.text());
}

#[sqlx::test]
async fn english_cards_name_hromadas_in_the_official_transliteration(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let melitopol = CentreId::parse("sample-melitopolska").unwrap();
    let card = app.press("john", EN, &Action::Centre(melitopol)).await.text();
    assert!(card.contains("Relocated centre. Hromada served: Melitopolska hromada."), "{card}");
    assert!(!card.chars().any(|c| matches!(c, 'а'..='я' | 'і' | 'ї' | 'є' | 'ґ')), "no Cyrillic in {card}");
    let list = app.location("john", EN, 47.85, 35.12).await.text();
    assert!(list.contains("Relocated centre · hromada: Melitopolska hromada"), "{list}");
}

#[sqlx::test]
async fn i_need_help_now_lists_crisis_lines_and_then_the_nearest_centre(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let first = app.press("olena", UK, &Action::HelpNow).await;
    // A new person: the crisis lines first, the welcome after them.
    let text = first.replies[0].text.clone();
    assert!(text.contains("112") && text.contains("7333"), "{text}");
    assert!(text.find("7333") < text.find("1547"), "crisis lines first: {text}");
    assert!(text.find("7333") < text.find(": 112"), "Lifeline on top of the list: {text}");
    assert!(first.has_button(&Action::Find));

    app.say("olena", UK, "Бровари").await;
    let after_search = app.press("olena", UK, &Action::HelpNow).await;
    assert!(after_search.has_button(&Action::Centre(CentreId::parse("sample-brovarska").unwrap())));
    let by_word = app.say("olena", UK, "допоможіть").await;
    assert!(by_word.text().contains("7333"), "typing for help reaches the crisis lines");
}

#[sqlx::test]
async fn every_screen_offers_help_now(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let screens = [
        app.say("olena", UK, "/start").await,
        app.press("olena", UK, &Action::Find).await,
        app.location("olena", UK, 50.45, 30.52).await,
        app.press("olena", UK, &Action::Centre(CentreId::parse("sample-lvivska").unwrap())).await,
        app.say("olena", UK, "Новомиколаївка").await,
        app.press("olena", UK, &Action::Language).await,
        app.say("olena", UK, "/privacy").await,
        app.say("olena", UK, "???").await,
        app.press("olena", UK, &Action::More).await,
    ];
    for answer in screens {
        assert!(answer.has_button(&Action::HelpNow), "{}", answer.text());
    }
}

#[sqlx::test]
async fn the_chosen_language_is_remembered_across_a_restart(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let start = app.say("olena", UK, "/start").await;
    assert!(start.text().starts_with("Вітаю!"));
    let changed = app.press("olena", UK, &Action::SetLanguage(Language::En)).await;
    assert_eq!(changed.language, Language::En);
    assert!(changed.text().contains("we’ll continue in English"), "{}", changed.text());

    let restarted = app.restarted(crate::helpers::monday_noon());
    let answer = app.send_to(&restarted, "olena", UK, Incoming::from_text("/help")).await;
    assert_eq!(answer.language, Language::En);
    assert!(answer.text().starts_with("Share your location"), "{}", answer.text());
}

#[sqlx::test]
async fn results_survive_a_restart_so_show_more_still_works(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.location("olena", UK, 50.45, 30.52).await;
    let restarted = app.restarted(crate::helpers::monday_noon());
    let more = app.send_to(&restarted, "olena", UK, Incoming::Button(Action::More.encode())).await;
    assert_eq!(listed_centres(&more), brute_force_nearest(50.45, 30.52, 6)[3..].to_vec());
}

#[sqlx::test]
async fn a_new_users_language_follows_the_platform_and_russian_gets_ukrainian(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let ivan = resilience_bot::conversation::User {
        channel: resilience_bot::domain::ChannelKind::Console,
        id: "ivan".into(),
        platform_language: Some("ru-RU".into()),
    };
    let ru = app.conversation.handle(&ivan, Incoming::Start { payload: None }).await.unwrap();
    assert_eq!(ru.language, Language::Uk, "Russian speakers get Ukrainian");
    let en = app.send("john", Language::En, Incoming::Start { payload: None }).await;
    assert!(en.text().starts_with("Hello!"), "{}", en.text());
}

#[sqlx::test]
async fn a_deep_link_opens_that_centres_card(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.send("olena", UK, Incoming::Start { payload: Some("centre-sample-lvivska".into()) }).await;
    assert_eq!(answer.replies.len(), 2);
    assert!(answer.replies[1].text.contains("Центр життєстійкості Львівської громади"));
    let unknown = app.send("olena", UK, Incoming::Start { payload: Some("centre-nope".into()) }).await;
    assert_eq!(unknown.replies.len(), 1, "an unknown centre falls back to the welcome and menu");
    assert!(unknown.text().starts_with("Вітаю!"), "{}", unknown.text());
    let menu: Vec<Action> = unknown.last().buttons.iter().map(|(_, a)| a.clone()).collect();
    assert_eq!(
        menu,
        vec![
            Action::Find,
            Action::HelpNow,
            Action::Groups,
            Action::Mine,
            Action::Checkin,
            Action::Language,
            Action::About
        ]
    );
}

#[sqlx::test]
async fn bad_coordinates_get_a_clear_reply_and_change_nothing(pool: PgPool) {
    let app = TestApp::new(pool).await;
    for (lat, lon) in [(f64::NAN, 30.0), (50.0, f64::INFINITY), (91.0, 30.0), (50.0, -181.0)] {
        let answer = app.location("olena", UK, lat, lon).await;
        assert!(answer.text().contains("Не вдалося розпізнати ці координати."), "{}", answer.text());
        assert!(answer.last().ask_location);
    }
    assert_eq!(app.stored_state("olena").await, serde_json::json!({ "kind": "awaiting_place" }));
}

#[sqlx::test]
async fn hostile_or_odd_text_gets_a_reply_and_stores_no_message_text(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let long = "б".repeat(10_000);
    let inputs = [
        "",
        "   ",
        long.as_str(),
        "\u{0000}\u{0007}\u{001b}[31m",
        "'; DROP TABLE centre; --",
        "Robert'); DELETE FROM chat_user;--",
        "🙂🙂🙂",
        "Бrovary",
        "/nonsense",
        "\u{202e}ираворБ",
    ];
    for input in inputs {
        let answer = app.say("olena", UK, input).await;
        assert!(!answer.replies.is_empty(), "no reply to {input:?}");
        assert!(answer.has_button(&Action::HelpNow), "{input:?}: {}", answer.text());
        let state = app.stored_state("olena").await.to_string();
        assert!(!state.contains("DROP") && !state.contains("ббб") && !state.contains("Robert"), "{state}");
    }
    assert_eq!(app.store.centres().await.unwrap().len(), 46, "the directory is intact");
    assert_eq!(app.user_count().await, 1, "one person, one row");
}

#[sqlx::test]
async fn forged_and_stale_buttons_get_a_polite_reply_and_no_action(pool: PgPool) {
    let app = TestApp::new(pool).await;
    app.location("olena", UK, 50.45, 30.52).await;
    let before = app.stored_state("olena").await;
    for data in
        ["", "zzz", "c:", "c:../../etc/passwd", "p:UA99999999999999999", "o:UA23000000000064947", &"x".repeat(500)]
    {
        let answer = app.send("olena", UK, Incoming::Button(data.to_owned())).await;
        let text = answer.text();
        assert!(text.contains("Ця кнопка вже не діє."), "{data:?}: {text}");
    }
    assert_eq!(app.stored_state("olena").await, before, "no action was taken");
    let gone = app.press("olena", UK, &Action::Centre(CentreId::parse("no-such-centre").unwrap())).await;
    assert!(gone.text().contains("Цього центру вже немає в довіднику."), "{}", gone.text());
}

#[sqlx::test]
async fn unsupported_messages_say_what_the_bot_can_read(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.send("olena", EN, Incoming::Unsupported).await;
    assert!(answer.text().contains("Sorry, I can only read text and locations."), "{}", answer.text());
}

#[sqlx::test]
async fn english_speakers_get_an_english_oblast_hint_that_the_search_understands(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("john", EN, "Lviv").await;
    let text = answer.text();
    assert!(text.contains("for example: “Lviv, Dnipropetrovsk”"), "{text}");
    let narrowed = app.say("john", EN, "Lviv, Dnipropetrovsk").await;
    assert!(narrowed.text().starts_with("The centres nearest to Lviv (Dnipropetrovsk Oblast):"), "{}", narrowed.text());
}

#[sqlx::test]
async fn about_and_privacy_credits_geonames_and_says_what_is_stored(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let uk = app.say("olena", UK, "/privacy").await.text();
    assert!(uk.contains("GeoNames (geonames.org)") && uk.contains("CC BY 4.0"), "{uk}");
    assert!(uk.contains("Тексти ваших повідомлень я не зберігаю"), "{uk}");
    let en = app.press("john", EN, &Action::About).await.text();
    assert!(en.contains("I don’t store the text of your messages, not even in technical logs"), "{en}");
}

#[sqlx::test]
async fn a_first_message_that_is_not_start_is_answered_after_the_welcome_and_privacy_notice(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let first = app.say("olena", UK, "Бровари").await;
    assert_eq!(first.replies.len(), 2);
    assert!(first.replies[0].text.contains("Місцезнаходження використовую тільки для пошуку"));
    assert!(first.text().starts_with("📍 Бровари (Київська область) — найближчі центри:"));
    let second = app.say("olena", UK, "Бровари").await;
    assert_eq!(second.replies.len(), 1, "the welcome is shown once");
}

#[sqlx::test]
async fn a_hromada_is_named_as_a_hromada_in_the_results(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let answer = app.say("olena", UK, "Броварська громада").await;
    assert!(
        answer.text().starts_with("📍 Броварська громада (Київська область) — найближчі центри:"),
        "{}",
        answer.text()
    );
    assert_eq!(listed_centres(&answer)[0], "sample-brovarska");
}

#[sqlx::test]
async fn a_big_city_is_answered_at_once_and_its_namesakes_named_by_the_name_typed(pool: PgPool) {
    let app = TestApp::new(pool).await;
    for (query, header) in [
        ("Миколаїв", "📍 Миколаїв (Миколаївська область) — найближчі центри:"),
        ("Mykolaiv", "📍 Миколаїв (Миколаївська область) — найближчі центри:"),
        ("Николаев", "📍 Миколаїв (Миколаївська область) — найближчі центри:"),
        ("Кременчук", "📍 Кременчук (Полтавська область) — найближчі центри:"),
    ] {
        let text = app.say("olena", UK, query).await.text();
        assert!(text.starts_with(header), "{query}: {text}");
    }
    let mykolaiv = app.say("olena", UK, "Миколаїв").await.text();
    assert!(mykolaiv.contains("Є ще 6 населених пунктів із назвою «Миколаїв»: Львівська область, "), "{mykolaiv}");
    // The hint names what was typed, not another candidate's own name.
    let rivne = app.say("olena", UK, "Рівне").await.text();
    assert!(rivne.contains("із назвою «Рівне»") && !rivne.contains("Серне"), "{rivne}");
    let artemivsk = app.say("olena", UK, "Артемівськ").await.text();
    assert!(artemivsk.starts_with("📍 Бахмут (Донецька область)"), "{artemivsk}");
    assert!(artemivsk.contains("Є ще 1 населений пункт із назвою «Артемівськ»: Луганська область."), "{artemivsk}");
    assert!(artemivsk.contains("«Артемівськ, Луганська»"), "{artemivsk}");
    let english = app.say("john", EN, "Mykolaiv").await.text();
    assert!(english.contains("There are 6 other places called “Mykolaiv”: Lviv Oblast, "), "{english}");
}

#[sqlx::test]
async fn the_namesakes_of_a_big_city_are_one_button_away(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let city = app.say("olena", UK, "Миколаїв").await;
    let others = app.press("olena", UK, &city.button("Інші з такою назвою")).await;
    let text = others.text();
    assert!(text.contains("«Миколаїв»"), "{text}");
    assert!(others.has_button(&Action::Oblast("UA46000000000026241".into())), "Lviv oblast's one: {text}");
    assert!(!others.has_button(&Action::Oblast("UA48000000000039575".into())), "not the city's own oblast: {text}");
    // One namesake only: its centres at once, under its own name (GeoNames
    // records «Кременчук» as another name of Ямпіль in Vinnytsia oblast).
    let kremenchuk = app.say("olena", UK, "Кременчук").await;
    let town = app.press("olena", UK, &kremenchuk.button("Інші з такою назвою")).await;
    assert!(town.text().starts_with("📍 Ямпіль (Вінницька область)"), "{}", town.text());
    // A forged or stale name is answered as a stale button.
    let forged = Action::OtherPlaces { place: "UA48000000000039575".into(), matched: "nosuchplace".into() };
    let stale = app.press("olena", UK, &forged).await;
    assert!(stale.text().contains("Ця кнопка вже не діє"), "{}", stale.text());
}

#[sqlx::test]
async fn latin_look_alike_letters_in_a_typed_place_do_not_hide_it(pool: PgPool) {
    let app = TestApp::new(pool).await;
    let kherson = app.say("olena", UK, "ХEPCOH").await.text();
    assert!(kherson.starts_with("📍 Херсон (Херсонська область)"), "{kherson}");
    let sumy = app.say("olena", UK, "Cуми").await.text();
    assert!(sumy.starts_with("📍 Суми (Сумська область)"), "{sumy}");
    assert!(!sumy.contains("Куми"), "{sumy}");
}
