//! A centre's groups and sign-ups in the operator desk, over real HTTP: the
//! bot's rules and notices (seats below those taken refused in the bot's
//! words, everyone told when a group is cancelled, a new group read as the
//! bot reads a coordinator's answers), the sign-up list only for the
//! centre's coordinators and operators, every view and change an audit
//! row, and the CSV as formula-safe as the bot's.

use chrono::Utc;
use reqwest::StatusCode;
use resilience_bot::domain::{Language, Phone, Programme};
use resilience_bot::i18n::{Catalog, Text};
use sqlx::PgPool;

use crate::desk::{Desk, console};

pub(crate) const CENTRE: &str = "sample-lvivska";
pub(crate) const OTHER: &str = "sample-kreminska";
const GROUP: &str = "desk-pws";

/// A group at the Lviv sample centre with `capacity` seats, five weekly
/// sessions from eight days after the real now (the desk reads the clock).
pub(crate) async fn group(desk: &Desk, capacity: i32) {
    let programmes = Programme::built_in().unwrap();
    let start =
        (Utc::now() + chrono::Duration::days(8)).with_timezone(&chrono_tz::Europe::Kyiv).format("%Y-%m-%d 18:00");
    let file = format!(
        "id,programme,centre,capacity,starts,sessions,every,duration\n\
         {GROUP},parenting-without-stress,{CENTRE},{capacity},{start},5,,90\n"
    );
    let ids = programmes.iter().map(|p| p.id.clone()).collect();
    let centres = desk.app.store.centres().await.unwrap().into_iter().map(|c| c.id.to_string()).collect();
    let known = resilience_bot::cohort::csv::Known { programmes: &ids, centres: &centres, now: Utc::now() };
    let rows = resilience_bot::cohort::csv::parse(file.as_bytes(), known).unwrap();
    desk.app.store.import_cohorts(&programmes, &rows).await.unwrap();
}

async fn sign_up(desk: &Desk, who: &str, name: &str, phone: &str) {
    // A person who wrote to the bot: only they can sign up.
    desk.app.say(who, Language::Uk, "меню").await;
    let phone = Phone::parse(phone).unwrap();
    desk.app.store.sign_up(GROUP, &console(who), Some(name), Some(&phone), Utc::now()).await.unwrap();
}

/// A signed-in coordinator of `centre`: the cookie and the page's CSRF token.
pub(crate) async fn coordinator(desk: &Desk, who: &str, centre: &str) -> (String, String) {
    desk.app.store.add_coordinator(centre, &console(who)).await.unwrap();
    let cookie = desk.sign_in(&desk.link_from_bot(who).await).await;
    let csrf = csrf_of(&desk.get("/", Some(&cookie)).await.text().await.unwrap());
    (cookie, csrf)
}

