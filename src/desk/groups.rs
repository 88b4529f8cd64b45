//! A centre's groups in the desk (`/centres/{id}/groups`): each running
//! group with its seats taken and people waiting, and a form to create one.
//! A group is read, created and changed by the same code the bot's
//! coordinator screens run: the answers are read by `cohort::draft` (the
//! bot's rules, its refusals worded in the bot's words), and the group is
//! written by `Store::create_cohort_from_draft` with `Via::Desk`, which
//! allows operators too and writes the audit row in the same transaction.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDateTime;
use chrono_tz::Europe::Kyiv;

use super::bot_words;
use super::centres::failed;
use super::page::{self, Chrome, Tr};
use super::scope::{kyiv_now, name_in, reach, reach_posted};
use super::session::Signed;
use super::state::DeskState;
use crate::cohort::draft::{
    CAPACITY, Draft, DraftError, Field, MINUTES, error_text, read_first, read_number, session_counts, sessions,
};
use crate::domain::{Centre, Language, Programme};
use crate::i18n::Text;
use crate::store::{CohortView, Via};
use crate::wording::broadcast::programme_title;

#[derive(Template)]
#[template(path = "desk/groups.html")]
struct GroupsPage {
    chrome: Chrome,
    centre: String,
    name: String,
    groups: Vec<GroupRow>,
    /// (id, title) of every programme a group can be of.
    programmes: Vec<(String, String)>,
    /// What the last change did, in the bot's words (empty: nothing).
    notice: String,
    /// Why the last change was refused (empty: it was not).
    error: String,
    /// The create form as typed (kept when it was refused).
    form: NewGroup,
    /// "05.12.2026 18:00", tomorrow: how a first session is typed.
    example: String,
}

/// One running group as the list shows it.
pub(super) struct GroupRow {
    pub id: String,
    pub title: String,
    /// The first session, Kyiv time ("05.12.2026 18:00").
    pub starts: String,
    pub sessions: usize,
    pub confirmed: i64,
    pub capacity: i64,
    pub waiting: i64,
}

/// The create form; every field is text, read by the bot's rules.
#[derive(serde::Deserialize, Default, Clone)]
pub struct NewGroup {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub programme: String,
    #[serde(default)]
    pub first: String,
    #[serde(default)]
    pub sessions: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub format: String,
}

/// GET /centres/{id}/groups.
pub async fn list(State(state): State<DeskState>, signed: Signed, Path(id): Path<String>) -> Response {
    let centre = match reach(&state, &signed, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    render(&state, signed, &centre, Outcome::default()).await
}

/// What a change left to say on the page.
#[derive(Default)]
pub(super) struct Outcome {
    pub status: Option<StatusCode>,
    pub notice: String,
    pub error: String,
    pub form: NewGroup,
}

impl Outcome {
    pub(super) fn notice(text: String) -> Self {
        Self { notice: text, ..Self::default() }
    }

    pub(super) fn refused(status: StatusCode, text: String) -> Self {
        Self { status: Some(status), error: text, ..Self::default() }
    }
}

/// The page with an outcome.
pub(super) async fn render(state: &DeskState, signed: Signed, centre: &Centre, outcome: Outcome) -> Response {
    let now = chrono::Utc::now();
    let running = match state.store.running_cohorts(&[centre.id.as_str().to_owned()], now).await {
        Ok(running) => running,
        Err(error) => return failed(signed.chrome, &error),
    };
    let language = signed.chrome.tr.language;
    let groups = running.iter().map(|cohort| row(cohort, language)).collect();
    let programmes = Programme::built_in()
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let title = if language == Language::Uk { p.title_uk } else { p.title_en };
            (p.id, title)
        })
        .collect();
    let tomorrow = kyiv_now().date() + chrono::Duration::days(1);
    let page = GroupsPage {
        name: name_in(centre, language),
        centre: centre.id.as_str().to_owned(),
        chrome: signed.chrome,
        groups,
        programmes,
        notice: outcome.notice,
        error: outcome.error,
        form: outcome.form,
        example: format!("{} 18:00", tomorrow.format("%d.%m.%Y")),
    };
    let mut response = page::html(&page);
    if let Some(status) = outcome.status {
        *response.status_mut() = status;
    }
    response
}

