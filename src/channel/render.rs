//! Rendering shared by the channels: which replies go as one message, and a
//! reply's paragraphs as plain text.

use std::borrow::Cow;

use crate::conversation::{Document, Reply};
use crate::domain::Language;
use crate::i18n::Catalog;

/// The replies as the platform's messages go out: a reply that leads the
/// next ([`Reply::leads`]: a new person's welcome) goes in the same message,
/// its paragraphs first, when the next is text alone; otherwise on its own,
/// before it.
pub fn joined(replies: &[Reply]) -> Vec<Cow<'_, Reply>> {
    let mut messages = Vec::with_capacity(replies.len());
    let mut lead: Option<&Reply> = None;
    for reply in replies {
        if let Some(first) = lead.take() {
            if reply.is_text_only() {
                let mut both = reply.clone();
                both.paragraphs.splice(0..0, first.paragraphs.iter().cloned());
                both.phones.extend(first.phones.iter().cloned());
                messages.push(Cow::Owned(both));
                continue;
            }
            messages.push(Cow::Borrowed(first));
        }
        if reply.leads {
            lead = Some(reply);
        } else {
            messages.push(Cow::Borrowed(reply));
        }
    }
    messages.extend(lead.map(Cow::Borrowed));
    messages
}

/// Lines joined with newlines, paragraphs with a blank line.
pub fn plain_text(catalog: &Catalog, language: Language, reply: &Reply) -> String {
    reply
        .paragraphs
        .iter()
        .map(|lines| lines.iter().map(|text| catalog.render(language, text)).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A document as CSV in the reader's language, formula-safe (see
/// [`crate::csv_table::write_document`]).
pub fn csv(catalog: &Catalog, language: Language, document: &Document) -> Vec<u8> {
    crate::csv_table::write_document(catalog, language, document)
}

/// Splits a text into pieces of at most `limit` units (as `units` counts a
/// character: UTF-16 code units for Telegram, characters for Viber), at line
/// breaks where possible and between characters inside an overlong line.
pub fn split(text: &str, limit: usize, units: fn(char) -> usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    // Kept as lines are added: measuring `current` again for every line made
    // long texts quadratic.
    let mut current_units = 0;
    for line in text.split('\n') {
        let line_units: usize = line.chars().map(units).sum();
        let separator = usize::from(!current.is_empty());
        if current_units + separator + line_units <= limit {
            if separator == 1 {
                current.push('\n');
            }
            current.push_str(line);
            current_units += separator + line_units;
            continue;
        }
        if !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
            current_units = 0;
        }
        for c in line.chars() {
            if current_units + units(c) > limit {
                chunks.push(std::mem::take(&mut current));
                current_units = 0;
            }
            current.push(c);
            current_units += units(c);
        }
    }
    chunks.push(current);
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Action, Venue};
    use crate::domain::Coordinates;
    use crate::i18n::Text;

    fn welcome() -> Reply {
        Reply { leads: true, ..Reply::default() }.line(Text::new("welcome-greeting")).line(Text::new("welcome-privacy"))
    }

    #[test]
    fn the_welcome_leads_a_text_answer_in_one_message_with_the_answers_buttons() {
        let answer = Reply { ask_location: true, ..Reply::default() }
            .line(Text::new("find-ask-place"))
            .button(Text::new("menu-help-now"), Action::HelpNow);
        let replies = [welcome(), answer.clone()];
        let messages = joined(&replies);
        assert_eq!(messages.len(), 1);
        let ids: Vec<&str> = messages[0].paragraphs.iter().flatten().map(|t| t.id).collect();
        assert_eq!(ids, ["welcome-greeting", "welcome-privacy", "find-ask-place"]);
        assert_eq!(messages[0].buttons, answer.buttons);
        assert!(messages[0].ask_location);
    }

    #[test]
    fn the_welcome_stays_a_message_of_its_own_before_a_pin_or_after_a_crisis_answer() {
        let pin = Reply {
            venue: Some(Venue {
                location: Coordinates::parse(50.5, 30.8).expect("valid"),
                title: "Центр".into(),
                address: String::new(),
            }),
            ..Reply::default()
        };
        let replies = [welcome(), pin];
        let messages = joined(&replies);
        assert_eq!(messages.len(), 2);
        assert!(messages[0].leads && messages[1].venue.is_some(), "in order: {messages:?}");
        // Words of distress: the crisis lines first; the welcome after does not lead.
        let crisis = Reply::default().line(Text::new("help-intro"));
        let after = Reply { leads: false, ..welcome() };
        let replies = [crisis.clone(), after.clone()];
        assert_eq!(joined(&replies).iter().map(|r| r.as_ref().clone()).collect::<Vec<_>>(), vec![crisis, after]);
        // A lead with nothing after it is sent as it is.
        assert_eq!(joined(&[welcome()]).len(), 1);
    }
}
