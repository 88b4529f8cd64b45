//! A message from the bot as data ([`Reply`]): paragraphs of texts,
//! buttons, and what goes with them (a map pin, a file, a chart). Channels
//! render it with their own widgets.

use super::action::Action;
use crate::domain::Coordinates;
use crate::i18n::Text;

/// One message from the bot, as data: channels render it with their widgets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
    /// Paragraphs of lines; channels join lines with a newline and paragraphs
    /// with a blank line.
    pub paragraphs: Vec<Vec<Text>>,
    /// Choices, one per row, in order.
    pub buttons: Vec<Button>,
    /// A map pin to send with the message (Telegram venue, Viber location).
    pub venue: Option<Venue>,
    /// Offer the platform's "share my location" control.
    pub ask_location: bool,
    /// Phone numbers as they appear in the text, so that channels can make
    /// them tappable (Telegram entities, Viber call buttons).
    pub phones: Vec<String>,
    /// A table to send as a CSV file (Telegram document; printed in the terminal).
    pub document: Option<Document>,
    /// A line chart to send as a picture where the platform takes an
    /// uploaded one (Telegram); the text always carries the same figures.
    pub chart: Option<Chart>,
    /// Text that leads the reply after it (a new person's welcome before
    /// their first answer): channels send the two as one message when that
    /// reply is text alone ([`Reply::is_text_only`]), and its buttons only.
    pub leads: bool,
}

/// Weekly values, one line per series; a missing value is a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: Text,
    /// The Mondays of the weeks, oldest first.
    pub weeks: Vec<chrono::NaiveDate>,
    pub series: Vec<Series>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: Text,
    /// One per week; 0–100.
    pub values: Vec<Option<f64>>,
}

pub use crate::csv_table::{CsvCell, Document};

impl Reply {
    pub fn paragraph(mut self, lines: Vec<Text>) -> Self {
        if !lines.is_empty() {
            self.paragraphs.push(lines);
        }
        self
    }

    pub fn line(self, text: Text) -> Self {
        self.paragraph(vec![text])
    }

    pub fn button(mut self, label: Text, action: Action) -> Self {
        self.buttons.push(Button { label, action });
        self
    }

    pub fn buttons(mut self, buttons: impl IntoIterator<Item = Button>) -> Self {
        self.buttons.extend(buttons);
        self
    }

    /// Whether the reply is text with its choices and nothing sent beside
    /// it (no pin, file or chart): more text can lead it in the same message.
    pub fn is_text_only(&self) -> bool {
        !self.paragraphs.is_empty() && self.venue.is_none() && self.document.is_none() && self.chart.is_none()
    }
}

/// A choice offered to the person.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub label: Text,
    pub action: Action,
}

/// A place to pin on a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Venue {
    pub location: Coordinates,
    pub title: String,
    pub address: String,
}
