//! Group programmes for residents: groups near them or at a centre, a group's
//! sessions, signing up (with an optional first name and phone, after saying
//! what is kept), their sign-ups, and leaving; answers to notices (giving
//! up a promoted seat, "I can't come this time", no more reminders). Taking
//! a seat is an [`Effect`] the wrapper applies in the database; [`after`]
//! words its outcome.

use super::effect::{Effect, Outcome};
use super::view::{
    centre_name, help_now_button, last_search, menu_button, mine_button, name, programme_title, sessions, stale_button,
    start_date,
};
use super::{Board, Context, Step};
use crate::conversation::action::{Action, Skipped};
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::domain::{CentreId, Language, Phone};
use crate::i18n::{Arg, Text};
use crate::store::{Absence, Cancellation, CohortView, Leaving, SignUp};

/// How many centres around a search count as "near".
const NEAR_CENTRES: usize = 5;
/// Groups listed at once.
const MAX_LISTED: usize = 8;
/// The longest first name kept.
const MAX_NAME_CHARS: usize = 60;

fn board<'a>(ctx: &Context<'a>) -> &'a Board {
    static EMPTY: std::sync::OnceLock<Board> = std::sync::OnceLock::new();
    ctx.groups.unwrap_or_else(|| EMPTY.get_or_init(Board::default))
}

/// Groups at the centres nearest to the last search.
pub fn near(ctx: &Context<'_>, state: State) -> Step {
    let Some(near) = last_search(ctx, &state, 0, NEAR_CENTRES) else {
        let reply = Reply { ask_location: true, ..Reply::default() }
            .line(Text::new("groups-need-place"))
            .buttons([help_now_button(), menu_button()]);
        return Step::new(State::AwaitingPlace, ctx.language, reply);
    };
    let centres: Vec<String> = near.iter().map(|n| n.centre.id.to_string()).collect();
    let cohorts: Vec<&CohortView> = board(ctx).cohorts.iter().filter(|c| centres.contains(&c.centre)).collect();
    let reply = list(ctx, Text::new("groups-near-title"), &cohorts);
    Step::new(state, ctx.language, reply)
}

/// Groups at one centre (from its card).
pub fn at_centre(ctx: &Context<'_>, state: State, centre: &CentreId) -> Step {
    let name = ctx.directory.get(centre).map(|(c, _)| name(c, ctx.language).to_owned()).unwrap_or_default();
    let cohorts: Vec<&CohortView> = board(ctx).cohorts.iter().filter(|c| c.centre == centre.as_str()).collect();
    let reply = list(ctx, Text::new("groups-at-centre-title").plain("centre", name), &cohorts);
    Step::new(state, ctx.language, reply)
}

fn list(ctx: &Context<'_>, title: Text, cohorts: &[&CohortView]) -> Reply {
    if cohorts.is_empty() {
        return Reply::default().line(Text::new("groups-none")).buttons([help_now_button(), menu_button()]);
    }
    let mut lines = vec![title];
    let mut reply = Reply::default();
    for (i, cohort) in cohorts.iter().take(MAX_LISTED).enumerate() {
        let number = i as i64 + 1;
        lines.push(
            Text::new("groups-item")
                .count("number", number)
                .plain("programme", programme_title(cohort, ctx.language))
                .plain("centre", centre_name(ctx, &cohort.centre))
                .with("date", start_date(cohort))
                .count("sessions", cohort.sessions.len() as i64)
                .message("seats", seats(cohort)),
        );
        let label =
            Text::new("groups-open").count("number", number).plain("programme", programme_title(cohort, ctx.language));
        reply = reply.button(label, Action::Cohort(cohort.id.clone()));
    }
    reply.paragraph(lines).buttons([mine_button(), help_now_button(), menu_button()])
}

