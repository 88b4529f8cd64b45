//! The conversation as a pure function: `(state, incoming) → (state, replies)`.
//! No database, no network: everything it needs arrives in [`Context`].
//!
//! # Layers
//!
//! This module routes: it reads the input ([`step`]), hands it to a screen
//! (`on_action`, `on_text`), and words the outcome of the screen's effect
//! ([`after`]). Below it:
//!
//! - screens, one per job: `menu`, `find`, `help_now`, `groups`, `subscribe`,
//!   `report`, `checkin`, `privacy`, `stats`, `coordinate`, `new_group`,
//!   `broadcast`, `closure`, `centre_edit`, `crisis` (distress in typed words), and `notices` (the messages the bot starts);
//! - what screens share: `view` (wording and buttons), `card` (how a centre
//!   is shown), `desk` (a coordinator's centres and groups, and what is
//!   theirs), `draft` (reading a new group's answers) and `effect` (the
//!   changes a step asks for, and their outcomes: data only).
//!
//! **A screen never imports another screen**: what two screens need goes to
//! `view`, `card` or `desk`. `tests/structure.rs` checks it.

pub mod broadcast;
mod card;
mod centre_edit;
pub mod checkin;
mod closure;
mod context;
mod coordinate;
mod crisis;
mod desk;
pub mod draft;
pub mod effect;
mod find;
mod groups;
mod help_now;
mod input;
mod menu;
mod new_group;
pub mod notices;
mod privacy;
mod report;
mod sign_in;
pub mod stats;
mod subscribe;
pub mod view;

pub use context::{Board, Context, Desk, Step};
pub use input::Input;

use super::action::{Action, Skipped};
use super::incoming::{Command, Incoming};
use super::reply::Reply;
use super::state::State;
use crate::directory::normalize::skeleton;
use crate::store::Leaving;
use effect::{Effect, Outcome};
use view::stale_button;

pub use menu::INVITE_PAYLOAD;

/// Longest message treated as a possible place name (the longest names,
/// such as «Новоолександрівська громада Дніпропетровської області», with
/// room for a typo): longer text is not a place, and is not echoed back as
/// one.
const MAX_PLACE_MESSAGE_CHARS: usize = 60;
/// Most words a place name with its hromada and oblast takes.
const MAX_PLACE_MESSAGE_WORDS: usize = 6;

/// Applies one update: an [`Incoming`] as the channel gave
/// it, or an [`Input`] already read (to see what it needs loaded). A
/// person's very first message, whatever it is, is answered after the
/// welcome, which carries the privacy notice (and leads the answer: channels
/// send both in one message when the answer is text alone); but words of
/// distress and the "I need help now" button are answered first, with the
/// welcome after (on Viber that button is often a new person's first tap).
pub fn step(ctx: &Context<'_>, state: State, input: impl Into<Input>) -> Step {
    let input = input.into();
    let greet = ctx.is_new && !matches!(input.incoming, Incoming::Start { .. });
    let distress = matches!(&input.incoming, Incoming::Text(text) if ctx.distress.is_distress(text))
        || matches!(input.action, Some(Action::HelpNow));
    let mut step = dispatch(ctx, state, input);
    match (greet, distress) {
        (true, true) => step.replies.push(menu::welcome()),
        (true, false) => step.replies.insert(0, Reply { leads: true, ..menu::welcome() }),
        (false, _) => {}
    }
    step
}

