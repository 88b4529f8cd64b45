//! Coordinators' screens: their centres' groups; one group with its seats;
//! the sign-up list, a page at a time or as a CSV file; changing the number
//! of seats; cancelling a group. The screens show only the person's own
//! groups, and every change is checked again in the database (see
//! `store::coordination`). Creating a group is `new_group`.

use super::desk::{back_button, closure_button, desk, not_coordinator, not_found, own_cohort, subscribers};
use super::draft;
use super::effect::{Effect, Outcome};
use super::view::{
    centre_name, closure, closure_line, help_now_button, menu_button, programme_title, sessions, start_date,
};
use super::{Context, Step};
use crate::cohort::signups::signup_sheet;
use crate::conversation::action::Action;
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::domain::{CentreId, ChannelKind};
use crate::i18n::Text;
use crate::store::{CapacityChange, CohortView, GroupCancellation, Redeemed};

/// Sign-ups on one page: short enough for any platform's message limit
/// (checked by a test against Telegram's 4,096 and Viber's 7,000).
pub const PAGE_SIZE: usize = 10;
/// Groups listed on the coordinator's screen.
const MAX_LISTED: usize = 20;

/// The groups of the centres the person coordinates.
pub fn overview(ctx: &Context<'_>, state: State) -> Step {
    let desk = desk(ctx);
    if desk.centres.is_empty() {
        return not_coordinator(ctx, state);
    }
    let mut reply = Reply::default().line(Text::new("coord-title"));
    let mut number = 0;
    for centre in &desk.centres {
        let mut lines = vec![Text::new("coord-centre").plain("centre", centre_name(ctx, centre))];
        let cohorts: Vec<&CohortView> = desk.cohorts.iter().filter(|c| &c.centre == centre).collect();
        if cohorts.is_empty() {
            lines.push(Text::new("coord-none"));
        }
        for cohort in cohorts {
            number += 1;
            if number > MAX_LISTED {
                break;
            }
            lines.push(
                Text::new("coord-item")
                    .count("number", number as i64)
                    .plain("programme", programme_title(cohort, ctx.language))
                    .with("date", start_date(cohort))
                    .count("confirmed", cohort.confirmed)
                    .count("capacity", cohort.capacity)
                    .count("waiting", cohort.waiting),
            );
            let label = Text::new("groups-open")
                .count("number", number as i64)
                .plain("programme", programme_title(cohort, ctx.language));
            reply = reply.button(label, Action::CoordCohort(cohort.id.clone()));
        }
        lines.push(Text::new("coord-subscribers").count("count", subscribers(ctx, centre).unwrap_or(0)));
        if let Some(closure) = CentreId::parse(centre).ok().and_then(|id| closure(ctx, &id)) {
            lines.push(closure_line(closure, "card-closed-short"));
        }
        reply = reply.paragraph(lines);
        if let Ok(id) = CentreId::parse(centre) {
            let name = centre_name(ctx, centre);
            reply = reply
                .button(Text::new("coord-new").plain("centre", name.clone()), Action::CoordNew(id.clone()))
                .button(Text::new("coord-broadcast").plain("centre", name), Action::Broadcasts(id.clone()))
                .buttons([closure_button(ctx, &id)])
                .button(Text::new("edit-button"), Action::EditCentre(id.clone()));
        }
    }
    let stats = Button { label: Text::new("coord-stats"), action: Action::CoordStats };
    Step::new(State::Idle, ctx.language, reply.buttons([stats, help_now_button(), menu_button()]))
}

