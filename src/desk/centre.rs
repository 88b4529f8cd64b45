//! A centre's page: its fields in both languages, who coordinates it and
//! how many subscribe, its history, and a form per field it may change. The
//! forms go through the bot's own edit path (`directory::centre_fields` for
//! validation, `Store::edit_centre_at_desk` for the change, its history and
//! audit row): nothing is validated twice in two ways. A coordinator of
//! another centre gets 403 whether the centre exists or not. Opened from the
//! reports inbox (`?report=<id>`), the page shows that report beside the
//! forms, and a saved edit closes it as fixed (the edit renews the card's
//! verified date).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::asked::Asked;
use super::card;
use super::centres::failed;
use super::hours::{Preview, preview as preview_of};
use super::import::problem_text;
use super::page::{self, Chrome, Tr};
use super::picker::{self, PickerDay, Week};
use super::session::Signed;
use super::state::DeskState;
use crate::csv_table::Reason;
use crate::directory::Hours;
use crate::directory::centre_fields::{FieldError, edit_location, parse_edit, parse_number};
use crate::domain::{Centre, CentreEdit, CentreField, CentreId};
use crate::store::{DeskResolution, EditOutcome, HistoryEntry, InboxReport};

#[derive(Template)]
#[template(path = "desk/centre.html")]
struct CentrePage {
    chrome: Chrome,
    centre: Centre,
    phones: String,
    coordinators: i64,
    subscribers: i64,
    history: Vec<HistoryEntry>,
    /// The editable fields but the location: (name, current value).
    fields: Vec<(&'static str, String)>,
    lat: String,
    lon: String,
    /// Why the last edit was refused (empty when it was not).
    error: String,
    /// The picker's week was refused: the preview says why instead of
    /// showing a week (htmx swaps only the preview in).
    hours_refused: bool,
    /// The week of the hours shown (typed for a preview, or stored).
    preview: Option<Preview>,
    /// The hours typed for a preview; empty otherwise.
    typed: String,
    /// The open report the card is being fixed from, and its topic's name.
    report: Option<(InboxReport, String)>,
    /// The card as the bot shows it: (language code, text).
    cards: Vec<(&'static str, String)>,
    /// The guided picker's rows, from the hours shown.
    week: Vec<PickerDay>,
}

/// `?report=<id>`: the report to show beside the forms.
#[derive(serde::Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    report: Option<String>,
}

/// A field's edit form.
#[derive(serde::Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    /// The report being fixed from (empty when none).
    #[serde(default)]
    report: String,
    /// Set by the guided hours picker, whose times then give the value.
    #[serde(default)]
    picker: String,
    #[serde(flatten)]
    week: Week,
}

impl EditForm {
    /// The value typed, or the picker's week as `opening_hours`; a refusal
    /// names the picker's day that is not a time.
    fn value(&self) -> Result<String, &'static str> {
        if self.picker.is_empty() { Ok(self.value.clone()) } else { self.week.to_opening_hours() }
    }
}

/// GET /centres/{id}.
pub async fn show(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Asked(query): Asked<ReportQuery>,
) -> Response {
    if !signed.session.role.reaches(&id) {
        return signed.forbidden();
    }
    render(&state, signed, &id, String::new(), None, query.report.as_deref().unwrap_or_default(), false).await
}

