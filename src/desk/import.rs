//! Import from the desk (operators): upload a centres file (CSV or XLSX, any
//! shape `import centres` takes), see the dry run's diff, then apply it or
//! not. The same `import::import_centres` as the command line runs both
//! times; the file waits in memory between the two, for 30 minutes at most.

use std::time::{Duration, Instant};

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::page::{self, Chrome, Tr};
use super::session::Signed;
use super::sign_in::CsrfForm;
use super::state::{DeskState, Upload};
use crate::csv_table::{CsvError, Problem, ProblemArg};
use crate::directory::Gazetteer;
use crate::domain::{ImportOptions, Language};
use crate::i18n::Text;
use crate::import::{self, ImportReport};

/// How long an uploaded file waits to be applied.
const UPLOAD_LIFETIME: Duration = Duration::from_secs(30 * 60);

#[derive(Template)]
#[template(path = "desk/import.html")]
struct ImportPage {
    chrome: Chrome,
    /// Why the file was refused (nothing changed), or empty.
    error: String,
    /// The refused file's problems, each with its line, in the reader's language.
    problems: Vec<String>,
    report: Option<ImportReport>,
    /// The uploaded file's key, to apply it; empty after applying.
    key: String,
    name: String,
    /// Remove centres missing from the file; take the file's values over
    /// coordinators' changes (the command line's flags).
    options: ImportOptions,
    /// Whether `serve` has a geocoder (then the form offers it), and
    /// whether this file was checked with it.
    geocoder: bool,
    geocode: bool,
    /// What the geocoder did, in words, or empty.
    geocoding: String,
}

impl ImportPage {
    fn new(chrome: Chrome, state: &DeskState) -> Self {
        Self {
            geocoder: state.geocoder.is_some(),
            geocode: false,
            geocoding: String::new(),
            chrome,
            error: String::new(),
            problems: Vec::new(),
            report: None,
            key: String::new(),
            name: String::new(),
            options: ImportOptions::default(),
        }
    }
}

/// GET /import: the upload form.
pub async fn form(State(state): State<DeskState>, signed: Signed) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    page::html(&ImportPage::new(signed.chrome, &state))
}

/// POST /import: the dry run of an uploaded file.
pub async fn check(State(state): State<DeskState>, signed: Signed, mut multipart: Multipart) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    let (mut csrf, mut name, mut bytes) = (String::new(), String::new(), Vec::new());
    let mut options = ImportOptions { dry_run: true, ..ImportOptions::default() };
    let mut geocode = false;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            // The command line's --replace and --overwrite-edits.
            Some("replace") => options.replace = true,
            Some("overwrite_edits") => options.overwrite_edits = true,
            // The command line's --geocode, only where serve has a geocoder.
            Some("geocode") => geocode = state.geocoder.is_some(),
            Some("file") => {
                name = field.file_name().unwrap_or_default().to_owned();
                bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
            }
            _ => {}
        }
    }
    if !signed.csrf_matches(&csrf) {
        return signed.csrf_refused();
    }
    let mut page = ImportPage::new(signed.chrome.clone(), &state);
    page.name = name.clone();
    page.options = options;
    page.geocode = geocode;
    match run(&state, &name, &bytes, options, geocode).await {
        Ok(report) => {
            let Ok(key) = crate::store::new_secret() else {
                return page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error");
            };
            let options = ImportOptions { dry_run: false, ..options };
            let upload = Upload { name, bytes, at: Instant::now(), options, geocode, session: signed.id.clone() };
            state.keep_upload(key.clone(), upload, UPLOAD_LIFETIME);
            page.geocoding = geocoding_words(&page.chrome.tr, &report);
            page.report = Some(report);
            page.key = key;
            page::html(&page)
        }
        Err(error) => refused(page, &error),
    }
}