/// One group: what, when, seats, and what the coordinator can do with it.
pub fn cohort(ctx: &Context<'_>, id: &str) -> Step {
    let Some(cohort) = own_cohort(ctx, id) else { return not_found(ctx) };
    let title = Text::new("coord-group-title")
        .plain("programme", programme_title(cohort, ctx.language))
        .plain("centre", centre_name(ctx, &cohort.centre));
    let facts = vec![
        Text::new("group-format").plain("format", cohort.format.as_str()).plain("language", cohort.language.as_str()),
        Text::new("coord-group-seats")
            .count("confirmed", cohort.confirmed)
            .count("capacity", cohort.capacity)
            .count("waiting", cohort.waiting),
    ];
    let mut reply = Reply::default()
        .line(title)
        .paragraph(facts)
        .paragraph(sessions(cohort))
        .button(Text::new("coord-list"), Action::CoordList { cohort: cohort.id.clone(), page: 0 });
    // Viber can only send files from a public URL; the list pages serve there.
    if ctx.channel != ChannelKind::Viber {
        reply = reply.button(Text::new("coord-csv"), Action::CoordCsv(cohort.id.clone()));
    }
    let reply = reply
        .button(Text::new("coord-capacity"), Action::CoordCapacity(cohort.id.clone()))
        .button(Text::new("coord-cancel"), Action::CoordCancel(cohort.id.clone()))
        .buttons([back_button(), help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

/// One page of a group's sign-up list.
pub fn list(ctx: &Context<'_>, id: &str, page: u16) -> Step {
    let (Some(cohort), Some(entries)) = (own_cohort(ctx, id), desk(ctx).signups.as_ref()) else {
        return not_found(ctx);
    };
    let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.id.clone()) };
    if entries.is_empty() {
        let reply =
            Reply::default().line(Text::new("coord-list-empty")).buttons([back, help_now_button(), menu_button()]);
        return Step::new(State::Idle, ctx.language, reply);
    }
    let pages = entries.len().div_ceil(PAGE_SIZE);
    let page = usize::from(page).min(pages - 1);
    let mut lines = vec![
        Text::new("coord-list-title")
            .plain("programme", programme_title(cohort, ctx.language))
            .with("date", start_date(cohort))
            .count("page", page as i64 + 1)
            .count("pages", pages as i64),
    ];
    let confirmed = entries.iter().filter(|e| e.confirmed).count();
    for (i, entry) in entries.iter().enumerate().skip(page * PAGE_SIZE).take(PAGE_SIZE) {
        let name = match &entry.first_name {
            Some(name) => Text::new("coord-list-name").typed("name", name.as_str()),
            None => Text::new("coord-list-no-name"),
        };
        let phone = entry.phone.as_deref().map(display_phone).unwrap_or_default();
        let line = if entry.has_left {
            Text::new("coord-list-left")
        } else if entry.confirmed {
            Text::new("coord-list-confirmed")
        } else {
            Text::new("coord-list-waiting").count("position", (i - confirmed + 1) as i64)
        };
        lines.push(line.count("number", i as i64 + 1).message("name", name).plain("phone", phone));
    }
    let mut reply = Reply::default().paragraph(lines);
    reply.phones = entries.iter().filter_map(|e| e.phone.as_deref().map(display_phone)).collect();
    if page > 0 {
        let previous = Action::CoordList { cohort: cohort.id.clone(), page: (page - 1) as u16 };
        reply = reply.button(Text::new("coord-list-previous"), previous);
    }
    if page + 1 < pages {
        let next = Action::CoordList { cohort: cohort.id.clone(), page: (page + 1) as u16 };
        reply = reply.button(Text::new("coord-list-next"), next);
    }
    Step::new(State::Idle, ctx.language, reply.buttons([back, help_now_button(), menu_button()]))
}

/// "+380 67 123 45 67": how a stored number is shown.
fn display_phone(e164: &str) -> String {
    crate::domain::Phone::parse(e164).map(|p| p.display()).unwrap_or_else(|_| e164.to_owned())
}

/// The sign-up list as a CSV file, in the coordinator's language.
pub fn csv(ctx: &Context<'_>, id: &str) -> Step {
    if ctx.channel == ChannelKind::Viber {
        return list(ctx, id, 0);
    }
    let (Some(cohort), Some(entries)) = (own_cohort(ctx, id), desk(ctx).signups.as_ref()) else {
        return not_found(ctx);
    };
    let document = signup_sheet(cohort, entries, ctx.language);
    let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.id.clone()) };
    let reply =
        Reply { document: Some(document), ..Reply::default() }.buttons([back, help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

/// Asks for a group's new number of seats.
pub fn ask_capacity(ctx: &Context<'_>, id: &str) -> Step {
    let Some(cohort) = own_cohort(ctx, id) else { return not_found(ctx) };
    let reply = Reply::default()
        .line(Text::new("coord-ask-capacity").count("confirmed", cohort.confirmed).count("capacity", cohort.capacity))
        .buttons([
            Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.id.clone()) },
            help_now_button(),
        ]);
    Step::new(State::SettingCapacity { cohort: cohort.id.clone() }, ctx.language, reply)
}

