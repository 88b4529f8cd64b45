//! Words of acute distress typed where the bot expected something else (a
//! place, a name, a report): the crisis lines first, warmly and without a
//! diagnosis, then the way back to what the person was doing. Recognising
//! the words is [`crate::distress`]'s job.

use super::view::{help_now_button, hotline, menu_button};
use super::{Context, Step};
use crate::conversation::action::Action;
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::i18n::Text;

/// The answer to a message that says the person may be in acute distress.
/// The state is kept: a question being answered (a sign-up's name, a
/// report's details) is still open, and the reply says so.
pub fn answer(ctx: &Context<'_>, state: State) -> Step {
    let lines = ctx.hotlines.lines.iter().map(|line| hotline(ctx, line)).collect();
    let phones = ctx.hotlines.lines.iter().flat_map(|line| line.numbers.iter().cloned()).collect();
    let reply = Reply { phones, ..Reply::default() }.line(Text::new("distress-intro")).paragraph(lines);
    let reply = if is_answering_a_question(&state) {
        reply.line(Text::new("distress-continue")).buttons([menu_button()])
    } else {
        reply.line(Text::new("distress-centre")).buttons([
            Button { label: Text::new("menu-find"), action: Action::Find },
            help_now_button(),
            menu_button(),
        ])
    };
    Step::new(state, ctx.language, reply)
}

/// Whether the bot is waiting for the person's answer to a question of its
/// own (their next message still answers it), as opposed to a place.
fn is_answering_a_question(state: &State) -> bool {
    match state {
        State::SigningUp { .. }
        | State::SettingCapacity { .. }
        | State::Drafting { .. }
        | State::Reporting { .. }
        | State::Closing { .. }
        | State::Composing { .. }
        | State::EditingCentre { .. } => true,
        State::Announcing { asking_time, .. } => *asking_time,
        State::Idle
        | State::AwaitingPlace
        | State::CheckingIn { .. }
        | State::ChoosingPlace { .. }
        | State::Results { .. } => false,
    }
}
