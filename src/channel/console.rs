//! The terminal channel (`resilience-bot chat`): one input line is one
//! message; `/loc LAT LON` shares a location; `#N` or a button's exact label
//! presses button N. Replies print as plain text, then buttons as `[N] label`.
//! When stdin is not a terminal there are no prompts, so scripts can drive it.

use std::io::Write;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};

use super::render::{csv, plain_text};
use crate::conversation::{Button, Conversation, Incoming, NoticeSender, Outgoing, Sent, User};
use crate::domain::{ChannelKind, Language};
use crate::i18n::{Arg, Catalog, Text};

/// A terminal session with one user.
pub struct Console<'a> {
    pub conversation: &'a Conversation,
    pub catalog: &'a Catalog,
    pub user: User,
    /// Prompts and an automatic `/start` only for a person at a terminal.
    pub interactive: bool,
}

/// What one input line means before it reaches the core.
#[derive(Debug, Clone, PartialEq)]
enum Line {
    Send(Incoming),
    /// `#N` with no button N on screen: answered locally.
    NoSuchButton,
    Skip,
}

impl Console<'_> {
    /// Runs until end of input.
    pub async fn run(&self, input: impl AsyncBufRead + Unpin, output: &mut impl Write) -> std::io::Result<()> {
        let mut buttons: Vec<Button> = Vec::new();
        let mut language = Language::from_platform_code(self.user.platform_language.as_deref());
        if self.interactive {
            writeln!(output, "{}", self.catalog.render(language, &Text::new("console-intro")))?;
            self.send(Incoming::Start { payload: None }, &mut buttons, &mut language, output).await?;
        }
        let mut lines = input.lines();
        loop {
            if self.interactive {
                write!(output, "> ")?;
                output.flush()?;
            }
            let Some(line) = lines.next_line().await? else { break };
            match self.read(&line, &buttons, language) {
                Line::Send(incoming) => self.send(incoming, &mut buttons, &mut language, output).await?,
                Line::NoSuchButton => {
                    let text = Text::new("console-no-button").with("count", Arg::Count(buttons.len() as i64));
                    writeln!(output, "{}\n", self.catalog.render(language, &text))?;
                }
                Line::Skip => {}
            }
        }
        Ok(())
    }

    fn read(&self, line: &str, buttons: &[Button], language: Language) -> Line {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("/loc") {
            return Line::Send(parse_location(rest));
        }
        if let Some(number) = trimmed.strip_prefix('#') {
            return match number.trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| buttons.get(i))
            {
                Some(button) => Line::Send(Incoming::Button(button.action.encode())),
                // Nothing shown yet in this session (a script's first line):
                // the press goes to the conversation as a stale button, which
                // a new person answers with the welcome, like any first message.
                None if buttons.is_empty() => Line::Send(Incoming::Button(trimmed.to_owned())),
                None => Line::NoSuchButton,
            };
        }
        if trimmed.is_empty() && !self.interactive {
            return Line::Skip;
        }
        let pressed = buttons.iter().find(|b| self.catalog.render_label(language, &b.label).trim() == trimmed);
        match pressed {
            Some(button) => Line::Send(Incoming::Button(button.action.encode())),
            None => Line::Send(Incoming::from_text(line)),
        }
    }

    async fn send(
        &self,
        incoming: Incoming,
        buttons: &mut Vec<Button>,
        language: &mut Language,
        output: &mut impl Write,
    ) -> std::io::Result<()> {
        match self.conversation.handle(&self.user, incoming).await {
            Ok(outgoing) => {
                *language = outgoing.language;
                *buttons = self.print(&outgoing, output)?;
            }
            Err(error) => {
                tracing::error!(%error, "cannot apply a message");
                writeln!(output, "{}\n", self.catalog.render(*language, &Text::new("error-try-again")))?;
            }
        }
        // Notices for this person (a seat freed up, a reminder…) show after
        // the answer; their buttons replace the answer's.
        for notice in self.notices().await {
            *buttons = self.print(&notice, output)?;
        }
        Ok(())
    }

    /// Reminders due now and notices queued for this person, marked sent.
    async fn notices(&self) -> Vec<Outgoing> {
        let printer = Collect(Mutex::new(Vec::new()));
        let person = self.user.person();
        if let Err(error) = self.conversation.schedule_reminders().await {
            tracing::warn!(%error, "cannot schedule reminders");
        }
        if let Err(error) = self.conversation.deliver_notices(&[&printer], Some(&person)).await {
            tracing::warn!(%error, "cannot read notices");
        }
        printer.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    /// Prints every reply; returns the buttons of the last one, which stay pressable.
    fn print(&self, outgoing: &Outgoing, output: &mut impl Write) -> std::io::Result<Vec<Button>> {
        let language = outgoing.language;
        let mut buttons = Vec::new();
        for reply in &outgoing.replies {
            if !reply.paragraphs.is_empty() || reply.venue.is_none() {
                writeln!(output, "{}", plain_text(self.catalog, language, reply))?;
            }
            if let Some(venue) = &reply.venue {
                let pin = Text::new("console-venue")
                    .plain("title", venue.title.as_str())
                    .with("lat", Arg::Decimal { value: venue.location.lat(), digits: 5 })
                    .with("lon", Arg::Decimal { value: venue.location.lon(), digits: 5 });
                writeln!(output, "{}", self.catalog.render(language, &pin))?;
            }
            if let Some(document) = &reply.document {
                writeln!(output, "{}", self.catalog.render(language, &document.caption))?;
                writeln!(output, "📄 {}:", document.file_name)?;
                output.write_all(&csv(self.catalog, language, document))?;
            }
            if reply.ask_location {
                writeln!(output, "{}", self.catalog.render(language, &Text::new("console-location-hint")))?;
            }
            for (i, button) in reply.buttons.iter().enumerate() {
                writeln!(output, "[{}] {}", i + 1, self.catalog.render_label(language, &button.label))?;
            }
            writeln!(output)?;
            buttons = reply.buttons.clone();
        }
        Ok(buttons)
    }
}

