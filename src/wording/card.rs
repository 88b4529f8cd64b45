//! A centre's card as words: the paragraphs the bot shows when a person
//! opens a centre, and the operator desk shows on the centre's page, so
//! both say exactly the same thing (`locales/*/main.ftl`). Who shows the
//! card adds the rest (the bot its buttons and map pin).

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

use super::{approximate_location, at_time, closure_line, place_name, week_line, weekday_key};
use crate::directory::{Gazetteer, Hours, Status};
use crate::domain::{Centre, Closure, Language, ServiceTag};
use crate::i18n::{Arg, Catalog, Text};

/// What a card is made of besides the centre.
#[derive(Clone, Copy)]
pub struct CardFacts<'a> {
    /// The centre's hours, read from its `opening_hours` (`None` when not given).
    pub hours: Option<&'a Hours>,
    /// Its closure, if one has not ended by `now`.
    pub closure: Option<&'a Closure>,
    /// How far from the person, in metres, when known.
    pub metres: Option<f64>,
    pub language: Language,
    /// For place names in English; without it they are transliterated.
    pub gazetteer: Option<&'a Gazetteer>,
    /// Now, Kyiv local time.
    pub now: NaiveDateTime,
}

/// The card's paragraphs (title, details, hours, services and dates); empty
/// paragraphs are left out by whoever shows them.
pub fn card(centre: &Centre, facts: CardFacts<'_>) -> Vec<Vec<Text>> {
    let language = facts.language;
    let place = |name: &str| place_name(name, language, facts.gazetteer).into_owned();
    let mut title = vec![Text::new("card-title").plain("name", name(centre, language))];
    if centre.sample {
        title.push(Text::new("card-sample"));
    }
    let mut details = Vec::new();
    if let Some(metres) = facts.metres {
        details.push(
            Text::new("card-distance").message("distance", distance(metres, centre.location_source.is_approximate())),
        );
    }
    if let Some(hromada) = &centre.serves_hromada {
        details.push(Text::new("card-relocated").plain("hromada", place(hromada)));
    }
    details.push(match address(centre, language) {
        Some(address) => Text::new("card-address").plain("address", address),
        None => Text::new("card-address-unknown"),
    });
    details.extend(approximate_location(centre, language, facts.gazetteer));
    if let Some(hromada) = &centre.hromada {
        details.push(Text::new("card-hromada").plain("hromada", place(hromada)));
    }
    if !centre.phones.is_empty() {
        let phones = centre.phones.iter().map(|p| Text::new("card-phone-number").plain("phone", p.display())).collect();
        let count = centre.phones.len() as i64;
        details.push(Text::new("card-phones").count("count", count).with("phones", Arg::List(phones)));
    }
    if let Some(email) = &centre.email {
        details.push(Text::new("card-email").plain("email", email.as_str()));
    }
    if let Some(website) = &centre.website {
        details.push(Text::new("card-website").plain("website", website.as_str()));
    }
    let now = facts.now;
    let mut schedule = Vec::new();
    match facts.hours {
        Some(hours) => {
            schedule.push(Text::new("card-hours-title"));
            if let Some(monday) = hours.week_shown(now.date()).filter(|&m| m > now.date()) {
                schedule.push(Text::new("hours-week-of").with("date", Arg::Date(monday)));
            }
            schedule.extend(hours.week(now.date()).iter().map(week_line));
            schedule.extend(hours.comments().iter().map(|c| Text::new("hours-comment").plain("comment", c.as_str())));
            schedule.push(status_line(Some(hours), now));
        }
        None => schedule.push(Text::new("hours-not-given")),
    }
    let mut footer = Vec::new();
    if !centre.services.is_empty() {
        let services = centre.services.iter().map(|&s| Text::new(service_id(s))).collect();
        footer.push(Text::new("card-services").with("services", Arg::List(services)));
    }
    footer.push(Text::new("card-verified").with("date", Arg::Date(centre.verified_on)));
    footer.push(Text::new("card-map").plain("url", centre.location.map_url()));
    if let Some(closure) = facts.closure {
        title.push(closure_line(closure, "card-closed"));
    }
    vec![title, details, schedule, footer]
}

