//! A centre's `opening_hours` value (OpenStreetMap syntax) from the centres
//! CSV. Any text is refused or parsed; once parsed, at a few fixed moments
//! (a weekday, a public holiday, the spring clock change, New Year's Eve):
//! the status points forward in time and "closed until X" is open at X; the
//! typical week runs Monday to Sunday with sensible intervals; and the
//! bot's own card and nearest-centres list for a centre with these hours
//! (the conversation core, `flow::step`) render in Ukrainian and English
//! with no fluent error.
#![no_main]

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use libfuzzer_sys::fuzz_target;
use resilience_bot::conversation::flow::{Context, step};
use resilience_bot::conversation::{Incoming, Reply, State};
use resilience_bot::directory::opening::{Hours, Status};
use resilience_bot::directory::{Directory, Gazetteer};
use resilience_bot::domain::{
    Centre, CentreId, ChannelKind, Coordinates, Hotlines, Language, LocationSource, ServiceTag,
};
use resilience_bot::distress::DistressPhrases;
use resilience_bot::i18n::{Catalog, Text};

struct World {
    gazetteer: Gazetteer,
    hotlines: Hotlines,
    distress: DistressPhrases,
    catalog: Catalog,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| World {
        gazetteer: Gazetteer::built_in().expect("the built-in gazetteer parses"),
        hotlines: Hotlines::built_in().expect("the built-in hotlines parse"),
        distress: DistressPhrases::built_in(),
        catalog: Catalog::load().expect("the locales load"),
    })
}

/// Kyiv local moments: a Monday afternoon, Christmas Day (a public holiday),
/// a time the spring clock change skips, and a minute before the new year.
const MOMENTS: [(i32, u32, u32, u32, u32); 4] =
    [(2026, 11, 23, 14, 0), (2026, 12, 25, 12, 0), (2027, 3, 28, 3, 30), (2026, 12, 31, 23, 59)];

fn moment((y, m, d, h, min): (i32, u32, u32, u32, u32)) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).and_then(|date| date.and_hms_opt(h, min, 0)).expect("a valid moment")
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(hours) = Hours::parse(raw) else {
        return;
    };
    for now in MOMENTS.map(moment) {
        check_status(&hours, now);
        check_week(&hours, now.date());
    }
    let world = world();
    let id = CentreId::parse("fuzz").expect("a valid id");
    let kyiv = Coordinates::parse(50.45, 30.52).expect("valid coordinates");
    let directory = Directory::new(vec![Centre {
        id: id.clone(),
        name_uk: "Центр".into(),
        name_en: "Centre".into(),
        location: kyiv,
        location_source: LocationSource::Given,
        oblast: None,
        hromada: None,
        settlement: None,
        address_uk: Some("вул. Хрещатик, 1".into()),
        address_en: None,
        phones: Vec::new(),
        email: None,
        website: None,
        opening_hours: Some(raw.to_owned()),
        services: vec![ServiceTag::SocialWork],
        notes: None,
        verified_on: NaiveDate::from_ymd_opt(2026, 11, 1).expect("a valid date"),
        serves_hromada: None,
        sample: false,
    }]);
    assert!(directory.get(&id).is_some_and(|(_, h)| h.is_some()), "hours that parse were dropped");
    for now in MOMENTS.map(moment) {
        for language in Language::ALL {
            let ctx = Context {
                directory: &directory,
                gazetteer: &world.gazetteer,
                hotlines: &world.hotlines,
                distress: &world.distress,
                now,
                language,
                is_new: false,
                groups: None,
                desk: None,
                channel: ChannelKind::Telegram,
            };
            let card = step(&ctx, State::Idle, Incoming::Button(format!("c:{id}")));
            let list = step(&ctx, State::AwaitingPlace, Incoming::Location { lat: kyiv.lat(), lon: kyiv.lon() });
            for reply in card.replies.iter().chain(&list.replies) {
                render_all(&world.catalog, language, reply);
            }
        }
    }
});

fn check_status(hours: &Hours, now: NaiveDateTime) {
    match hours.status(now) {
        Status::OpenUntil(at) => assert!(at > now, "open at {now} until {at}"),
        Status::OpenSince(since) => assert!(since <= now, "open at {now} since {since}"),
        Status::ClosedUntil(at) => {
            assert!(at > now, "closed at {now} until {at}");
            let then = hours.status(at);
            assert!(matches!(then, Status::OpenUntil(_) | Status::OpenSince(_) | Status::AlwaysOpen), "opens at {at} but then is {then:?}");
        }
        Status::AlwaysOpen | Status::Closed | Status::Unknown => {}
    }
}

fn check_week(hours: &Hours, date: NaiveDate) {
    let week = hours.week(date);
    assert!(week.len() <= 7);
    if week.is_empty() {
        return; // no opening in the weeks ahead
    }
    assert_eq!(week[0].first, Weekday::Mon);
    assert_eq!(week[week.len() - 1].last, Weekday::Sun);
    for pair in week.windows(2) {
        assert_eq!(pair[1].first, pair[0].last.succ(), "{week:?}");
        let same = |s: &resilience_bot::directory::DaySpan| (s.intervals.clone(), s.open_from, s.unknown);
        assert_ne!(same(&pair[0]), same(&pair[1]), "equal days not merged: {week:?}");
    }
    for span in &week {
        assert!(span.first.num_days_from_monday() <= span.last.num_days_from_monday());
        for &(from, to) in &span.intervals {
            assert!(from < to && from < 24 * 60 && to <= 48 * 60, "interval {from}–{to} in {week:?}");
        }
    }
}

fn render_all(catalog: &Catalog, language: Language, reply: &Reply) {
    let texts = reply.paragraphs.iter().flatten().chain(reply.buttons.iter().map(|b| &b.label));
    for text in texts {
        render(catalog, language, text);
    }
}

fn render(catalog: &Catalog, language: Language, text: &Text) {
    if let Err(error) = catalog.try_render(language, text) {
        panic!("{} cannot render {text:?}: {error}", language.code());
    }
}