/// POST /import/{key}/apply: applies the file checked before.
pub async fn apply(
    State(state): State<DeskState>,
    signed: Signed,
    Path(key): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    let Some(upload) = state.take_upload(&key, &signed.id, UPLOAD_LIFETIME) else {
        return page::message(StatusCode::GONE, signed.chrome, "desk-import-expired");
    };
    let mut page = ImportPage::new(signed.chrome.clone(), &state);
    page.name = upload.name.clone();
    page.options = upload.options;
    page.geocode = upload.geocode;
    match run(&state, &upload.name, &upload.bytes, upload.options, upload.geocode).await {
        Ok(report) => {
            let plan = &report.plan;
            let counts = format!(
                "{} added, {} updated, {} unchanged, {} removed",
                plan.added.len(),
                plan.changed.len(),
                plan.unchanged,
                plan.removed.len()
            );
            if let Err(error) =
                state.store.audit(&signed.session.person, "import", &upload.name, None, Some(&counts)).await
            {
                tracing::error!(%error, "cannot write the audit row of an import");
            }
            page.geocoding = geocoding_words(&page.chrome.tr, &report);
            page.report = Some(report);
            page::html(&page)
        }
        Err(error) => refused(page, &error),
    }
}

/// "Geocoder: asked 6, from the cache 0, placed 1, not used 5", or empty
/// when it was not asked.
fn geocoding_words(tr: &Tr, report: &ImportReport) -> String {
    let Some(geocoding) = &report.geocoding else { return String::new() };
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let not_used = geocoding.not_found.len() + geocoding.outside_oblast.len() + geocoding.failed.len();
    let text = Text::new("desk-import-geocoding")
        .count("asked", count(geocoding.asked))
        .count("cached", count(geocoding.cached))
        .count("used", count(geocoding.used.len()))
        .count("unused", count(not_used));
    let mut words = tr.text(&text);
    if geocoding.stopped.is_some() {
        words.push(' ');
        words.push_str(&tr.t("desk-import-geocoder-stopped"));
    }
    words
}

fn refused(mut page: ImportPage, error: &import::ImportError) -> Response {
    let tr = &page.chrome.tr;
    page.problems = match error {
        import::ImportError::File(file) => problems(tr, file),
        _ => Vec::new(),
    };
    page.error = match error {
        import::ImportError::File(_) => String::new(),
        import::ImportError::UnknownFormat(name) => tr.reason("desk-import-unknown-format", name),
        // The store's and the geocoder's errors are for the logs, not for the reader.
        import::ImportError::Store(_) | import::ImportError::Geocoder(_) => {
            tracing::error!(%error, "an import from the desk failed");
            tr.t("desk-error")
        }
    };
    let mut response = page::html(&page);
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

/// Each problem as "рядок 7: …" (a sheet's row for a spreadsheet), rendered
/// from its key and arguments (see `csv_table::Problem`).
fn problems(tr: &Tr, error: &CsvError) -> Vec<String> {
    let line_key = match error {
        CsvError::SheetRejected(_) => "desk-import-sheet-row",
        _ => "desk-import-line",
    };
    let mut lines: Vec<String> = error
        .errors()
        .iter()
        .map(|row| {
            let problem = problem_text(tr, &row.problem);
            tr.text(&Text::new(line_key).plain("line", row.line.to_string()).plain("problem", problem))
        })
        .collect();
    if lines.is_empty() {
        // A write error: nothing to say per line.
        lines.push(tr.t("desk-error"));
    }
    lines
}

/// A problem in the reader's language, decimals as they write them.
pub(super) fn problem_text(tr: &Tr, problem: &Problem) -> String {
    let text = problem.args.iter().fold(Text::new(problem.key), |text, (name, arg)| match arg {
        ProblemArg::Text(value) => text.plain(name, value.as_str()),
        ProblemArg::Decimal(value) => text.plain(name, decimal(tr.language, value)),
    });
    tr.text(&text)
}

/// `50.45` as the reader writes it: `50,45` in Ukrainian.
fn decimal(language: Language, value: &str) -> String {
    match language {
        Language::Uk => value.replace('.', ","),
        Language::En => value.to_owned(),
    }
}

async fn run(
    state: &DeskState,
    name: &str,
    bytes: &[u8],
    options: ImportOptions,
    geocode: bool,
) -> Result<ImportReport, import::ImportError> {
    let format = import::format_of(name)?;
    let gazetteer = Gazetteer::built_in().map_err(|e| import::ImportError::UnknownFormat(format!("gazetteer: {e}")))?;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    let geocoder = state.geocoder.as_deref().filter(|_| geocode);
    import::import_centres(&state.store, &gazetteer, bytes, format, today, options, geocoder).await
}
