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

use super::page::{self, Chrome};
use super::session::Signed;
use super::sign_in::CsrfForm;
use super::state::{DeskState, Upload};
use crate::directory::Gazetteer;
use crate::domain::ImportOptions;
use crate::import::{self, ImportReport};

/// How long an uploaded file waits to be applied.
const UPLOAD_LIFETIME: Duration = Duration::from_secs(30 * 60);

#[derive(Template)]
#[template(path = "desk/import.html")]
struct ImportPage {
    chrome: Chrome,
    /// Why the file was refused (nothing changed), or empty.
    error: String,
    report: Option<ImportReport>,
    /// The uploaded file's key, to apply it; empty after applying.
    key: String,
    name: String,
    /// Remove centres missing from the file; take the file's values over
    /// coordinators' changes (the command line's flags).
    options: ImportOptions,
}

impl ImportPage {
    fn new(chrome: Chrome) -> Self {
        Self {
            chrome,
            error: String::new(),
            report: None,
            key: String::new(),
            name: String::new(),
            options: ImportOptions::default(),
        }
    }
}

/// GET /import: the upload form.
pub async fn form(signed: Signed) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    page::html(&ImportPage::new(signed.chrome))
}

/// POST /import: the dry run of an uploaded file.
pub async fn check(State(state): State<DeskState>, signed: Signed, mut multipart: Multipart) -> Response {
    if !signed.is_operator() {
        return signed.forbidden();
    }
    let (mut csrf, mut name, mut bytes) = (String::new(), String::new(), Vec::new());
    let mut options = ImportOptions { dry_run: true, ..ImportOptions::default() };
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            // The command line's --replace and --overwrite-edits.
            Some("replace") => options.replace = true,
            Some("overwrite_edits") => options.overwrite_edits = true,
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
    let mut page = ImportPage::new(signed.chrome.clone());
    page.name = name.clone();
    page.options = options;
    match run(&state, &name, &bytes, options).await {
        Ok(report) => {
            let Ok(key) = crate::store::new_secret() else {
                return page::message(StatusCode::INTERNAL_SERVER_ERROR, signed.chrome, "desk-error");
            };
            let options = ImportOptions { dry_run: false, ..options };
            let upload = Upload { name, bytes, at: Instant::now(), options, session: signed.id.clone() };
            state.keep_upload(key.clone(), upload, UPLOAD_LIFETIME);
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
    let mut page = ImportPage::new(signed.chrome.clone());
    page.name = upload.name.clone();
    page.options = upload.options;
    match run(&state, &upload.name, &upload.bytes, upload.options).await {
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
            page.report = Some(report);
            page::html(&page)
        }
        Err(error) => refused(page, &error),
    }
}

fn refused(mut page: ImportPage, error: &import::ImportError) -> Response {
    page.error = error.to_string();
    let mut response = page::html(&page);
    *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    response
}

async fn run(
    state: &DeskState,
    name: &str,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportReport, import::ImportError> {
    let format = import::format_of(name)?;
    let gazetteer = Gazetteer::built_in().map_err(|e| import::ImportError::UnknownFormat(format!("gazetteer: {e}")))?;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Kyiv).date_naive();
    import::import_centres(&state.store, &gazetteer, bytes, format, today, options, None).await
}