/// One cohort: what, where, when, seats, and a button to join.
pub fn detail(ctx: &Context<'_>, state: State, cohort_id: &str) -> Step {
    let Some(cohort) = board(ctx).cohorts.iter().find(|c| c.id == cohort_id) else {
        return Step::new(state, ctx.language, closed(ctx));
    };
    let language = ctx.language;
    let mut about = vec![Text::new("group-title").plain("programme", programme_title(cohort, language))];
    let description = match language {
        Language::Uk => &cohort.programme.description_uk,
        Language::En => &cohort.programme.description_en,
    };
    if !description.is_empty() {
        about.push(Text::new("group-description").plain("text", description.as_str()));
    }
    let facts = vec![
        Text::new("group-where").plain("centre", centre_name(ctx, &cohort.centre)),
        Text::new("group-format").plain("format", cohort.format.as_str()).plain("language", cohort.language.as_str()),
        seats_line(cohort),
    ];
    let mut reply = Reply::default().paragraph(about).paragraph(facts).paragraph(sessions(cohort));
    match board(ctx).mine.iter().find(|s| s.cohort == cohort.id) {
        Some(mine) if mine.confirmed => reply = reply.line(Text::new("group-you-are-in")),
        Some(mine) => reply = reply.line(Text::new("group-you-wait").count("position", mine.position.unwrap_or(0))),
        None => {
            let label = if cohort.confirmed < cohort.capacity { "group-join" } else { "group-join-waitlist" };
            reply = reply.button(Text::new(label), Action::Join(cohort.id.clone()));
        }
    }
    let reply = reply.buttons([mine_button(), help_now_button(), menu_button()]);
    Step::new(state, language, reply)
}

/// The consent screen, then the first optional question.
pub fn join(ctx: &Context<'_>, state: State, cohort_id: &str) -> Step {
    if !board(ctx).cohorts.iter().any(|c| c.id == cohort_id) {
        return Step::new(state, ctx.language, closed(ctx));
    }
    let reply = Reply::default()
        .line(Text::new("signup-consent"))
        .line(Text::new("signup-ask-name"))
        .buttons([skip_button(Skipped::Name(cohort_id.to_owned())), menu_button()]);
    Step::new(State::SigningUp { cohort: cohort_id.to_owned(), name: None, asking_phone: false }, ctx.language, reply)
}

/// A typed answer during sign-up: the name, then the phone.
pub fn answer(ctx: &Context<'_>, cohort: String, name: Option<String>, asking_phone: bool, text: &str) -> Step {
    let text = text.trim();
    if !asking_phone {
        if text.chars().count() > MAX_NAME_CHARS || text.is_empty() {
            let skip = skip_button(Skipped::Name(cohort.clone()));
            let reply = Reply::default().line(Text::new("signup-bad-name")).buttons([skip, menu_button()]);
            return Step::new(State::SigningUp { cohort, name, asking_phone }, ctx.language, reply);
        }
        return ask_phone(ctx, cohort, Some(text.to_owned()));
    }
    match Phone::parse(text) {
        Ok(phone) => sign_up(ctx, cohort, name, Some(phone)),
        Err(_) => {
            let skip = skip_button(Skipped::Phone(cohort.clone()));
            let reply = Reply::default().line(Text::new("signup-bad-phone")).buttons([skip, menu_button()]);
            Step::new(State::SigningUp { cohort, name, asking_phone }, ctx.language, reply)
        }
    }
}

/// "Skip" during sign-up, applied only at the step (and for the cohort) the
/// button was shown for: a double tap on "Skip" at the name must not skip
/// the phone too.
pub fn skip(ctx: &Context<'_>, state: State, skipped: &Skipped) -> Step {
    match (state, skipped) {
        (State::SigningUp { cohort, asking_phone: false, .. }, Skipped::Name(of)) if *of == cohort => {
            ask_phone(ctx, cohort, None)
        }
        (State::SigningUp { cohort, name, asking_phone: true }, Skipped::Phone(of)) if *of == cohort => {
            sign_up(ctx, cohort, name, None)
        }
        (other, _) => Step::new(other, ctx.language, stale_button(ctx)),
    }
}

fn ask_phone(ctx: &Context<'_>, cohort: String, name: Option<String>) -> Step {
    let skip = skip_button(Skipped::Phone(cohort.clone()));
    let reply = Reply::default().line(Text::new("signup-ask-phone")).buttons([skip, menu_button()]);
    Step::new(State::SigningUp { cohort, name, asking_phone: true }, ctx.language, reply)
}

fn sign_up(ctx: &Context<'_>, cohort: String, first_name: Option<String>, phone: Option<Phone>) -> Step {
    Step::effect(State::Idle, ctx.language, Effect::SignUp { cohort, first_name, phone })
}

