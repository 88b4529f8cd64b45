//! How a centre's facts are worded wherever they are shown: the bot's cards
//! and lists, and the open data's descriptions, so that both say the same
//! thing in the same words (`locales/*/main.ftl`). [`broadcast`] words what
//! a centre's subscribers receive.

pub mod broadcast;

pub mod card;

use chrono::{NaiveDateTime, Timelike, Weekday};
use chrono_tz::Europe::Kyiv;

use std::borrow::Cow;

use crate::directory::normalize::transliterate;
use crate::directory::{DaySpan, Gazetteer};
use crate::domain::{Centre, Closure, Language, LocationSource};
use crate::i18n::{Arg, Text};

/// The selector key fluent uses for weekday names and their grammatical cases.
pub fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// "Mon–Fri", or "Sun" for one day.
pub fn day_range(first: Weekday, last: Weekday) -> Text {
    if first == last {
        return Text::new("weekday-short").plain("day", weekday_key(first));
    }
    Text::new("weekday-range")
        .message("first", Text::new("weekday-short").plain("day", weekday_key(first)))
        .message("last", Text::new("weekday-short").plain("day", weekday_key(last)))
}

/// "Mon–Fri: 9:00–18:00" or "Sun: closed".
pub fn week_line(span: &DaySpan) -> Text {
    let days = day_range(span.first, span.last);
    if span.intervals.is_empty() && span.open_from.is_none() {
        return Text::new(if span.unknown { "hours-day-unknown" } else { "hours-day-closed" }).message("days", days);
    }
    let intervals = span
        .intervals
        .iter()
        .map(|&(from, to)| Text::new("hours-interval").with("from", clock(from)).with("to", clock(to)))
        .chain(span.open_from.map(|from| Text::new("hours-interval-open").with("from", clock(from))))
        .collect();
    Text::new("hours-day").message("days", days).with("intervals", Arg::List(intervals))
}

/// Minutes from midnight as a time; 24:00 stays 24:00 and later wraps.
pub fn clock(minutes: u16) -> Arg {
    let minutes = u32::from(minutes);
    let hour = if minutes == 24 * 60 { 24 } else { (minutes / 60) % 24 };
    Arg::Time { hour, minute: minutes % 60 }
}

/// A place's name as the directory holds it (Ukrainian: "Сартанська
/// громада", "Донецька область", "Бровари"), in the person's language: in
/// English an oblast by its official English name ("Donetsk Oblast") and
/// anything else in the official KMU 2010 transliteration the gazetteer's
/// Latin names use ("Sartanska hromada"). Without the gazetteer an oblast
/// is transliterated too ("Donetska oblast").
pub fn place_name<'a>(name: &'a str, language: Language, gazetteer: Option<&Gazetteer>) -> Cow<'a, str> {
    match language {
        Language::Uk => Cow::Borrowed(name),
        // Only a name that is the oblast's own: the gazetteer's lookup also
        // takes a name that starts with an oblast's, and "Львівська громада"
        // is not "Lviv Oblast".
        Language::En => match gazetteer.and_then(|gazetteer| gazetteer.find_oblast(name)).filter(|oblast| {
            let key = crate::directory::normalize::skeleton(name);
            [&oblast.code, &oblast.name_uk, &oblast.name_en]
                .iter()
                .any(|own| crate::directory::normalize::skeleton(own) == key)
        }) {
            Some(oblast) => Cow::Owned(oblast.name_en.clone()),
            None => Cow::Owned(transliterate(name)),
        },
    }
}

/// "Location approximate: the centre of Бровари; go by the address", for a
/// centre placed at its settlement or hromada, the place named in `language`.
pub fn approximate_location(centre: &Centre, language: Language, gazetteer: Option<&Gazetteer>) -> Option<Text> {
    let (id, place) = match centre.location_source {
        LocationSource::Settlement => {
            ("card-location-settlement", centre.settlement.as_ref().or(centre.hromada.as_ref()))
        }
        LocationSource::Hromada => ("card-location-hromada", centre.hromada.as_ref().or(centre.settlement.as_ref())),
        _ => return None,
    };
    let place = place.or(centre.oblast.as_ref())?;
    Some(Text::new(id).plain("place", place_name(place, language, gazetteer)))
}

/// A time of day with its preposition ("о 9:00", "at 9:00").
pub fn at_time(at: NaiveDateTime) -> Arg {
    Arg::AtTime { hour: at.hour(), minute: at.minute() }
}

/// Adds a Kyiv local moment to a text as its `date` and `time` arguments.
pub fn with_date_time(text: Text, at: NaiveDateTime) -> Text {
    text.with("date", Arg::Date(at.date())).with("time", at_time(at))
}

/// "⛔ Closed until 24.11.2026 at 18:00: no power" (`id` chooses the wording).
pub fn closure_line(closure: &Closure, id: &'static str) -> Text {
    let until = closure.until.with_timezone(&Kyiv).naive_local();
    with_date_time(Text::new(id), until).plain("reason", closure.reason.as_str())
}

#[cfg(test)]
mod place_name_tests {
    use super::*;

    #[test]
    fn an_oblast_is_named_in_english_and_a_hromada_of_the_same_stem_is_not_taken_for_it() {
        let gazetteer = Gazetteer::built_in().expect("the built-in gazetteer");
        let en = |name: &str| place_name(name, Language::En, Some(&gazetteer)).into_owned();
        assert_eq!(en("Львівська область"), "Lviv Oblast");
        assert_eq!(en("Донецька область"), "Donetsk Oblast");
        assert_eq!(en("Львівська громада"), "Lvivska hromada");
        assert_eq!(en("Харківська громада"), "Kharkivska hromada");
        assert_eq!(place_name("Львівська громада", Language::Uk, Some(&gazetteer)), "Львівська громада");
    }
}
