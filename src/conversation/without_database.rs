//! What the bot can say without the database: during an outage, the nearest
//! centres (a shared location, a place, a centre's card or its pin from a
//! button) and the crisis lines come from memory, and everything else gets a polite
//! "try again in a minute" while the platform keeps the update for later.
//! Typed text is not answered from memory (it may be an answer the stored
//! state is waiting for: a name, a message to subscribers, which must be
//! applied, not read as a search), except words of distress, which get the
//! crisis lines in any state.
//! Also the notice for someone sending too much too fast, which must not
//! cost a query either.

use super::action::Action;
use super::flow;
use super::reply::Reply;
use super::{Conversation, Incoming, Outgoing, State, User};
use crate::domain::Language;
use crate::i18n::Text;

impl Conversation {
    /// The answer to an update that means the same in any state and needs
    /// nothing but the directory and the hotlines, as to a person with no
    /// stored state; `None` when it needs the database. Nothing is stored.
    pub fn answer_from_memory(&self, user: &User, incoming: &Incoming) -> Option<Outgoing> {
        let directory = self.directory.current();
        let ctx = self.notice_context(&directory, platform_language(user), user.channel);
        // Words of distress get the crisis lines even when nothing can be
        // stored: they need nothing but the hotlines.
        if let Incoming::Text(text) = incoming
            && self.distress.is_distress(text)
        {
            let step = flow::step(&ctx, State::Idle, incoming.clone());
            return Some(Outgoing { language: step.language, replies: step.replies });
        }
        let input = flow::Input::from(incoming.clone());
        let answerable = matches!(input.incoming(), Incoming::Location { .. })
            || matches!(
                input.action(),
                Some(Action::Centre(_) | Action::Pin(_) | Action::Place(_) | Action::HelpNow | Action::Find)
            );
        if !answerable {
            return None;
        }
        let step = flow::step(&ctx, State::Idle, input);
        Some(Outgoing { language: step.language, replies: step.replies })
    }

    /// "Something is down on our side; try again in a minute", with the way
    /// to the crisis lines, which still work.
    pub fn unavailable_notice(&self, user: &User) -> Outgoing {
        let reply =
            Reply::default().line(Text::new("outage-try-again")).button(Text::new("menu-help-now"), Action::HelpNow);
        Outgoing { language: platform_language(user), replies: vec![reply] }
    }

    /// Told once to someone sending messages faster than anyone reads.
    pub fn flood_notice(&self, user: &User) -> Outgoing {
        let reply = Reply::default().line(Text::new("flood-slow-down"));
        Outgoing { language: platform_language(user), replies: vec![reply] }
    }
}

/// The person's stored language is in the database; their app's is not.
fn platform_language(user: &User) -> Language {
    Language::from_platform_code(user.platform_language.as_deref())
}
