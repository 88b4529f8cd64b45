//! The optional WHO-5 wellbeing check-in: consent, five items, an optional
//! oblast, then the result with a next step. Answers travel in the buttons'
//! data, not in the stored state, so nothing about them is kept until the
//! person finishes; then one anonymous row is written (`store::checkin`).
//! Each check-in has a token, in the state and in its buttons, so that the
//! buttons of a check-in that ended (finished, stopped, left) do nothing.

use super::effect::{Effect, Outcome};
use super::view::{help_now_button, hotline, menu_button, menu_buttons};
use super::{Context, Step};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::conversation::state::State;
use crate::domain::wellbeing::{Answers, Concern, ITEMS};
use crate::i18n::{Arg, Text};

const ITEM_TEXTS: [&str; ITEMS] = [
    "checkin-item-cheerful",
    "checkin-item-calm",
    "checkin-item-active",
    "checkin-item-rested",
    "checkin-item-interested",
];

/// The six answers, from "all of the time" (5) down to "at no time" (0).
const ANSWER_TEXTS: [(&str, u8); 6] = [
    ("checkin-answer-5", 5),
    ("checkin-answer-4", 4),
    ("checkin-answer-3", 3),
    ("checkin-answer-2", 2),
    ("checkin-answer-1", 1),
    ("checkin-answer-0", 0),
];

/// What is stored and what is not, before anything is asked.
pub fn consent(ctx: &Context<'_>, state: State) -> Step {
    let reply = Reply::default()
        .line(Text::new("checkin-intro"))
        .paragraph(vec![
            Text::new("checkin-stored"),
            Text::new("checkin-not-stored"),
            Text::new("checkin-stop-any-time"),
        ])
        .button(Text::new("checkin-begin"), Action::CheckinBegin)
        .buttons([help_now_button(), menu_button()]);
    Step::new(state, ctx.language, reply)
}

/// A new check-in: its token is 40 random bits (unique enough for one
/// person's check-ins; it is not kept once the check-in ends). Not the
/// clock: the person's row would then say when they began, to the microsecond.
pub fn begin(ctx: &Context<'_>) -> Step {
    let mut bytes = [0u8; 8];
    let random = match getrandom::getrandom(&mut bytes[..5]) {
        Ok(()) => i64::from_le_bytes(bytes),
        // Never seen on Linux; the clock still tells the check-ins apart.
        Err(_) => ctx.now.and_utc().timestamp_micros(),
    };
    let token = format!("{:x}", random.rem_euclid(1 << 40));
    let reply = item(&token, &[]);
    Step::new(State::CheckingIn { token }, ctx.language, reply)
}

/// The next item, or the oblast question once all five are answered; the
/// buttons of a check-in that ended say so.
pub fn next(ctx: &Context<'_>, state: State, token: String, answers: Vec<u8>) -> Step {
    if !is_current(&state, &token) {
        return over(ctx, state);
    }
    let reply = if answers.len() < ITEMS { item(&token, &answers) } else { oblast_question(ctx, &token, &answers) };
    Step::new(state, ctx.language, reply)
}

fn is_current(state: &State, token: &str) -> bool {
    matches!(state, State::CheckingIn { token: current } if current == token)
}

fn over(ctx: &Context<'_>, state: State) -> Step {
    let reply = Reply::default()
        .line(Text::new("checkin-already-over"))
        .button(Text::new("checkin-again"), Action::Checkin)
        .buttons([menu_button()]);
    Step::new(state, ctx.language, reply)
}

fn item(token: &str, answers: &[u8]) -> Reply {
    let number = answers.len();
    let mut reply = Reply::default()
        .line(Text::new("checkin-progress").count("number", number as i64 + 1).count("total", ITEMS as i64))
        .line(Text::new("checkin-over-two-weeks"))
        .line(Text::new(ITEM_TEXTS[number]));
    if number == 0 {
        // The WHO publishes no Ukrainian WHO-5: say whose words these are.
        reply = reply.line(Text::new("checkin-translation-note"));
    }
    for (label, value) in ANSWER_TEXTS {
        let mut next = answers.to_vec();
        next.push(value);
        reply = reply.button(Text::new(label), Action::CheckinAnswer { token: token.to_owned(), answers: next });
    }
    reply.button(Text::new("checkin-stop"), Action::CheckinStop)
}

fn oblast_question(ctx: &Context<'_>, token: &str, answers: &[u8]) -> Reply {
    let Some(answers) = Answers::new(answers) else { return Reply::default() };
    let done = |oblast| Action::CheckinDone { token: token.to_owned(), answers, oblast };
    let mut reply = Reply::default()
        .line(Text::new("checkin-oblast-question"))
        .button(Text::new("checkin-oblast-skip"), done(None));
    for oblast in ctx.gazetteer.oblasts() {
        let label = Text::new("checkin-oblast-choice").plain("oblast", oblast.name(ctx.language));
        reply = reply.button(label, done(Some(oblast.code.clone())));
    }
    reply.button(Text::new("checkin-stop"), Action::CheckinStop)
}

