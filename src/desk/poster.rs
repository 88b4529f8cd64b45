//! A centre's poster: a print-ready A4 page in Ukrainian (for the centre's
//! door and the hromada's notice boards) with its name, address, phones,
//! hours worded as the bot's card words them (`wording::week_line` and the
//! bot's `main.ftl`), and QR codes that open the bot on the centre's card:
//! Telegram's deep link and Viber's `context`, both with the `centre-<id>`
//! payload the bot's `/start` understands.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::centres::failed;
use super::page::{self, Chrome, Tr};
use super::qr::{LinkCode, link_code};
use super::session::Signed;
use super::state::DeskState;
use crate::directory::Hours;
use crate::domain::bot_link::centre_payload;
use crate::domain::{Centre, CentreId, Language};
use crate::i18n::Text;

/// Pixels a poster's QR code is drawn at, at least (about 6 cm printed).
const QR_SIZE: u32 = 260;

#[derive(Template)]
#[template(path = "desk/poster.html")]
struct PosterPage {
    /// In Ukrainian, whatever the desk's language: the poster is for the door.
    tr: Tr,
    centre: Centre,
    phones: String,
    /// The week's lines, as the bot's card has them; empty when no hours.
    hours: Vec<String>,
    telegram: Option<LinkCode>,
    viber: Option<LinkCode>,
}

/// GET /centres/{id}/poster.
pub async fn show(State(state): State<DeskState>, signed: Signed, Path(id): Path<String>) -> Response {
    if !signed.session.role.reaches(&id) {
        return signed.forbidden();
    }
    let Ok(id) = CentreId::parse(&id) else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    // One row, not the whole table: 100,000 centres would take a second.
    let centre = match state.store.centre(&id).await {
        Ok(centre) => centre,
        Err(error) => return failed(signed.chrome, &error),
    };
    let Some(centre) = centre else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    let Chrome { mut tr, .. } = signed.chrome;
    tr.language = Language::Uk;
    let payload = centre_payload(centre.id.as_str());
    let page = PosterPage {
        tr,
        phones: centre.phones.iter().map(|p| p.display()).collect::<Vec<_>>().join(", "),
        hours: hours(&centre),
        telegram: state.links.telegram(&payload).and_then(|link| link_code(link, QR_SIZE)),
        viber: state.links.viber(&payload).and_then(|link| link_code(link, QR_SIZE)),
        centre,
    };
    page::html(&page)
}

/// This week's hours in the bot's Ukrainian words, and the schedule's comments.
fn hours(centre: &Centre) -> Vec<String> {
    let (Some(catalog), Some(raw)) = (super::bot_words::catalog(), centre.opening_hours.as_deref()) else {
        return Vec::new();
    };
    let Ok(hours) = Hours::parse(raw) else { return vec![raw.to_owned()] };
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    let render = |text: &Text| catalog.render(Language::Uk, text);
    hours
        .week(today)
        .iter()
        .map(|span| render(&crate::wording::week_line(span)))
        .chain(hours.comments().iter().map(|c| render(&Text::new("hours-comment").plain("comment", c.as_str()))))
        .collect()
}
