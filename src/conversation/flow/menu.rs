//! Welcome, main menu, language, help and about screens.

use super::card;
use super::context::{Context, Step};
use super::effect::Effect;
use super::view::{help_now_button, menu_button, menu_buttons};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::conversation::state::State;
use crate::domain::tally::Tally;
use crate::domain::{CentreId, Language};
use crate::i18n::Text;

use crate::domain::bot_link::CENTRE_PAYLOAD;
pub use crate::domain::bot_link::INVITE_PAYLOAD;

/// `/start`: the welcome with a short privacy notice, then the menu, or the
/// centre card a deep link (`centre-<id>`) points to.
pub fn start(ctx: &Context<'_>, state: State, payload: Option<&str>) -> Step {
    let welcome = Reply::default().line(Text::new("welcome-greeting")).line(Text::new("welcome-privacy"));
    // A coordinator invitation: the code goes to the database, never into the state.
    if let Some(code) = payload.and_then(|p| p.strip_prefix(INVITE_PAYLOAD)).filter(|c| is_invite_code(c)) {
        return Step::effect(State::Idle, ctx.language, Effect::RedeemInvite { code: code.to_owned() });
    }
    let linked = payload
        .and_then(|p| p.strip_prefix(CENTRE_PAYLOAD))
        .and_then(|id| CentreId::parse(id).ok())
        .and_then(|id| ctx.directory.get(&id).map(|_| id));
    match linked {
        Some(id) => {
            let card = card::full(ctx, &id, None, false);
            Step { state, language: ctx.language, replies: vec![welcome, card], effect: None, counts: Vec::new() }
                .counting(ctx, Tally::CardOpened)
        }
        None => Step::new(State::Idle, ctx.language, welcome.buttons(menu_buttons(ctx))),
    }
}

/// Invitation codes are 20 lowercase hex digits.
fn is_invite_code(code: &str) -> bool {
    code.len() == 20 && code.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The greeting and the short privacy notice.
pub fn welcome() -> Reply {
    Reply::default().line(Text::new("welcome-greeting")).line(Text::new("welcome-privacy"))
}

pub fn main_menu(ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("menu-title")).buttons(menu_buttons(ctx))
}

pub fn help(ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("help-text")).buttons(menu_buttons(ctx))
}

pub fn language_choice(_ctx: &Context<'_>) -> Reply {
    Reply::default()
        .line(Text::new("language-choose"))
        .button(Text::new("language-uk"), Action::SetLanguage(Language::Uk))
        .button(Text::new("language-en"), Action::SetLanguage(Language::En))
        .buttons([help_now_button(), menu_button()])
}

/// Confirms in the newly chosen language (`ctx.language` is already the new one).
pub fn language_changed(ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("language-changed")).buttons(menu_buttons(ctx))
}

pub fn about(ctx: &Context<'_>) -> Reply {
    Reply::default()
        .line(Text::new("about-what"))
        .line(Text::new("about-privacy"))
        .line(Text::new("about-data").plain("geonames", "GeoNames (geonames.org)"))
        .line(Text::new("about-forget"))
        .buttons(menu_buttons(ctx))
        .button(Text::new("menu-forget"), Action::Forget)
}

pub fn unsupported(ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("error-unsupported")).buttons(menu_buttons(ctx))
}

pub fn contact_not_needed(ctx: &Context<'_>) -> Reply {
    Reply::default().line(Text::new("error-contact-not-needed")).buttons(menu_buttons(ctx))
}