/// The last answer: the check-in is stored (once: a second tap finds the
/// check-in over) and the result follows from [`after`].
pub fn done(ctx: &Context<'_>, state: State, token: &str, answers: Answers, oblast: Option<String>) -> Step {
    if !is_current(&state, token) {
        return over(ctx, state);
    }
    // A code the gazetteer does not know is not stored.
    let oblast = oblast.filter(|code| ctx.gazetteer.find_oblast(code).is_some_and(|o| &o.code == code));
    let effect = Effect::SaveCheckin { answers, day: ctx.now.date(), language: ctx.language, oblast };
    Step::effect(State::Idle, ctx.language, effect)
}

/// Stopped: nothing was stored.
pub fn stop(ctx: &Context<'_>) -> Step {
    let reply = Reply::default().line(Text::new("checkin-stopped")).buttons(menu_buttons(ctx));
    Step::new(State::Idle, ctx.language, reply)
}

/// Sets the reminder about two weeks from today (the day is drawn when it
/// is stored: see `Store::set_checkin_reminder`).
pub fn remind(ctx: &Context<'_>, state: State) -> Step {
    let effect = Effect::RemindCheckin { today: ctx.now.date() };
    Step::effect(state, ctx.language, effect)
}

pub fn cancel_reminder(ctx: &Context<'_>, state: State) -> Step {
    Step::effect(state, ctx.language, Effect::CancelCheckinReminder)
}

/// The answer once the check-in or the reminder is stored.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    match (effect, outcome) {
        (Effect::SaveCheckin { answers, .. }, Outcome::CheckinFinished { counted: true }) => result(ctx, *answers),
        // Said first, before the result: this one is not in the statistics.
        (Effect::SaveCheckin { answers, .. }, Outcome::CheckinFinished { counted: false }) => {
            let mut reply = result(ctx, *answers);
            reply.paragraphs.insert(0, vec![Text::new("checkin-not-counted")]);
            reply
        }
        (Effect::RemindCheckin { .. }, Outcome::CheckinReminderSet(due_on)) => Reply::default()
            .line(Text::new("checkin-reminder-set").with("date", Arg::Date(*due_on)))
            .button(Text::new("checkin-reminder-cancel"), Action::CheckinRemindCancel)
            .buttons([menu_button()]),
        (_, Outcome::CheckinReminderCancelled(true)) => {
            Reply::default().line(Text::new("checkin-reminder-cancelled")).buttons([menu_button()])
        }
        _ => Reply::default().line(Text::new("checkin-reminder-none")).buttons([menu_button()]),
    }
}

/// The score in plain words and, when the answers call for it, a next step:
/// crisis lines first at 28 or less, a centre at 50 or less or when any
/// answer was 0 or 1. Never a diagnosis.
pub fn result(ctx: &Context<'_>, answers: Answers) -> Reply {
    let score = Text::new("checkin-score").count("score", i64::from(answers.score()));
    let concern = answers.concern();
    let mut reply = Reply::default();
    match concern {
        Concern::VeryLow => {
            // The urgent lines of the operator's hotlines file (Lifeline
            // Ukraine 7333, emergency services), tappable where the platform can.
            let urgent: Vec<_> = ctx.hotlines.lines.iter().filter(|line| line.urgent).collect();
            reply.phones = urgent.iter().flat_map(|line| line.numbers.iter().cloned()).collect();
            // Lines that listen first; emergency services on a line of their
            // own, for a threat to life.
            let mut lines = vec![Text::new("checkin-crisis-call")];
            lines.extend(urgent.iter().filter(|line| !line.emergency).map(|line| hotline(ctx, line)));
            let mut emergency: Vec<_> = urgent
                .iter()
                .filter(|line| line.emergency)
                .flat_map(|line| &line.numbers)
                .map(|number| Text::new("help-number").plain("number", number.as_str()))
                .collect();
            reply = reply.line(Text::new("checkin-result-very-low")).paragraph(lines);
            if let Some(last) = emergency.pop() {
                // "112 або 103": the last number joined with "or".
                let numbers = match emergency.is_empty() {
                    true => last,
                    false => Text::new("list-or").with("init", Arg::List(emergency)).message("last", last),
                };
                reply = reply.line(Text::new("checkin-emergency").message("numbers", numbers));
            }
            reply = reply.line(score).line(Text::new("checkin-suggest-centre"));
        }
        // The result's words already point to a centre.
        Concern::Low => reply = reply.line(score).line(Text::new("checkin-result-low")),
        Concern::None => reply = reply.line(score).line(Text::new("checkin-result-good")),
    }
    reply = reply.line(Text::new("checkin-not-a-diagnosis"));
    // How big a change is worth noticing matters to someone comparing
    // results, not right after the crisis lines.
    if concern != Concern::VeryLow {
        reply = reply.line(Text::new("checkin-change-noticeable"));
    }
    if concern > Concern::None {
        // One tap: the location request answers with the nearest centre.
        reply.ask_location = true;
        reply = reply.button(Text::new("checkin-find-centre"), Action::Find);
    }
    if concern == Concern::VeryLow {
        reply = reply.buttons([help_now_button()]);
    }
    reply.button(Text::new("checkin-remind"), Action::CheckinRemind).buttons(if concern == Concern::VeryLow {
        vec![menu_button()]
    } else {
        vec![help_now_button(), menu_button()]
    })
}

/// The reminder, two weeks later: an offer, never the check-in itself.
pub fn reminder_notice() -> Reply {
    Reply::default()
        .line(Text::new("checkin-reminder-notice"))
        .button(Text::new("checkin-begin"), Action::Checkin)
        .button(Text::new("checkin-not-now"), Action::Menu)
}
