//! "I need help now": crisis lines first, then the way to the nearest centre.

use super::view::{hotline, last_search, menu_button};
use super::{Context, card};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::conversation::state::State;
use crate::i18n::{Arg, Text};

pub fn screen(ctx: &Context<'_>, state: &State) -> Reply {
    let lines = ctx.hotlines.lines.iter().map(|line| hotline(ctx, line)).collect();
    let phones = ctx.hotlines.lines.iter().flat_map(|line| line.numbers.iter().cloned()).collect();
    let mut reply = Reply { phones, ..Reply::default() }
        .line(Text::new("help-intro"))
        .paragraph(lines)
        .line(Text::new("help-checked").with("date", Arg::Date(ctx.hotlines.last_checked)));
    // When the person has just searched, the nearest centre is already known.
    let nearest = last_search(ctx, state, 0, 1).and_then(|near| near.into_iter().next());
    match nearest {
        Some(near) => {
            reply = reply.line(Text::new("help-nearest-known")).paragraph(card::summary(ctx, 1, &near));
            reply = reply.button(card::open_button(ctx, 1, near.centre), Action::Centre(near.centre.id.clone()));
        }
        None => {
            // A shared location answers at once with the nearest centre.
            reply.ask_location = true;
            reply = reply.line(Text::new("help-find-nearest")).button(Text::new("menu-find"), Action::Find);
        }
    }
    reply.buttons([menu_button()])
}