fn dispatch(ctx: &Context<'_>, state: State, Input { incoming, action }: Input) -> Step {
    let language = ctx.language;
    match incoming {
        Incoming::Start { payload } => menu::start(ctx, state, payload.as_deref()),
        Incoming::Command(Command::Menu) => Step::new(State::Idle, language, menu::main_menu(ctx)),
        Incoming::Command(Command::Help) => Step::new(state, language, menu::help(ctx)),
        Incoming::Command(Command::Language) => Step::new(state, language, menu::language_choice(ctx)),
        Incoming::Command(Command::Privacy) => Step::new(state, language, menu::about(ctx)),
        Incoming::Command(Command::Coordinate) => coordinate::overview(ctx, state),
        Incoming::Command(Command::Stop) => Step::effect(state, language, Effect::UnsubscribeAll),
        Incoming::Command(Command::Forget) => privacy::forget(ctx),
        Incoming::Command(Command::Checkin) => checkin::consent(ctx, state),
        Incoming::Command(Command::Stats) => stats::screen(ctx, state),
        Incoming::Command(Command::Desk) => Step::effect(state, language, Effect::DeskLink),
        Incoming::Location { lat, lon } if centre_edit::wants_location(&state) => {
            centre_edit::location(ctx, &state, lat, lon)
        }
        Incoming::Location { lat, lon } => find::from_location(ctx, lat, lon),
        Incoming::Button(_) => match action {
            Some(action) => on_action(ctx, state, action),
            None => Step::new(state, language, stale_button(ctx)),
        },
        Incoming::Text(text) => on_text(ctx, state, &text),
        Incoming::Contact => Step::new(state, language, menu::contact_not_needed(ctx)),
        Incoming::Unsupported => Step::new(state, language, menu::unsupported(ctx)),
    }
}

fn on_action(ctx: &Context<'_>, state: State, action: Action) -> Step {
    let language = ctx.language;
    match action {
        Action::Menu => Step::new(State::Idle, language, menu::main_menu(ctx)),
        Action::Find => Step::new(State::AwaitingPlace, language, find::ask_place(ctx)),
        Action::HelpNow => Step::new(state.clone(), language, help_now::screen(ctx, &state)),
        Action::Language => Step::new(state, language, menu::language_choice(ctx)),
        Action::About => Step::new(state, language, menu::about(ctx)),
        Action::SetLanguage(chosen) => {
            let ctx = Context { language: chosen, ..*ctx };
            Step::new(state, chosen, menu::language_changed(&ctx))
        }
        Action::More => find::more(ctx, state),
        Action::List => find::current_page(ctx, state),
        Action::Centre(id) => find::open_card(ctx, state, &id),
        Action::Pin(id) => {
            let reply = card::pin(ctx, &id, matches!(state, State::Results { .. }));
            Step::new(state, language, reply.unwrap_or_else(|| stale_button(ctx)))
        }
        Action::Oblast(code) => find::choose_oblast(ctx, state, &code),
        Action::Place(code) => find::from_place_code(ctx, state, &code),
        Action::OtherPlaces { place, matched } => find::other_places(ctx, state, &place, &matched),
        Action::Groups => groups::near(ctx, state),
        Action::CentreGroups(centre) => groups::at_centre(ctx, state, &centre),
        Action::Cohort(cohort) => groups::detail(ctx, state, &cohort),
        Action::Join(cohort) => groups::join(ctx, state, &cohort),
        Action::Skip(Skipped::ReportDetails(of)) => match state {
            State::Reporting { centre, topic: topic @ Some(_) } if of.as_str() == centre => {
                report::details(ctx, centre, topic, None)
            }
            state => Step::new(state, language, stale_button(ctx)),
        },
        Action::Skip(skipped) => groups::skip(ctx, state, &skipped),
        Action::Mine => groups::mine(ctx, state),
        Action::Leave(signup) => Step::effect(state, language, Effect::Leave { signup, how: Leaving::Cancelled }),
        Action::Decline(signup) => Step::effect(state, language, Effect::Leave { signup, how: Leaving::Declined }),
        Action::CantCome { signup, session } => Step::effect(state, language, Effect::CantCome { signup, session }),
        Action::StopReminders(signup) => Step::effect(state, language, Effect::StopReminders { signup }),
        Action::Subscribe(centre) if ctx.directory.get(&centre).is_some() => {
            Step::effect(state, language, Effect::Subscribe { centre })
        }
        Action::Subscribe(_) => Step::new(state, language, stale_button(ctx)),
        Action::Unsubscribe(centre) => Step::effect(state, language, Effect::Unsubscribe { centre }),
        Action::Coordinate => coordinate::overview(ctx, state),
        Action::CoordCohort(cohort) => coordinate::cohort(ctx, &cohort),
        Action::CoordList { cohort, page } => coordinate::list(ctx, &cohort, page),
        Action::CoordCsv(cohort) => coordinate::csv(ctx, &cohort),
        Action::CoordCapacity(cohort) => coordinate::ask_capacity(ctx, &cohort),
        Action::CoordCancel(cohort) => coordinate::confirm_cancel(ctx, &cohort),
        Action::CoordCancelConfirmed(cohort) => coordinate::cancel(ctx, &cohort),
        Action::CoordNew(centre) => new_group::start(ctx, &centre),
        Action::DraftProgramme(_) | Action::DraftLanguage(_) | Action::DraftOnline(_) | Action::DraftCreate => {
            new_group::choice(ctx, state, &action)
        }
        Action::BroadcastNew(centre) => broadcast::compose(ctx, &centre),
        Action::BroadcastSchedule | Action::BroadcastLater | Action::BroadcastSend => {
            broadcast::choice(ctx, state, &action)
        }
        Action::Broadcasts(centre) => broadcast::list(ctx, &centre),
        Action::BroadcastCancel(broadcast) => Step::effect(state, language, Effect::CancelBroadcast { broadcast }),
        Action::CloseCentre(centre) => closure::start(ctx, &centre),
        Action::Report(centre) => report::start(ctx, &centre),
        Action::ReportTopic(topic) => report::topic(ctx, state, &topic),
        Action::ReportHandled(report) => {
            Step::effect(state, language, Effect::ResolveReport { report, confirmed: false })
        }
        Action::ReportConfirmed(report) => {
            Step::effect(state, language, Effect::ResolveReport { report, confirmed: true })
        }
        Action::ReportMute(report) => Step::effect(state, language, Effect::MuteReporter { report }),
        Action::ReopenCentre(centre) => closure::reopen(ctx, state, &centre),
        Action::Checkin => checkin::consent(ctx, state),
        Action::CheckinBegin => checkin::begin(ctx),
        Action::CheckinAnswer { token, answers } => checkin::next(ctx, state, token, answers),
        Action::CheckinDone { token, answers, oblast } => checkin::done(ctx, state, &token, answers, oblast),
        Action::CheckinStop => checkin::stop(ctx),
        Action::CheckinRemind => checkin::remind(ctx, state),
        Action::CheckinRemindCancel => checkin::cancel_reminder(ctx, state),
        Action::CoordStats => stats::screen(ctx, state),
        Action::Forget => privacy::ask(ctx, state),
        Action::ForgetConfirmed => privacy::forget(ctx),
        Action::EditCentre(centre) => centre_edit::menu(ctx, &centre),
        Action::EditField { centre, field } => centre_edit::ask(ctx, &state, &centre, field),
        Action::EditSave { .. } | Action::EditCancel { .. } | Action::EditHours { .. } => {
            centre_edit::choice(ctx, state, &action)
        }
    }
}