pub(crate) fn csrf_of(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

/// A page's text with the entities askama writes turned back into characters.
pub(crate) fn unescape(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The bot's words in Ukrainian.
pub(crate) fn bot(text: Text) -> String {
    Catalog::load().unwrap().render(Language::Uk, &text)
}

async fn seats_and_waiting(desk: &Desk) -> (i32, i64, i64) {
    sqlx::query_as(
        "SELECT c.capacity, count(*) FILTER (WHERE s.status = 'confirmed'), \
                count(*) FILTER (WHERE s.status = 'waitlisted') \
         FROM cohort c LEFT JOIN signup s ON s.cohort_id = c.id WHERE c.id = $1 GROUP BY c.capacity",
    )
    .bind(GROUP)
    .fetch_one(desk.app.store.pool())
    .await
    .unwrap()
}

async fn actions(desk: &Desk) -> Vec<String> {
    crate::desk::changes(desk).await.into_iter().rev().map(|e| e.action).collect()
}

#[sqlx::test]
async fn seats_below_those_taken_are_refused_at_the_desk_in_the_bots_words_and_more_seats_go_to_those_waiting(
    pool: PgPool,
) {
    let desk = Desk::start(pool).await;
    group(&desk, 2).await;
    for (who, name) in [("p1", "Олена"), ("p2", "Ігор"), ("p3", "Марія")] {
        sign_up(&desk, who, name, "067 123 45 67").await;
    }
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let page = desk.get(&format!("/centres/{CENTRE}/groups"), Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains(&format!("id=\"group-{GROUP}\"")) && page.contains("2 / 2"), "{page}");
    let seats = format!("/centres/{CENTRE}/groups/{GROUP}/seats");

    let below = desk.post(&seats, Some(&cookie), &format!("csrf={csrf}&capacity=1")).await;
    assert_eq!(below.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let expected = bot(Text::new("coord-capacity-below").count("confirmed", 2));
    assert!(unescape(&below.text().await.unwrap()).contains(&expected), "{expected}");
    // The bot says the same to a coordinator who types it there.
    let in_bot = desk.app.store.set_capacity_as(&console("coord"), GROUP, 1).await.unwrap().0;
    assert_eq!(in_bot, resilience_bot::store::CapacityChange::BelowConfirmed { confirmed: 2 });
    for typed in ["0", "201", "many"] {
        let bad = desk.post(&seats, Some(&cookie), &format!("csrf={csrf}&capacity={typed}")).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(unescape(&bad.text().await.unwrap()).contains(&bot(Text::new("coord-bad-capacity"))), "{typed}");
    }
    assert_eq!(seats_and_waiting(&desk).await, (2, 2, 1), "nothing changed");
    assert!(actions(&desk).await.is_empty(), "a refused change is not logged as made");

    let more = desk.post(&seats, Some(&cookie), &format!("csrf={csrf}&capacity=4")).await;
    assert_eq!(more.status(), StatusCode::OK);
    let done = bot(Text::new("coord-capacity-done").count("capacity", 4).count("promoted", 1));
    assert!(unescape(&more.text().await.unwrap()).contains(&done), "{done}");
    assert_eq!(seats_and_waiting(&desk).await, (4, 3, 0));
    let promoted: i64 = sqlx::query_scalar("SELECT count(*) FROM notice WHERE external_id = 'p3'")
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap();
    assert_eq!(promoted, 1, "the person promoted is told, as when the bot adds seats");
    let audit = crate::desk::changes(&desk).await;
    assert_eq!(audit[0].action, "set-capacity");
    assert_eq!((audit[0].old_value.as_deref(), audit[0].new_value.as_deref()), (Some("2"), Some("4")));
    assert_eq!(audit[0].person, console("coord"));
}

#[sqlx::test]
async fn cancelling_a_group_at_the_desk_asks_first_and_tells_everyone_in_it_or_waiting(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group(&desk, 1).await;
    sign_up(&desk, "p1", "Олена", "067 123 45 67").await;
    sign_up(&desk, "p2", "Ігор", "067 765 43 21").await;
    let cookie = desk.signed_in_operator().await;
    let csrf = csrf_of(&desk.get("/", Some(&cookie)).await.text().await.unwrap());
    let cancel = format!("/centres/{CENTRE}/groups/{GROUP}/cancel");

    let question = unescape(&desk.get(&cancel, Some(&cookie)).await.text().await.unwrap());
    assert!(question.contains("id=\"question\"") && question.contains("2"), "{question}");
    let forged = desk.post(&cancel, Some(&cookie), "csrf=forged").await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let cancelled: bool = sqlx::query_scalar("SELECT cancelled FROM cohort WHERE id = $1")
        .bind(GROUP)
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap();
    assert!(!cancelled, "a forged form changes nothing");

    let done = desk.post(&cancel, Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(done.status(), StatusCode::OK);
    let told = bot(Text::new("coord-cancelled").count("told", 2));
    assert!(unescape(&done.text().await.unwrap()).contains(&told), "{told}");
    let notices: Vec<String> = sqlx::query_scalar("SELECT external_id FROM notice ORDER BY external_id")
        .fetch_all(desk.app.store.pool())
        .await
        .unwrap();
    assert_eq!(notices, ["p1", "p2"], "the confirmed and the waiting are both told");
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM signup WHERE phone IS NOT NULL")
        .fetch_one(desk.app.store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "names and phones go with the group, as in the bot");
    assert_eq!(actions(&desk).await, ["cancel-group"]);
    let again = desk.post(&cancel, Some(&cookie), &format!("csrf={csrf}")).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "cancelled once");
}

#[sqlx::test]
async fn a_group_created_at_the_desk_is_read_with_the_bots_rules(pool: PgPool) {
    let desk = Desk::start(pool).await;
    let (cookie, csrf) = coordinator(&desk, "coord", CENTRE).await;
    let path = format!("/centres/{CENTRE}/groups");
    let next_week = (Utc::now() + chrono::Duration::days(7)).with_timezone(&chrono_tz::Europe::Kyiv);
    let first = next_week.format("%d.%m.%Y 18:00").to_string();
    let form = |first: &str, sessions: &str, capacity: &str| {
        format!(
            "csrf={csrf}&programme=self-help-plus&first={}&sessions={sessions}&minutes=90&capacity={capacity}\
             &language=uk&format=in_person",
            first.replace(' ', "+")
        )
    };
    for (body, words) in [
        (form("tomorrow", "4", "12"), Text::new("draft-bad-date")),
        (form("01.01.2020 18:00", "4", "12"), Text::new("draft-past-date")),
        (form(&first, "0", "12"), Text::new("draft-bad-sessions")),
        (form(&first, "4", "0"), Text::new("coord-bad-capacity")),
    ] {
        let refused = desk.post(&path, Some(&cookie), &body).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(unescape(&refused.text().await.unwrap()).contains(&bot(words)), "{body}");
    }
    let forged = desk
        .post(&path, Some(&cookie), &form(&first, "4", "12").replace("programme=self-help-plus", "programme=x"))
        .await;
    assert_eq!(forged.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let none: i64 = sqlx::query_scalar("SELECT count(*) FROM cohort").fetch_one(desk.app.store.pool()).await.unwrap();
    assert_eq!(none, 0);

    let created = desk.post(&path, Some(&cookie), &form(&first, "4", "12")).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let running = desk.app.store.running_cohorts(&[CENTRE.to_owned()], Utc::now()).await.unwrap();
    assert_eq!(running.len(), 1);
    assert_eq!((running[0].capacity, running[0].sessions.len()), (12, 4));
    assert_eq!(running[0].programme.id, "self-help-plus");
    let local = running[0].sessions[0].0.with_timezone(&chrono_tz::Europe::Kyiv);
    assert_eq!(local.format("%d.%m.%Y %H:%M").to_string(), first, "Kyiv time, as typed");
    let audit = crate::desk::changes(&desk).await;
    assert_eq!((audit[0].action.as_str(), audit[0].subject.as_str()), ("create-group", CENTRE));
    assert_eq!(audit[0].new_value.as_deref(), Some(running[0].id.as_str()));
    let page = desk.get(&path, Some(&cookie)).await.text().await.unwrap();
    assert!(page.contains(&running[0].id), "{page}");
}

#[sqlx::test]
async fn the_sign_up_list_is_for_the_centres_coordinators_and_operators_and_every_reading_is_audited(pool: PgPool) {
    let desk = Desk::start(pool).await;
    group(&desk, 1).await;
    sign_up(&desk, "p1", "=HYPERLINK(\"http://evil.example\")", "067 123 45 67").await;
    sign_up(&desk, "p2", "Ігор", "067 765 43 21").await;
    let (other, _) = coordinator(&desk, "elsewhere", OTHER).await;
    let list = format!("/centres/{CENTRE}/groups/{GROUP}/signups");
    let csv = format!("{list}.csv");
    for path in [&list, &csv] {
        assert_eq!(desk.get(path, Some(&other)).await.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(desk.get(path, None).await.status(), StatusCode::UNAUTHORIZED, "{path}");
        let forged = format!("/centres/{OTHER}/groups/{GROUP}/signups");
        assert_eq!(desk.get(&forged, Some(&other)).await.status(), StatusCode::NOT_FOUND, "not that centre's group");
    }
    assert!(actions(&desk).await.is_empty(), "a refused reading reads nothing");

    let (cookie, _) = coordinator(&desk, "coord", CENTRE).await;
    let page = unescape(&desk.get(&list, Some(&cookie)).await.text().await.unwrap());
    assert!(page.contains("Ігор") && page.contains("+380677654321"), "{page}");
    assert!(page.contains("=HYPERLINK(\"http://evil.example\")"), "shown as text, not run: {page}");
    let download = desk.get(&csv, Some(&cookie)).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert!(download.headers()["content-disposition"].to_str().unwrap().contains("signups-desk-pws.csv"));
    let text = download.text().await.unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""), "formula defused: {text}");
    assert!(text.contains(",+380671234567,"), "a phone stays a phone: {text}");
    assert!(text.contains("Ігор,+380677654321"), "{text}");
    let operator = desk.signed_in_operator().await;
    assert_eq!(desk.get(&list, Some(&operator)).await.status(), StatusCode::OK);

    let audit = crate::desk::changes(&desk).await;
    let readings: Vec<(&str, &str, Option<&str>)> = audit
        .iter()
        .rev()
        .map(|e| (e.action.as_str(), e.person.external_id.as_str(), e.new_value.as_deref()))
        .collect();
    assert_eq!(
        readings,
        [
            ("view-signups", "coord", Some("2")),
            ("download-signups", "coord", Some("2")),
            ("view-signups", "op", Some("2"))
        ]
    );
}

#[sqlx::test]
async fn every_groups_and_messages_route_refuses_another_centres_coordinator_and_a_form_without_its_token(
    pool: PgPool,
) {
    let desk = Desk::start(pool).await;
    group(&desk, 3).await;
    let (other, other_csrf) = coordinator(&desk, "elsewhere", OTHER).await;
    let (own, _) = coordinator(&desk, "coord", CENTRE).await;
    let gets = [
        format!("/centres/{CENTRE}/groups"),
        format!("/centres/{CENTRE}/groups/{GROUP}/cancel"),
        format!("/centres/{CENTRE}/groups/{GROUP}/signups"),
        format!("/centres/{CENTRE}/groups/{GROUP}/signups.csv"),
        format!("/centres/{CENTRE}/messages"),
        "/centres/no-such-centre/groups".to_owned(),
    ];
    for path in &gets {
        assert_eq!(desk.get(path, Some(&other)).await.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(desk.get(path, None).await.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let posts = [
        (format!("/centres/{CENTRE}/groups"), "programme=self-help-plus&first=&sessions=4&minutes=90&capacity=5"),
        (format!("/centres/{CENTRE}/groups/{GROUP}/seats"), "capacity=9"),
        (format!("/centres/{CENTRE}/groups/{GROUP}/cancel"), ""),
        (format!("/centres/{CENTRE}/messages/preview"), "kind=message&text=hello"),
        (format!("/centres/{CENTRE}/messages"), "kind=message&text=hello"),
        (format!("/centres/{CENTRE}/messages/1/cancel"), ""),
    ];
    for (path, body) in &posts {
        let as_other = desk.post(path, Some(&other), &format!("csrf={other_csrf}&{body}")).await;
        assert_eq!(as_other.status(), StatusCode::FORBIDDEN, "{path}");
        let without_token = desk.post(path, Some(&own), body).await;
        assert_eq!(without_token.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(desk.post(path, None, body).await.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    assert_eq!(seats_and_waiting(&desk).await.0, 3);
    let broadcasts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM broadcast").fetch_one(desk.app.store.pool()).await.unwrap();
    assert_eq!(broadcasts, 0);
    assert!(actions(&desk).await.is_empty());
}