/// Notices for the terminal user, kept to print after the answer.
struct Collect(Mutex<Vec<Outgoing>>);

impl NoticeSender for Collect {
    fn channel(&self) -> ChannelKind {
        ChannelKind::Console
    }

    fn send<'a>(&'a self, _to: &'a str, outgoing: Outgoing) -> Pin<Box<dyn Future<Output = Sent> + Send + 'a>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push(outgoing);
        Box::pin(std::future::ready(Sent::Yes))
    }
}

/// `/loc 50.45 30.52` (or with decimal commas, `/loc 50,45 30,52`). Anything
/// unreadable becomes NaN, which the core answers with "invalid location".
fn parse_location(rest: &str) -> Incoming {
    let numbers: Vec<f64> = rest
        .split_whitespace()
        .map(|n| n.trim_end_matches(',').replace(',', ".").parse().unwrap_or(f64::NAN))
        .collect();
    match numbers[..] {
        [lat, lon] => Incoming::Location { lat, lon },
        _ => Incoming::Location { lat: f64::NAN, lon: f64::NAN },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_with_points_or_decimal_commas() {
        assert_eq!(parse_location(" 50.45 30.52"), Incoming::Location { lat: 50.45, lon: 30.52 });
        assert_eq!(parse_location(" 50,45 30,52"), Incoming::Location { lat: 50.45, lon: 30.52 });
        assert_eq!(parse_location(" 50.45, 30.52"), Incoming::Location { lat: 50.45, lon: 30.52 });
    }

    #[test]
    fn unreadable_locations_become_nan_for_the_core_to_refuse() {
        for rest in ["", " 50.45", " north east", " 1 2 3"] {
            let Incoming::Location { lat, .. } = parse_location(rest) else { panic!("not a location") };
            assert!(lat.is_nan(), "{rest:?}");
        }
    }
}