fn on_text(ctx: &Context<'_>, state: State, text: &str) -> Step {
    let language = ctx.language;
    let cleaned: String = text.chars().filter(|c| !c.is_control()).collect();
    let cleaned = cleaned.trim();
    // Before anything reads the words as an answer or a place: a person in
    // distress gets the crisis lines, whatever they were doing.
    if ctx.distress.is_distress(cleaned) {
        return crisis::answer(ctx, state);
    }
    if let State::SigningUp { cohort, name, asking_phone } = state {
        return groups::answer(ctx, cohort, name, asking_phone, cleaned);
    }
    if let State::SettingCapacity { cohort } = state {
        return coordinate::capacity_answer(ctx, cohort, cleaned);
    }
    if let State::Drafting { draft } = state {
        return new_group::answer(ctx, draft, cleaned);
    }
    if let State::Reporting { centre, topic } = state {
        return report::details(ctx, centre, topic, Some(cleaned));
    }
    if let State::Closing { centre, reason } = state {
        return closure::answer(ctx, centre, reason, cleaned);
    }
    if let State::Composing { centre } = state {
        // The coordinator's own words, line breaks kept.
        return broadcast::written(ctx, centre, text);
    }
    if let State::EditingCentre { .. } = state {
        // Phone numbers may come one per line.
        let lines: String = text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
        return centre_edit::answer(ctx, &state, lines.trim());
    }
    if let State::Announcing { centre, body, asking_time: true, .. } = state {
        return broadcast::time_answer(ctx, centre, body, cleaned);
    }
    if let Some(action) = keyword(cleaned) {
        return on_action(ctx, state, action);
    }
    let looks_like_a_place = cleaned.chars().any(char::is_alphabetic)
        && cleaned.chars().count() <= MAX_PLACE_MESSAGE_CHARS
        && cleaned.split_whitespace().count() <= MAX_PLACE_MESSAGE_WORDS;
    if !looks_like_a_place {
        return Step::new(state, language, view::not_understood(ctx));
    }
    find::from_text(ctx, state, cleaned)
}

