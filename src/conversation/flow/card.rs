//! How a centre is shown: a short summary in a list, and the full card.

use super::Context;
use super::view::{closure, closure_line, help_now_button, menu_button, menu_buttons, name};
use crate::conversation::action::Action;
use crate::conversation::reply::{Reply, Venue};
use crate::directory::{Hours, Nearby};
use crate::domain::{Centre, CentreId};
use crate::i18n::Text;
use crate::wording::card::{CardFacts, card};
pub use crate::wording::card::{address, distance, status_line};
use crate::wording::place_name;

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

/// The full card of a centre, in one message: its map pin is a button away
/// ([`pin`]).
pub fn full(ctx: &Context<'_>, id: &CentreId, metres: Option<f64>, from_results: bool) -> Reply {
    let Some((centre, hours)) = ctx.directory.get(id) else {
        return Reply::default().line(Text::new("card-gone")).buttons(menu_buttons(ctx));
    };
    let mut reply = shown(ctx, centre, hours, metres);
    reply = reply.button(Text::new("card-pin"), Action::Pin(centre.id.clone()));
    reply = reply.button(Text::new("card-groups"), Action::CentreGroups(centre.id.clone()));
    reply = reply.button(Text::new("card-subscribe"), Action::Subscribe(centre.id.clone()));
    reply = reply.button(Text::new("card-report"), Action::Report(centre.id.clone()));
    if from_results {
        reply = reply.button(Text::new("find-back-to-list"), Action::List);
    }
    reply.buttons([help_now_button(), menu_button()])
}

/// A centre's card without its buttons: as people see it, or as a
/// coordinator's change would make it (the preview before saving). The
/// words are `wording::card`'s, which the operator desk shows too.
pub fn shown(ctx: &Context<'_>, centre: &Centre, hours: Option<&Hours>, metres: Option<f64>) -> Reply {
    let facts = CardFacts {
        hours,
        closure: closure(ctx, &centre.id),
        metres,
        language: ctx.language,
        gazetteer: Some(ctx.gazetteer),
        now: ctx.now,
    };
    let phones = centre.phones.iter().map(|p| p.display()).collect();
    let reply = Reply { phones, ..Reply::default() };
    card(centre, facts).into_iter().fold(reply, Reply::paragraph)
}

/// The card's "show on the map": the centre's pin as a message of its own,
/// with the way back to the list and to help; `None` for a centre the
/// directory does not know (any more).
pub fn pin(ctx: &Context<'_>, id: &CentreId, from_results: bool) -> Option<Reply> {
    let (centre, _) = ctx.directory.get(id)?;
    let mut reply = Reply { venue: Some(venue(ctx, centre)), ..Reply::default() };
    if from_results {
        reply = reply.button(Text::new("find-back-to-list"), Action::List);
    }
    Some(reply.buttons([help_now_button(), menu_button()]))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::Hours;
    use crate::domain::ServiceTag;
    use crate::i18n::Arg;
    use crate::wording::card::service_id;
    use crate::wording::week_line;

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
