//! "Forget me": `/forget` deletes at once (typed on purpose); the button on
//! the privacy screen asks first, since a stray tap would give up seats.

use super::effect::Effect;
use super::view::menu_button;
use super::{Context, Step};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::conversation::state::State;
use crate::i18n::Text;
use crate::store::Forgotten;

/// What will be deleted, and a button to confirm.
pub fn ask(ctx: &Context<'_>, state: State) -> Step {
    let reply = Reply::default()
        .line(Text::new("forget-what"))
        .line(Text::new("forget-checkins-stay"))
        .button(Text::new("forget-confirm"), Action::ForgetConfirmed)
        .buttons([menu_button()]);
    Step::new(state, ctx.language, reply)
}

pub fn forget(ctx: &Context<'_>) -> Step {
    Step::effect(State::Idle, ctx.language, Effect::Forget)
}

/// Confirms what was deleted. The person is unknown to the bot from now on.
pub fn forgotten(_ctx: &Context<'_>, forgotten: &Forgotten) -> Reply {
    let mut lines = vec![Text::new("forget-done")];
    if forgotten.signups > 0 {
        lines.push(Text::new("forget-done-signups").count("count", i64::try_from(forgotten.signups).unwrap_or(0)));
    }
    if forgotten.subscriptions > 0 {
        lines.push(
            Text::new("forget-done-subscriptions").count("count", i64::try_from(forgotten.subscriptions).unwrap_or(0)),
        );
    }
    lines.push(Text::new("forget-checkins-stay"));
    lines.push(Text::new("forget-afresh"));
    Reply::default().paragraph(lines)
}