/// POST /centres/{id}/preview: the page with the week of the hours typed
/// (nothing is saved).
pub async fn preview(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Response {
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    if !signed.session.role.reaches(&id) {
        return signed.forbidden();
    }
    match form.value() {
        Ok(value) => render(&state, signed, &id, String::new(), Some(value), &form.report, false).await,
        Err(day) => {
            let error = signed.chrome.tr.reason("desk-picker-refused", day);
            refused(&state, signed, &id, error, &form.report, true).await
        }
    }
}

/// The page again with why the edit was refused (422). `hours_refused`: it
/// was the hours picker's week, whose form then stays open.
async fn refused(
    state: &DeskState,
    signed: Signed,
    id: &str,
    error: String,
    report: &str,
    hours_refused: bool,
) -> Response {
    let mut response = render(state, signed, id, error, None, report, hours_refused).await;
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

/// POST /centres/{id}/edit: one field, CSRF-checked and role-checked (again
/// in the database, in the edit's transaction).
pub async fn edit(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> Response {
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    if !signed.session.role.reaches(&id) {
        return signed.forbidden();
    }
    let Ok(centre) = CentreId::parse(&id) else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    let value = match form.value() {
        Ok(value) => value,
        Err(day) => {
            let error = signed.chrome.tr.reason("desk-picker-refused", day);
            return refused(&state, signed, &id, error, &form.report, true).await;
        }
    };
    let Some(field) = CentreField::EDITABLE.into_iter().find(|f| f.as_str() == form.field) else {
        // Not a field of the form: a forged or hand-made request.
        let error = signed.chrome.tr.t("desk-edit-no-such-field");
        return refused(&state, signed, &id, error, &form.report, false).await;
    };
    let parsed = match field {
        CentreField::Location => location(&form.lat, &form.lon),
        field => parse_edit(field, &value),
    };
    let edit: CentreEdit = match parsed {
        Ok(edit) => edit,
        Err(errors) => {
            let tr = &signed.chrome.tr;
            let error = tr.reason("desk-edit-refused", &refusals(tr, &errors));
            return refused(&state, signed, &id, error, &form.report, false).await;
        }
    };
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    match state.store.edit_centre_at_desk(&signed.session.person, &centre, &edit, today).await {
        Ok(EditOutcome::Saved { .. } | EditOutcome::Unchanged { .. }) => {
            if let Ok(report) = form.report.parse::<i64>() {
                let person = &signed.session.person;
                let fixed = DeskResolution::Fixed;
                if let Err(error) = state.store.close_report_at_desk(person, report, Some(centre.as_str()), fixed).await
                {
                    return failed(signed.chrome, &error);
                }
            }
            Redirect::to(&format!("/centres/{}", centre.as_str())).into_response()
        }
        Ok(EditOutcome::NotCoordinator) => signed.forbidden(),
        Err(error) => failed(signed.chrome, &error),
    }
}

fn location(lat: &str, lon: &str) -> Result<CentreEdit, Vec<FieldError>> {
    let lat = parse_number("lat", lat, false).map_err(|e| vec![e])?;
    let lon = parse_number("lon", lon, false).map_err(|e| vec![e])?;
    let (Some(lat), Some(lon)) = (lat, lon) else { return Err(vec![FieldError::HalfALocation]) };
    edit_location(lat, lon).map_err(|e| vec![e])
}

/// Why a value was refused, in the reader's language: the import's words
/// for the same problems (the validation is the same).
fn refusals(tr: &Tr, errors: &[FieldError]) -> String {
    errors.iter().map(|e| problem_text(tr, &Reason::from(e).problem)).collect::<Vec<_>>().join("; ")
}

async fn render(
    state: &DeskState,
    signed: Signed,
    id: &str,
    error: String,
    typed: Option<String>,
    report: &str,
    hours_refused: bool,
) -> Response {
    let Ok(id) = CentreId::parse(id) else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    let loaded = async {
        let centre = state.store.centre(&id).await?;
        let closure = state.store.closures().await?.into_iter().find(|(c, _)| *c == id).map(|(_, c)| c);
        let tally = state.tallies().await?.get(id.as_str()).copied().unwrap_or_default();
        let subscribers = state.store.subscriber_counts(&[id.as_str().to_owned()]).await?;
        let history = state.store.centre_history(&id, 50).await?;
        let report = match report.parse::<i64>() {
            Ok(report) => state.store.inbox_report(report).await?,
            Err(_) => None,
        };
        Ok::<_, crate::store::StoreError>((centre, closure, tally, subscribers, history, report))
    };
    let (centre, closure, (coordinators, _), subscribers, history, report) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return failed(signed.chrome, &error),
    };
    let Some(centre) = centre else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    let phones = centre.phones.iter().map(|p| p.display()).collect::<Vec<_>>().join(", ");
    let subscribers = subscribers.first().copied().unwrap_or_default();
    let fields = CentreField::EDITABLE
        .into_iter()
        .filter(|f| *f != CentreField::Location)
        .map(|f| (f.as_str(), f.value(&centre).unwrap_or_default()))
        .collect();
    let (lat, lon) = (centre.location.lat().to_string(), centre.location.lon().to_string());
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).naive_local();
    let cards = card::both(&centre, closure.as_ref(), now)
        .into_iter()
        .map(|(language, text)| (language.code(), text))
        .collect();
    let shown = typed.as_deref().or(centre.opening_hours.as_deref()).unwrap_or_default();
    let preview = preview_of(shown, now, &signed.chrome.tr);
    let picked = preview.as_ref().map(|p| p.value.as_str()).or(centre.opening_hours.as_deref());
    let week = picker::days(picked.and_then(|raw| Hours::parse(raw).ok()).as_ref(), now.date(), &signed.chrome.tr);
    let typed = typed.unwrap_or_default();
    // Only an open report about this very centre is shown beside it.
    let report = report.filter(|r| r.centre == id.as_str() && r.handled_at.is_none()).map(|r| {
        let topic = super::reports::topic_text(&signed.chrome.tr, &r.topic);
        (r, topic)
    });
    let page = CentrePage {
        chrome: signed.chrome,
        centre,
        phones,
        coordinators,
        subscribers,
        history,
        fields,
        lat,
        lon,
        error,
        hours_refused,
        preview,
        typed,
        report,
        cards,
        week,
    };
    page::with_desk_scripts(page::html(&page))
}