/// Paragraphs as plain text, as every channel shows them: lines joined
/// with a newline, paragraphs with a blank line, empty paragraphs left out.
pub fn plain_text(catalog: &Catalog, language: Language, paragraphs: &[Vec<Text>]) -> String {
    paragraphs
        .iter()
        .filter(|lines| !lines.is_empty())
        .map(|lines| lines.iter().map(|text| catalog.render(language, text)).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A centre's name in a language.
pub fn name(centre: &Centre, language: Language) -> &str {
    match language {
        Language::Uk => &centre.name_uk,
        Language::En => &centre.name_en,
    }
}

/// The address in the person's language, or the other one if only it is known.
pub fn address(centre: &Centre, language: Language) -> Option<&str> {
    let (preferred, other) = match language {
        Language::Uk => (&centre.address_uk, &centre.address_en),
        Language::En => (&centre.address_en, &centre.address_uk),
    };
    preferred.as_deref().or(other.as_deref())
}

/// "850 м", "1,2 км", "23 км"; "≈ 12 км" to a centre placed only
/// approximately (at its settlement or hromada).
pub fn distance(metres: f64, approximate: bool) -> Text {
    let text = if approximate { Text::new("distance-approximate") } else { return exact_distance(metres) };
    text.message("distance", exact_distance(metres))
}

fn exact_distance(metres: f64) -> Text {
    // 995 m would round to "1000 м": that is a kilometre.
    if metres < 995.0 {
        let rounded = ((metres / 10.0).round() * 10.0).max(10.0);
        Text::new("distance-metres").with("metres", Arg::Count(rounded as i64))
    } else if metres < 10_000.0 {
        Text::new("distance-km").with("km", Arg::Decimal { value: metres / 1_000.0, digits: 1 })
    } else {
        Text::new("distance-km").with("km", Arg::Decimal { value: metres / 1_000.0, digits: 0 })
    }
}

/// The fluent id of a service's label.
pub fn service_id(tag: ServiceTag) -> &'static str {
    match tag {
        ServiceTag::PsychologicalSupport => "service-psychological-support",
        ServiceTag::PsychologicalFirstAid => "service-psychological-first-aid",
        ServiceTag::SocialWork => "service-social-work",
        ServiceTag::SupportGroups => "service-support-groups",
        ServiceTag::Parenting => "service-parenting",
        ServiceTag::ChildrenAndYouth => "service-children-and-youth",
        ServiceTag::Veterans => "service-veterans",
        ServiceTag::DisplacedPeople => "service-displaced-people",
        ServiceTag::LegalAdvice => "service-legal-advice",
        ServiceTag::Online => "service-online",
    }
}

/// "Open now, closes at 18:00", "Closed now, opens tomorrow at 9:00"…
pub fn status_line(hours: Option<&Hours>, now: NaiveDateTime) -> Text {
    let Some(hours) = hours else {
        return Text::new("hours-not-given");
    };
    let time = at_time;
    let days_ahead = |at: NaiveDateTime| (at.date() - now.date()).num_days();
    match hours.status(now) {
        Status::AlwaysOpen => Text::new("hours-open-always"),
        Status::OpenSince(since) => {
            Text::new("hours-open-since").with("time", Arg::Time { hour: since.hour(), minute: since.minute() })
        }
        Status::OpenUntil(at) if days_ahead(at) == 0 => Text::new("hours-open-until").with("time", time(at)),
        // Closing at midnight is "until 24:00" today, not "on Tuesday at 0:00".
        Status::OpenUntil(at) if days_ahead(at) == 1 && at.hour() == 0 && at.minute() == 0 => {
            Text::new("hours-open-until").with("time", Arg::AtTime { hour: 24, minute: 0 })
        }
        Status::OpenUntil(at) => {
            Text::new("hours-open-until-day").message("weekday", weekday(at.weekday())).with("time", time(at))
        }
        Status::ClosedUntil(at) => match days_ahead(at) {
            0 => Text::new("hours-closed-opens-today").with("time", time(at)),
            1 => Text::new("hours-closed-opens-tomorrow").with("time", time(at)),
            2..=6 => {
                Text::new("hours-closed-opens-on").message("weekday", weekday(at.weekday())).with("time", time(at))
            }
            _ => Text::new("hours-closed-opens-date").with("date", Arg::Date(at.date())).with("time", time(at)),
        },
        Status::Closed => Text::new("hours-closed"),
        Status::Unknown => Text::new("hours-unknown"),
    }
}

/// "у понеділок", "on Monday".
fn weekday(day: Weekday) -> Text {
    Text::new("weekday-on").plain("day", weekday_key(day))
}
