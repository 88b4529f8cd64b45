//! `/desk`: a one-time link that signs an operator or a coordinator in to the
//! operator desk (the web pages); anyone else is told it is not for them.

use super::effect::DeskLink;
use crate::conversation::reply::Reply;
use crate::i18n::Text;

/// Words what `/desk` got.
pub fn after(link: &DeskLink) -> Reply {
    match link {
        DeskLink::Link(url) => Reply::default()
            .line(Text::new("operator-desk-link").plain("url", url.clone()))
            .line(Text::new("operator-desk-link-once")),
        DeskLink::NotAllowed => Reply::default().line(Text::new("operator-desk-not-allowed")),
        DeskLink::Off => Reply::default().line(Text::new("operator-desk-off")),
    }
}
