//! Messages to a centre's subscribers in the desk (`/centres/{id}/messages`):
//! write one or take the week's schedule, preview it as subscribers will
//! read it in each language with how many will get it, send it now or at a
//! Kyiv time, cancel one not sent yet, and follow each one's delivery. The
//! words are the broadcast worker's own (`wording::broadcast`), the message
//! is queued by `Store::announce` as the bot's coordinator screens queue
//! theirs, and the bot's worker delivers it: the same durable queue, so the
//! same guarantee (each subscriber once). The page refreshes itself while a
//! message is going out; no JavaScript.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDateTime;
use chrono_tz::Europe::Kyiv;

use super::bot_words;
use super::centres::failed;
use super::page::{self, Chrome};
use super::scope::{kyiv_now, name_in, reach, reach_posted};
use super::session::Signed;
use super::state::DeskState;
use crate::cohort::draft::{Field, error_text, read_first};
use crate::domain::{Centre, Language};
use crate::i18n::Text;
use crate::store::{Announced, BroadcastBody, BroadcastSummary, Via};
use crate::wording::broadcast::{MAX_MESSAGE_CHARS, buttons, clean_message, paragraphs};
use crate::wording::with_date_time;

#[derive(Template)]
#[template(path = "desk/messages.html")]
struct MessagesPage {
    chrome: Chrome,
    centre: String,
    name: String,
    /// Subscribers the bot can write to, all languages.
    recipients: i64,
    /// (language's code, subscribers reading it).
    by_language: Vec<(&'static str, i64)>,
    messages: Vec<MessageRow>,
    /// Whether one is going out now: the page then refreshes itself.
    sending: bool,
    /// The preview, one per language, when asked for.
    previews: Vec<Preview>,
    /// The bot's "N subscribers will get it now / at …" under a preview.
    when: String,
    error: String,
    form: Compose,
    example: String,
}

/// A message as subscribers reading one language see it.
struct Preview {
    language: &'static str,
    recipients: i64,
    /// Paragraphs of lines.
    paragraphs: Vec<Vec<String>>,
    /// The labels of the buttons under it.
    buttons: Vec<String>,
}

/// One message in the list.
struct MessageRow {
    id: i64,
    schedule: bool,
    /// Kyiv time.
    at: String,
    /// The status's words in `desk.ftl`.
    status: &'static str,
    /// Whether it can still be cancelled.
    scheduled: bool,
    sent: i64,
    blocked: i64,
    failed: i64,
    pending: i64,
}

/// The compose form: a message or the week's schedule, now or at a time.
#[derive(serde::Deserialize, Default, Clone)]
pub struct Compose {
    #[serde(default)]
    csrf: String,
    /// `message` or `schedule`.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub text: String,
    /// Kyiv local time as the bot reads it ("05.12.2026 09:00"); empty: now.
    #[serde(default)]
    pub at: String,
}

/// The form with its CSRF token only.
#[derive(serde::Deserialize)]
pub struct Plain {
    #[serde(default)]
    csrf: String,
}

/// GET /centres/{id}/messages.
pub async fn list(State(state): State<DeskState>, signed: Signed, Path(id): Path<String>) -> Response {
    let centre = match reach(&state, &signed, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    let form = Compose { kind: "message".to_owned(), ..Compose::default() };
    render(&state, signed, &centre, Shown { form, ..Shown::default() }).await
}

/// What the page shows besides the list.
#[derive(Default)]
struct Shown {
    status: Option<StatusCode>,
    error: String,
    form: Compose,
    /// The message to preview, and when it would go.
    preview: Option<(BroadcastBody, Option<NaiveDateTime>)>,
}

/// The form read with the bot's rules: the text as the bot cleans it, the
/// time as the bot reads it; the refusal in the bot's words.
fn read(form: &Compose, language: Language) -> Result<(BroadcastBody, Option<NaiveDateTime>), String> {
    let body = match form.kind.as_str() {
        "schedule" => BroadcastBody::Schedule,
        _ => match clean_message(&form.text) {
            Some(text) => BroadcastBody::Message(text),
            None => {
                let text = Text::new("broadcast-bad-length").count("max", MAX_MESSAGE_CHARS as i64);
                return Err(bot_words::render(language, &text));
            }
        },
    };
    let at = match form.at.trim() {
        "" => None,
        typed => {
            Some(read_first(typed, kyiv_now()).map_err(|e| bot_words::render(language, &error_text(e, Field::First)))?)
        }
    };
    Ok((body, at))
}

/// POST /centres/{id}/messages/preview: nothing is sent.
pub async fn preview(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<Compose>,
) -> Response {
    let centre = match reach_posted(&state, &signed, &form.csrf, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    let shown = match read(&form, signed.chrome.tr.language) {
        Ok(read) => Shown { preview: Some(read), form, ..Shown::default() },
        Err(error) => Shown { status: Some(StatusCode::UNPROCESSABLE_ENTITY), error, form, preview: None },
    };
    render(&state, signed, &centre, shown).await
}

/// POST /centres/{id}/messages: queues the message for the bot's worker.
pub async fn send(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<Compose>,
) -> Response {
    let centre = match reach_posted(&state, &signed, &form.csrf, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    let language = signed.chrome.tr.language;
    let (body, at) = match read(&form, language) {
        Ok(read) => read,
        Err(error) => {
            let shown = Shown { status: Some(StatusCode::UNPROCESSABLE_ENTITY), error, form, preview: None };
            return render(&state, signed, &centre, shown).await;
        }
    };
    let person = signed.session.person.clone();
    match state.store.announce(&person, centre.id.as_str(), &body, at, chrono::Utc::now(), Via::Desk).await {
        Ok(Announced::Queued(_)) => Redirect::to(&format!("/centres/{id}/messages")).into_response(),
        Ok(Announced::NotAllowed) => signed.forbidden(),
        Ok(Announced::TooLate) => {
            let error = bot_words::render(language, &Text::new("broadcast-too-late"));
            let shown = Shown { status: Some(StatusCode::UNPROCESSABLE_ENTITY), error, form, preview: None };
            render(&state, signed, &centre, shown).await
        }
        Err(error) => failed(signed.chrome, &error),
    }
}

/// POST /centres/{id}/messages/{message}/cancel: only one not started.
pub async fn cancel(
    State(state): State<DeskState>,
    signed: Signed,
    Path((id, message)): Path<(String, i64)>,
    Form(form): Form<Plain>,
) -> Response {
    let centre = match reach_posted(&state, &signed, &form.csrf, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    // A message is cancelled only under its own centre's address: an
    // operator may cancel any, but the page they came from must be its.
    match state.store.broadcast_centre(message).await {
        Ok(Some(of)) if of == id => {}
        Ok(_) => return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found"),
        Err(error) => return failed(signed.chrome, &error),
    }
    let person = signed.session.person.clone();
    match state.store.cancel_broadcast_via(&person, message, Via::Desk).await {
        Ok(true) => Redirect::to(&format!("/centres/{id}/messages")).into_response(),
        Ok(false) => {
            let error = bot_words::render(signed.chrome.tr.language, &Text::new("broadcast-not-cancelled"));
            let form = Compose { kind: "message".to_owned(), ..Compose::default() };
            render(&state, signed, &centre, Shown { status: Some(StatusCode::CONFLICT), error, form, preview: None })
                .await
        }
        Err(error) => failed(signed.chrome, &error),
    }
}

async fn render(state: &DeskState, signed: Signed, centre: &Centre, shown: Shown) -> Response {
    let id = centre.id.as_str().to_owned();
    let loaded = async {
        let by_language = state.store.subscribers_by_language(&id).await?;
        let messages = state.store.broadcasts(&id).await?;
        let cohorts = state.store.running_cohorts(std::slice::from_ref(&id), chrono::Utc::now()).await?;
        Ok::<_, crate::store::StoreError>((by_language, messages, cohorts))
    };
    let (by_language, messages, cohorts) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return failed(signed.chrome, &error),
    };
    let language = signed.chrome.tr.language;
    let recipients = by_language.iter().map(|(_, n)| n).sum();
    let now = kyiv_now();
    let (previews, when) = match &shown.preview {
        Some((body, at)) => {
            let previews = by_language
                .iter()
                .map(|(reader, count)| Preview {
                    language: reader.code(),
                    recipients: *count,
                    paragraphs: paragraphs(&name_in(centre, *reader), body, &cohorts, None, now, *reader)
                        .iter()
                        .map(|lines| lines.iter().map(|text| bot_words::render(*reader, text)).collect())
                        .collect(),
                    buttons: buttons(body).into_iter().map(|b| bot_words::render(*reader, &b.label())).collect(),
                })
                .collect();
            let when = match at {
                Some(at) => with_date_time(Text::new("broadcast-preview-at"), *at).count("subscribers", recipients),
                None => Text::new("broadcast-preview-now").count("subscribers", recipients),
            };
            (previews, bot_words::render(language, &when))
        }
        None => (Vec::new(), String::new()),
    };
    // One sent "now" waits a moment for the worker to start it.
    let soon = chrono::Utc::now() + chrono::Duration::minutes(1);
    let sending = messages.iter().any(|m| m.status == "sending" || (m.status == "scheduled" && m.send_at <= soon));
    let tomorrow = now.date() + chrono::Duration::days(1);
    let page = MessagesPage {
        name: name_in(centre, language),
        centre: id,
        chrome: signed.chrome,
        recipients,
        by_language: by_language.iter().map(|(l, n)| (l.code(), *n)).collect(),
        messages: messages.iter().map(row).collect(),
        sending,
        previews,
        when,
        error: shown.error,
        form: shown.form,
        example: format!("{} 09:00", tomorrow.format("%d.%m.%Y")),
    };
    let mut response = page::html(&page);
    if let Some(status) = shown.status {
        *response.status_mut() = status;
    }
    response
}

fn row(message: &BroadcastSummary) -> MessageRow {
    MessageRow {
        id: message.id,
        schedule: message.schedule,
        at: message.send_at.with_timezone(&Kyiv).format("%d.%m.%Y %H:%M").to_string(),
        status: match message.status.as_str() {
            "scheduled" => "desk-messages-status-scheduled",
            "sending" => "desk-messages-status-sending",
            "cancelled" => "desk-messages-status-cancelled",
            _ => "desk-messages-status-done",
        },
        scheduled: message.status == "scheduled",
        sent: message.sent,
        blocked: message.blocked,
        failed: message.failed,
        pending: message.pending,
    }
}
