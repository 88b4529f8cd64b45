//! Residents' updates from a centre: subscribing from its card, stopping
//! (one centre, or all with `/stop`).

use super::Context;
use super::effect::{Effect, Outcome};
use super::view::{centre_name, help_now_button, menu_button};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::i18n::Text;

/// The answer once a subscription changed.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    let reply = match (effect, outcome) {
        (Effect::Subscribe { centre }, Outcome::Subscribed(newly)) => {
            let id = if *newly { "subscribe-done" } else { "subscribe-already" };
            Reply::default()
                .line(Text::new(id).plain("centre", centre_name(ctx, centre.as_str())))
                .button(Text::new("subscribe-stop"), Action::Unsubscribe(centre.clone()))
        }
        (Effect::Unsubscribe { centre }, Outcome::Unsubscribed(_)) => Reply::default()
            .line(Text::new("unsubscribe-done").plain("centre", centre_name(ctx, centre.as_str())))
            .button(Text::new("card-subscribe"), Action::Subscribe(centre.clone())),
        (_, Outcome::UnsubscribedAll(count)) => {
            Reply::default().line(Text::new("unsubscribe-all").count("count", *count as i64))
        }
        _ => Reply::default().line(Text::new("error-stale-button")),
    };
    reply.buttons([help_now_button(), menu_button()])
}
