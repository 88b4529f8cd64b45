//! How a centre is shown: a short summary in a list, and the full card.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

use super::Context;
use super::view::{at_time, closure, closure_line, help_now_button, menu_button, menu_buttons, name, weekday_key};
use crate::conversation::action::Action;
use crate::conversation::reply::{Reply, Venue};
use crate::directory::{Hours, Nearby, Status};
use crate::domain::{Centre, CentreId, Language, ServiceTag};
use crate::i18n::{Arg, Text};
use crate::wording::{approximate_location, place_name, week_line};

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

/// The label of the button that opens a centre from a numbered list.
pub fn open_button(ctx: &Context<'_>, number: usize, centre: &Centre) -> Text {
    Text::new("find-open-centre").count("number", number as i64).plain("name", name(centre, ctx.language))
}

/// The lines for one centre in a list of nearest centres.
pub fn summary(ctx: &Context<'_>, number: usize, near: &Nearby<'_>) -> Vec<Text> {
    let centre = near.centre;
    let title = match near.metres {
        Some(metres) => Text::new("find-result-title")
            .message("distance", distance(metres, centre.location_source.is_approximate())),
        None => Text::new("find-result-title-listed"),
    };
    let mut lines = vec![title.count("number", number as i64).plain("name", name(centre, ctx.language))];
    if let Some(hromada) = &centre.serves_hromada {
        lines.push(
            Text::new("card-relocated-short").plain("hromada", place_name(hromada, ctx.language, Some(ctx.gazetteer))),
        );
    }
    lines.push(match address(centre, ctx.language) {
        Some(address) => Text::new("card-address").plain("address", address),
        None => Text::new("card-address-unknown"),
    });
    lines.push(match closure(ctx, &centre.id) {
        Some(closure) => closure_line(closure, "card-closed-short"),
        None => status_line(near.hours, ctx.now),
    });
    lines
}

/// The full card of a centre, with its map pin.
pub fn full(ctx: &Context<'_>, id: &CentreId, metres: Option<f64>, from_results: bool) -> Reply {
    let Some((centre, hours)) = ctx.directory.get(id) else {
        return Reply::default().line(Text::new("card-gone")).buttons(menu_buttons(ctx));
    };
    let mut reply = shown(ctx, centre, hours, metres);
    reply = reply.button(Text::new("card-groups"), Action::CentreGroups(centre.id.clone()));
    reply = reply.button(Text::new("card-subscribe"), Action::Subscribe(centre.id.clone()));
    reply = reply.button(Text::new("card-report"), Action::Report(centre.id.clone()));
    if from_results {
        reply = reply.button(Text::new("find-back-to-list"), Action::List);
    }
    reply.buttons([help_now_button(), menu_button()])
}

