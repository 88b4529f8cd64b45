//! One group in the desk: changing its seats, cancelling it (after saying
//! what that means for the people in it), and its sign-up list with names
//! and phones, on a page or as the bot's CSV file. Each runs the bot's own
//! store function with `Via::Desk` (operators too, an audit row in the same
//! transaction) and answers with the bot's notice: seats below the people
//! already confirmed are refused exactly as the bot refuses them.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::bot_words;
use super::centres::failed;
use super::groups::{Outcome, render};
use super::page::{self, Chrome};
use super::scope::{cohort_at, reach, reach_posted};
use super::session::Signed;
use super::state::DeskState;
use crate::cohort::draft::{CAPACITY, Field, error_text, read_number};
use crate::cohort::signups::signup_sheet;
use crate::csv_table::CsvCell;
use crate::i18n::Text;
use crate::store::{CapacityChange, GroupCancellation, Via};
use crate::wording::broadcast::{programme_title, start_date};

/// A form that only carries its CSRF token.
#[derive(serde::Deserialize)]
pub struct Plain {
    #[serde(default)]
    csrf: String,
}

/// The seats form.
#[derive(serde::Deserialize)]
pub struct Seats {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    capacity: String,
}

#[derive(Template)]
#[template(path = "desk/group_cancel.html")]
struct CancelPage {
    chrome: Chrome,
    centre: String,
    cohort: String,
    /// The bot's question, with how many people will be told.
    question: String,
}

#[derive(Template)]
#[template(path = "desk/signups.html")]
struct SignupsPage {
    chrome: Chrome,
    centre: String,
    cohort: String,
    caption: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// POST /centres/{id}/groups/{cohort}/seats.
pub async fn seats(
    State(state): State<DeskState>,
    signed: Signed,
    Path((id, cohort)): Path<(String, String)>,
    Form(form): Form<Seats>,
) -> Response {
    let centre = match reach_posted(&state, &signed, &form.csrf, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    if let Err(refused) = cohort_at(&state, &signed, &centre, &cohort).await {
        return refused;
    }
    let language = signed.chrome.tr.language;
    let capacity = match read_number(&form.capacity, CAPACITY) {
        Ok(capacity) => i32::try_from(capacity).unwrap_or(i32::MAX),
        Err(error) => {
            let text = bot_words::render(language, &error_text(error, Field::Capacity));
            return render(&state, signed, &centre, Outcome::refused(StatusCode::UNPROCESSABLE_ENTITY, text)).await;
        }
    };
    let person = signed.session.person.clone();
    let outcome = match state.store.set_capacity_via(&person, &cohort, capacity, Via::Desk).await {
        Ok((CapacityChange::Changed { promoted_count }, _)) => {
            let text = Text::new("coord-capacity-done")
                .count("capacity", i64::from(capacity))
                .count("promoted", promoted_count as i64);
            Outcome::notice(bot_words::render(language, &text))
        }
        Ok((CapacityChange::BelowConfirmed { confirmed }, _)) => {
            let text = Text::new("coord-capacity-below").count("confirmed", confirmed);
            Outcome::refused(StatusCode::UNPROCESSABLE_ENTITY, bot_words::render(language, &text))
        }
        Ok((CapacityChange::NotFound, _)) => return gone(signed),
        Err(error) => return failed(signed.chrome, &error),
    };
    render(&state, signed, &centre, outcome).await
}

/// A group that was cancelled meanwhile (or is not the person's any more).
fn gone(signed: Signed) -> Response {
    page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found")
}

/// GET /centres/{id}/groups/{cohort}/cancel: the bot's question first.
pub async fn confirm_cancel(
    State(state): State<DeskState>,
    signed: Signed,
    Path((id, cohort)): Path<(String, String)>,
) -> Response {
    let centre = match reach(&state, &signed, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    let group = match cohort_at(&state, &signed, &centre, &cohort).await {
        Ok(group) => group,
        Err(refused) => return refused,
    };
    let language = signed.chrome.tr.language;
    let question = Text::new("coord-cancel-confirm")
        .plain("programme", programme_title(&group, language))
        .with("date", start_date(&group))
        .count("people", group.confirmed + group.waiting);
    let page = CancelPage {
        question: bot_words::render(language, &question),
        chrome: signed.chrome,
        centre: id,
        cohort: group.id,
    };
    page::html(&page)
}

/// POST /centres/{id}/groups/{cohort}/cancel: everyone in it or waiting is told.
pub async fn cancel(
    State(state): State<DeskState>,
    signed: Signed,
    Path((id, cohort)): Path<(String, String)>,
    Form(form): Form<Plain>,
) -> Response {
    let centre = match reach_posted(&state, &signed, &form.csrf, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    if let Err(refused) = cohort_at(&state, &signed, &centre, &cohort).await {
        return refused;
    }
    let person = signed.session.person.clone();
    match state.store.cancel_cohort_via(&person, &cohort, Via::Desk).await {
        Ok(GroupCancellation::Cancelled { told }) => {
            let text = Text::new("coord-cancelled").count("told", told as i64);
            let notice = bot_words::render(signed.chrome.tr.language, &text);
            render(&state, signed, &centre, Outcome::notice(notice)).await
        }
        Ok(GroupCancellation::NotFound) => gone(signed),
        Err(error) => failed(signed.chrome, &error),
    }
}

/// GET /centres/{id}/groups/{cohort}/signups: names and phones, audited.
pub async fn signups(
    State(state): State<DeskState>,
    signed: Signed,
    Path((id, cohort)): Path<(String, String)>,
) -> Response {
    let (group, entries) = match read_list(&state, &signed, &id, &cohort, "view-signups").await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let language = signed.chrome.tr.language;
    let sheet = signup_sheet(&group, &entries, language);
    let cell = |cell: &CsvCell| match cell {
        CsvCell::Plain(value) => value.clone(),
        CsvCell::Text(text) => bot_words::render(language, text),
    };
    let page = SignupsPage {
        caption: bot_words::render(language, &sheet.caption),
        header: sheet.header.iter().map(|text| bot_words::render(language, text)).collect(),
        rows: sheet.rows.iter().map(|row| row.iter().map(cell).collect()).collect(),
        chrome: signed.chrome,
        centre: id,
        cohort: group.id,
    };
    page::html(&page)
}

/// GET /centres/{id}/groups/{cohort}/signups.csv: the bot's CSV, audited.
pub async fn signups_csv(
    State(state): State<DeskState>,
    signed: Signed,
    Path((id, cohort)): Path<(String, String)>,
) -> Response {
    let (group, entries) = match read_list(&state, &signed, &id, &cohort, "download-signups").await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let language = signed.chrome.tr.language;
    let sheet = signup_sheet(&group, &entries, language);
    let disposition = format!("attachment; filename=\"{}\"", sheet.file_name);
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
        ),
    ];
    (headers, bot_words::csv(language, &sheet)).into_response()
}

/// A group's sign-ups, read (and the reading audited) for a person the
/// database says may read them.
async fn read_list(
    state: &DeskState,
    signed: &Signed,
    id: &str,
    cohort: &str,
    action: &str,
) -> Result<(crate::store::CohortView, Vec<crate::store::SignupEntry>), Response> {
    let centre = reach(state, signed, id).await?;
    let group = cohort_at(state, signed, &centre, cohort).await?;
    match state.store.signup_list_at_desk(&signed.session.person, cohort, action).await {
        Ok(Some(entries)) => Ok((group, entries)),
        Ok(None) => Err(signed.forbidden()),
        Err(error) => Err(failed(signed.chrome.clone(), &error)),
    }
}
