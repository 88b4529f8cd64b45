//! What a channel hands the core: who sent an update ([`User`]) and the
//! update itself in a channel-agnostic shape ([`Incoming`]).

use crate::domain::{ChannelKind, Person};

/// Who sent an update, as the channel knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub channel: ChannelKind,
    /// The platform's id for the person (Telegram chat id, Viber user id…).
    pub id: String,
    /// The language code the platform reports, used only for new users.
    pub platform_language: Option<String>,
}

impl User {
    /// The person who sent it: the identity everything about them is kept under.
    pub fn person(&self) -> Person {
        Person { channel: self.channel, external_id: self.id.clone() }
    }
}

/// An update from a person, turned into the channel-agnostic shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// `/start`, possibly with a deep-link payload (`centre-<id>`).
    Start {
        payload: Option<String>,
    },
    Command(Command),
    Text(String),
    /// A shared location, not yet validated.
    Location {
        lat: f64,
        lon: f64,
    },
    /// Button data exactly as the platform delivered it: never trusted.
    Button(String),
    /// A shared contact card. The bot needs no phone number to find a centre
    /// and keeps none: the number is not even carried here.
    Contact,
    /// A sticker, photo, voice message…: something the bot cannot read.
    Unsupported,
}

/// The commands every channel offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Help,
    Menu,
    Language,
    Privacy,
    /// Coordinators' screens (answered with a polite refusal to others).
    Coordinate,
    /// Stop every centre's updates.
    Stop,
    /// Delete everything the bot knows about the person.
    Forget,
    /// The wellbeing check-in.
    Checkin,
    /// Coordinators: anonymous check-in statistics.
    Stats,
    /// Operators and coordinators: a one-time sign-in link to the desk.
    Desk,
}

impl Incoming {
    /// Reads a typed message: a `/command` (with an optional `@botname`, as
    /// Telegram sends in groups) or plain text.
    pub fn from_text(text: &str) -> Self {
        let trimmed = text.trim();
        let Some(command_line) = trimmed.strip_prefix('/') else {
            return Incoming::Text(text.to_owned());
        };
        let (command, rest) = command_line.split_once(char::is_whitespace).unwrap_or((command_line, ""));
        let command = command.split('@').next().unwrap_or_default().to_ascii_lowercase();
        let rest = rest.trim();
        match command.as_str() {
            "start" => Incoming::Start { payload: (!rest.is_empty()).then(|| rest.to_owned()) },
            "help" => Incoming::Command(Command::Help),
            "menu" => Incoming::Command(Command::Menu),
            "language" | "lang" => Incoming::Command(Command::Language),
            "privacy" => Incoming::Command(Command::Privacy),
            "coordinate" | "coordinator" => Incoming::Command(Command::Coordinate),
            "stop" | "unsubscribe" => Incoming::Command(Command::Stop),
            "forget" | "forgetme" | "delete" => Incoming::Command(Command::Forget),
            "checkin" | "wellbeing" => Incoming::Command(Command::Checkin),
            "stats" => Incoming::Command(Command::Stats),
            "desk" => Incoming::Command(Command::Desk),
            _ => Incoming::Text(text.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_recognised_with_payloads_and_bot_names() {
        assert_eq!(Incoming::from_text("/start"), Incoming::Start { payload: None });
        assert_eq!(Incoming::from_text("/start centre-x"), Incoming::Start { payload: Some("centre-x".into()) });
        assert_eq!(Incoming::from_text("/help@resilience_bot"), Incoming::Command(Command::Help));
        assert_eq!(Incoming::from_text(" /LANGUAGE "), Incoming::Command(Command::Language));
        assert_eq!(Incoming::from_text("/privacy"), Incoming::Command(Command::Privacy));
        assert_eq!(Incoming::from_text("/unknown"), Incoming::Text("/unknown".into()));
        assert_eq!(Incoming::from_text("Бровари"), Incoming::Text("Бровари".into()));
        assert_eq!(Incoming::from_text("/"), Incoming::Text("/".into()));
    }
}