/// The typed number of seats.
pub fn capacity_answer(ctx: &Context<'_>, cohort: String, text: &str) -> Step {
    match draft::read_number(text, draft::CAPACITY) {
        Ok(capacity) => {
            Step::effect(State::Idle, ctx.language, Effect::SetCapacity { cohort, capacity: capacity as i32 })
        }
        Err(_) => {
            let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.clone()) };
            let reply = Reply::default().line(Text::new("coord-bad-capacity")).buttons([back, help_now_button()]);
            Step::new(State::SettingCapacity { cohort }, ctx.language, reply)
        }
    }
}

/// "Cancel this group?" with what it means for the people in it.
pub fn confirm_cancel(ctx: &Context<'_>, id: &str) -> Step {
    let Some(cohort) = own_cohort(ctx, id) else { return not_found(ctx) };
    let reply = Reply::default()
        .line(
            Text::new("coord-cancel-confirm")
                .plain("programme", programme_title(cohort, ctx.language))
                .with("date", start_date(cohort))
                .count("people", cohort.confirmed + cohort.waiting),
        )
        .button(Text::new("coord-cancel-yes"), Action::CoordCancelConfirmed(cohort.id.clone()))
        .button(Text::new("coord-cancel-no"), Action::CoordCohort(cohort.id.clone()))
        .buttons([help_now_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

pub fn cancel(ctx: &Context<'_>, id: &str) -> Step {
    if own_cohort(ctx, id).is_none() {
        return not_found(ctx);
    }
    Step::effect(State::Idle, ctx.language, Effect::CancelCohort { cohort: id.to_owned() })
}

/// The answer once a coordinator's change was applied, and the state to
/// stay in when the coordinator is asked again.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> (Reply, Option<State>) {
    if let (Effect::SetCapacity { cohort, .. }, Outcome::Capacity(CapacityChange::BelowConfirmed { confirmed })) =
        (effect, outcome)
    {
        // Still asking for a number: the coordinator can type another.
        let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.clone()) };
        let reply = Reply::default()
            .line(Text::new("coord-capacity-below").count("confirmed", *confirmed))
            .buttons([back, help_now_button()]);
        return (reply, Some(State::SettingCapacity { cohort: cohort.clone() }));
    }
    let reply = match (effect, outcome) {
        (Effect::SetCapacity { capacity, cohort }, Outcome::Capacity(CapacityChange::Changed { promoted_count })) => {
            Reply::default()
                .line(
                    Text::new("coord-capacity-done")
                        .count("capacity", i64::from(*capacity))
                        .count("promoted", *promoted_count as i64),
                )
                .button(Text::new("coord-back-to-group"), Action::CoordCohort(cohort.clone()))
        }
        (_, Outcome::GroupCancelled(GroupCancellation::Cancelled { told })) => {
            Reply::default().line(Text::new("coord-cancelled").count("told", *told as i64))
        }
        (_, Outcome::Redeemed(Redeemed::Coordinator { centre })) => Reply::default()
            .line(Text::new("invite-accepted").plain("centre", centre_name(ctx, centre)))
            .button(Text::new("invite-open"), Action::Coordinate),
        (_, Outcome::Redeemed(Redeemed::Expired)) => Reply::default().line(Text::new("invite-expired")),
        (_, Outcome::Redeemed(Redeemed::Used)) => Reply::default().line(Text::new("invite-used")),
        (_, Outcome::Redeemed(Redeemed::Unknown)) => Reply::default().line(Text::new("invite-unknown")),
        _ => Reply::default().line(Text::new("coord-not-found")),
    };
    (reply.buttons([back_button(), help_now_button(), menu_button()]), None)
}