pub(super) fn row(cohort: &CohortView, language: Language) -> GroupRow {
    let starts = cohort.sessions.first().map(|(at, _)| at.with_timezone(&Kyiv).format("%d.%m.%Y %H:%M").to_string());
    GroupRow {
        id: cohort.id.clone(),
        title: programme_title(cohort, language).to_owned(),
        starts: starts.unwrap_or_default(),
        sessions: cohort.sessions.len(),
        confirmed: cohort.confirmed,
        capacity: cohort.capacity,
        waiting: cohort.waiting,
    }
}

/// POST /centres/{id}/groups: creates a group from the form.
pub async fn create(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<NewGroup>,
) -> Response {
    let centre = match reach_posted(&state, &signed, &form.csrf, &id).await {
        Ok(centre) => centre,
        Err(refused) => return refused,
    };
    let programmes = Programme::built_in().unwrap_or_default();
    let refuse = |signed: Signed, status: StatusCode, error: String, form: NewGroup| {
        let outcome = Outcome { status: Some(status), error, form, ..Outcome::default() };
        render(&state, signed, &centre, outcome)
    };
    let draft = match draft_of(&form, centre.id.as_str(), &programmes, kyiv_now(), &signed.chrome.tr) {
        Ok(draft) => draft,
        Err(error) => return refuse(signed, StatusCode::UNPROCESSABLE_ENTITY, error, form).await,
    };
    let person = signed.session.person.clone();
    let created =
        state.store.create_cohort_from_draft(&person, &draft, &programmes, chrono::Utc::now(), Via::Desk).await;
    let language = signed.chrome.tr.language;
    match created {
        Ok(Ok(_)) => Redirect::to(&format!("/centres/{}/groups", centre.id.as_str())).into_response(),
        Ok(Err(DraftError::NotAllowed)) => signed.forbidden(),
        Ok(Err(DraftError::Exists)) => {
            let error = bot_words::render(language, &Text::new("draft-exists"));
            refuse(signed, StatusCode::CONFLICT, error, form).await
        }
        Ok(Err(error)) => {
            let error = bot_words::render(language, &error_text(error, Field::Done));
            refuse(signed, StatusCode::UNPROCESSABLE_ENTITY, error, form).await
        }
        Err(error) => failed(signed.chrome, &error),
    }
}

/// The form read as the bot reads a coordinator's answers, field by field
/// in the bot's order; the first refusal in the bot's words (or the desk's,
/// for a choice the form offers as a list).
fn draft_of(
    form: &NewGroup,
    centre: &str,
    programmes: &[Programme],
    now: NaiveDateTime,
    tr: &Tr,
) -> Result<Draft, String> {
    let bot = |error: DraftError, field: Field| bot_words::render(tr.language, &error_text(error, field));
    let mut draft = Draft { centre: centre.to_owned(), ..Draft::default() };
    if !programmes.iter().any(|p| p.id == form.programme) {
        return Err(tr.t("desk-groups-choose"));
    }
    draft.programme = Some(form.programme.clone());
    draft.first = Some(read_first(&form.first, now).map_err(|e| bot(e, Field::First))?);
    let count = read_number(&form.sessions, session_counts()).map_err(|e| bot(e, Field::Sessions))?;
    draft.sessions = u32::try_from(count).ok();
    // A weekly session that would fall on a clock change is caught now.
    sessions(&draft).map_err(|e| bot(e, Field::Sessions))?;
    let minutes = read_number(&form.minutes, MINUTES).map_err(|e| bot(e, Field::Minutes))?;
    draft.minutes = i32::try_from(minutes).ok();
    let capacity = read_number(&form.capacity, CAPACITY).map_err(|e| bot(e, Field::Capacity))?;
    draft.capacity = i32::try_from(capacity).ok();
    draft.language = Some(Language::parse(&form.language).ok_or_else(|| tr.t("desk-groups-choose"))?);
    draft.online = Some(match form.format.as_str() {
        "online" => true,
        "in_person" => false,
        _ => return Err(tr.t("desk-groups-choose")),
    });
    Ok(draft)
}