/// A centre's card without its buttons: as people see it, or as a
/// coordinator's change would make it (the preview before saving).
pub fn shown(ctx: &Context<'_>, centre: &Centre, hours: Option<&Hours>, metres: Option<f64>) -> Reply {
    let language = ctx.language;
    let mut title = vec![Text::new("card-title").plain("name", name(centre, language))];
    if centre.sample {
        title.push(Text::new("card-sample"));
    }
    let mut details = Vec::new();
    if let Some(metres) = metres {
        details.push(
            Text::new("card-distance").message("distance", distance(metres, centre.location_source.is_approximate())),
        );
    }
    if let Some(hromada) = &centre.serves_hromada {
        details
            .push(Text::new("card-relocated").plain("hromada", place_name(hromada, ctx.language, Some(ctx.gazetteer))));
    }
    details.push(match address(centre, language) {
        Some(address) => Text::new("card-address").plain("address", address),
        None => Text::new("card-address-unknown"),
    });
    details.extend(approximate_location(centre, ctx.language, Some(ctx.gazetteer)));
    if let Some(hromada) = &centre.hromada {
        details
            .push(Text::new("card-hromada").plain("hromada", place_name(hromada, ctx.language, Some(ctx.gazetteer))));
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
    let mut schedule = Vec::new();
    match hours {
        Some(hours) => {
            schedule.push(Text::new("card-hours-title"));
            if let Some(monday) = hours.week_shown(ctx.now.date()).filter(|&m| m > ctx.now.date()) {
                schedule.push(Text::new("hours-week-of").with("date", Arg::Date(monday)));
            }
            schedule.extend(hours.week(ctx.now.date()).iter().map(week_line));
            schedule.extend(hours.comments().iter().map(|c| Text::new("hours-comment").plain("comment", c.as_str())));
            schedule.push(status_line(Some(hours), ctx.now));
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
    let venue = venue(ctx, centre);
    let phones = centre.phones.iter().map(|p| p.display()).collect();
    if let Some(closure) = closure(ctx, &centre.id) {
        title.push(closure_line(closure, "card-closed"));
    }
    Reply { venue: Some(venue), phones, ..Reply::default() }
        .paragraph(title)
        .paragraph(details)
        .paragraph(schedule)
        .paragraph(footer)
}

/// A centre's map pin. Telegram needs an address: without a street address
/// the pin says where it is as precisely as known (hromada, oblast).
pub fn venue(ctx: &Context<'_>, centre: &Centre) -> Venue {
    let fallback = || {
        let parts = [&centre.hromada, &centre.oblast].into_iter().flatten();
        parts.map(|part| place_name(part, ctx.language, Some(ctx.gazetteer))).collect::<Vec<_>>().join(", ")
    };
    let address = address(centre, ctx.language).map(str::to_owned).unwrap_or_else(fallback);
    let address = if address.is_empty() { name(centre, ctx.language).to_owned() } else { address };
    Venue { location: centre.location, title: name(centre, ctx.language).to_owned(), address }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_tag_has_its_own_label() {
        for tag in ServiceTag::ALL {
            assert_eq!(service_id(tag), format!("service-{}", tag.as_str()));
        }
    }

    #[test]
    fn closing_at_midnight_is_said_as_24_00_today() {
        let hours = Hours::parse("Mo-Su 10:00-24:00").expect("valid");
        let evening =
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(22, 0, 0)).expect("valid");
        assert_eq!(
            status_line(Some(&hours), evening),
            Text::new("hours-open-until").with("time", Arg::AtTime { hour: 24, minute: 0 })
        );
    }

    #[test]
    fn distances_are_metres_below_a_kilometre_then_kilometres() {
        assert_eq!(
            distance(996.0, false),
            Text::new("distance-km").with("km", Arg::Decimal { value: 0.996, digits: 1 })
        );
        assert_eq!(distance(846.0, false), Text::new("distance-metres").with("metres", Arg::Count(850)));
        assert_eq!(distance(3.0, false), Text::new("distance-metres").with("metres", Arg::Count(10)));
        assert_eq!(
            distance(1_234.0, false),
            Text::new("distance-km").with("km", Arg::Decimal { value: 1.234, digits: 1 })
        );
        assert_eq!(
            distance(23_456.0, false),
            Text::new("distance-km").with("km", Arg::Decimal { value: 23.456, digits: 0 })
        );
        assert_eq!(
            distance(23_456.0, true),
            Text::new("distance-approximate").message("distance", distance(23_456.0, false))
        );
    }

    #[test]
    fn an_open_end_reads_from_nine_and_hours_past_midnight_on_the_day_they_start() {
        let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid");
        let open_end = Hours::parse("Mo-Fr 09:00+").expect("valid");
        let at_noon = monday.and_hms_opt(12, 0, 0).expect("valid");
        assert_eq!(
            status_line(Some(&open_end), at_noon),
            Text::new("hours-open-since").with("time", Arg::Time { hour: 9, minute: 0 })
        );
        let days = Text::new("weekday-range")
            .message("first", Text::new("weekday-short").plain("day", "mon"))
            .message("last", Text::new("weekday-short").plain("day", "fri"));
        assert_eq!(
            week_line(&open_end.week(monday)[0]),
            Text::new("hours-day").message("days", days.clone()).with(
                "intervals",
                Arg::List(vec![Text::new("hours-interval-open").with("from", Arg::Time { hour: 9, minute: 0 })])
            )
        );
        let night = Hours::parse("Mo-Fr 22:00-02:00").expect("valid");
        let interval = Text::new("hours-interval")
            .with("from", Arg::Time { hour: 22, minute: 0 })
            .with("to", Arg::Time { hour: 2, minute: 0 });
        assert_eq!(
            week_line(&night.week(monday)[0]),
            Text::new("hours-day").message("days", days).with("intervals", Arg::List(vec![interval]))
        );
    }
}