/// The person's sign-ups, each with a button to cancel it.
pub fn mine(ctx: &Context<'_>, state: State) -> Step {
    let board = board(ctx);
    if board.mine.is_empty() {
        let reply = Reply::default().line(Text::new("mine-none")).buttons([help_now_button(), menu_button()]);
        return Step::new(state, ctx.language, reply);
    }
    let mut lines = vec![Text::new("mine-title")];
    let mut reply = Reply::default();
    for (i, signup) in board.mine.iter().enumerate() {
        let number = i as i64 + 1;
        let cohort = board.cohorts.iter().find(|c| c.id == signup.cohort);
        let (title, centre, date) = match cohort {
            Some(c) => (programme_title(c, ctx.language).to_owned(), centre_name(ctx, &c.centre), start_date(c)),
            // A cohort that has started is not in the open list; its name is enough.
            None => (signup.cohort.clone(), String::new(), Arg::Plain(String::new())),
        };
        let line = match signup.position {
            None => Text::new("mine-item-confirmed"),
            Some(position) => Text::new("mine-item-waiting").count("position", position),
        };
        lines.push(line.count("number", number).plain("programme", title).plain("centre", centre).with("date", date));
        reply = reply.button(Text::new("mine-cancel").count("number", number), Action::Leave(signup.id));
    }
    let reply = reply.paragraph(lines).buttons([help_now_button(), menu_button()]);
    Step::new(state, ctx.language, reply)
}

/// The answer once the database has applied an effect.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    let buttons = [mine_button(), help_now_button(), menu_button()];
    let cohort = match effect {
        Effect::SignUp { cohort, .. } => board(ctx).cohorts.iter().find(|c| &c.id == cohort),
        _ => None,
    };
    let reply = match outcome {
        Outcome::SignedUp(SignUp::Confirmed { .. }) => {
            let mut reply = Reply::default();
            if let Some(cohort) = cohort {
                reply = reply.line(
                    Text::new("signup-confirmed")
                        .plain("programme", programme_title(cohort, ctx.language))
                        .plain("centre", centre_name(ctx, &cohort.centre)),
                );
                reply = reply.paragraph(sessions(cohort));
            }
            reply
        }
        Outcome::SignedUp(SignUp::Waitlisted { position, .. }) => {
            Reply::default().line(Text::new("signup-waitlisted").count("position", *position))
        }
        Outcome::SignedUp(SignUp::AlreadyConfirmed { .. }) => {
            Reply::default().line(Text::new("signup-already-confirmed"))
        }
        Outcome::SignedUp(SignUp::AlreadyWaiting { position, .. }) => {
            Reply::default().line(Text::new("signup-already-waiting").count("position", *position))
        }
        Outcome::SignedUp(SignUp::Closed) => Reply::default().line(Text::new("signup-closed")),
        Outcome::Left(Cancellation::Cancelled { .. }) => match effect {
            Effect::Leave { how: Leaving::Declined, .. } => Reply::default().line(Text::new("decline-done")),
            _ => Reply::default().line(Text::new("leave-done")),
        },
        Outcome::Left(Cancellation::NotFound) => Reply::default().line(Text::new("leave-not-found")),
        Outcome::Absence(Absence::Noted { coordinators: 0 }) => {
            Reply::default().line(Text::new("absence-no-coordinator"))
        }
        Outcome::Absence(Absence::Noted { .. }) => Reply::default().line(Text::new("absence-noted")),
        Outcome::Absence(Absence::NotFound) => Reply::default().line(Text::new("absence-not-found")),
        Outcome::RemindersStopped(true) => Reply::default().line(Text::new("reminders-stopped")),
        Outcome::RemindersStopped(false) => Reply::default().line(Text::new("leave-not-found")),
        // Coordinators' outcomes are worded in `coordinate`.
        _ => Reply::default(),
    };
    reply.buttons(buttons)
}

fn closed(_ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("signup-closed")).buttons([help_now_button(), menu_button()])
}

fn skip_button(skipped: Skipped) -> Button {
    Button { label: Text::new("signup-skip"), action: Action::Skip(skipped) }
}

fn seats(cohort: &CohortView) -> Text {
    let left = (cohort.capacity - cohort.confirmed).max(0);
    Text::new("groups-seats").count("left", left)
}

fn seats_line(cohort: &CohortView) -> Text {
    let left = (cohort.capacity - cohort.confirmed).max(0);
    if left > 0 {
        Text::new("group-seats-left").count("left", left).count("capacity", cohort.capacity)
    } else {
        Text::new("group-full").count("waiting", cohort.waiting)
    }
}