/// Words people type instead of pressing a button. "Help" goes to the crisis
/// screen: a person who writes it may need help now.
fn keyword(text: &str) -> Option<Action> {
    const KEYWORDS: &[(&str, Action)] = &[
        ("menu", Action::Menu),
        ("меню", Action::Menu),
        ("start", Action::Menu),
        ("почати", Action::Menu),
        ("привіт", Action::Menu),
        ("привет", Action::Menu),
        ("hello", Action::Menu),
        ("hi", Action::Menu),
        ("вітаю", Action::Menu),
        ("добрийдень", Action::Menu),
        ("дякую", Action::Menu),
        ("спасибі", Action::Menu),
        ("спасибо", Action::Menu),
        ("thanks", Action::Menu),
        ("thankyou", Action::Menu),
        ("help", Action::HelpNow),
        ("sos", Action::HelpNow),
        ("допомога", Action::HelpNow),
        ("допоможіть", Action::HelpNow),
        ("помогите", Action::HelpNow),
        ("мененужнапомощь", Action::HelpNow),
        ("менепотрібнадопомога", Action::HelpNow),
        ("потрібнадопомога", Action::HelpNow),
    ];
    let key = skeleton(text);
    if key.is_empty() {
        return None;
    }
    KEYWORDS.iter().find(|(word, _)| skeleton(word) == key).map(|(_, action)| action.clone())
}

/// The answer once the database has applied an effect, and a state that
/// replaces the step's when the person is asked again.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> (Reply, Option<State>) {
    match outcome {
        Outcome::Refused => (stale_button(ctx), Some(State::Idle)),
        Outcome::SignedUp(_) | Outcome::Left(_) | Outcome::Absence(_) | Outcome::RemindersStopped(_) => {
            (groups::after(ctx, effect, outcome), None)
        }
        Outcome::Capacity(_) | Outcome::GroupCancelled(_) | Outcome::Redeemed(_) => {
            coordinate::after(ctx, effect, outcome)
        }
        Outcome::Created(_) => (new_group::after(outcome), None),
        Outcome::Subscribed(_) | Outcome::Unsubscribed(_) | Outcome::UnsubscribedAll(_) => {
            (subscribe::after(ctx, effect, outcome), None)
        }
        Outcome::Announced(_) | Outcome::AnnouncedTooLate | Outcome::BroadcastCancelled(_) => {
            (broadcast::after(ctx, effect, outcome), None)
        }
        Outcome::ClosureSet(_) | Outcome::Reopened(_) => (closure::after(ctx, effect, outcome), None),
        Outcome::Reported(_) | Outcome::Resolved(_) | Outcome::ReporterMuted(_) => (report::after(ctx, outcome), None),
        Outcome::CheckinFinished { .. } | Outcome::CheckinReminderSet(_) | Outcome::CheckinReminderCancelled(_) => {
            (checkin::after(ctx, effect, outcome), None)
        }
        Outcome::Forgotten(forgotten) => (privacy::forgotten(ctx, forgotten), Some(State::Idle)),
        Outcome::DeskLink(link) => (sign_in::after(link), None),
        Outcome::CentreEdited(_) => (centre_edit::after(ctx, effect, outcome), None),
    }
}
