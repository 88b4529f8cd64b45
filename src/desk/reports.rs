//! The reports inbox: every "this is wrong" report an operator may see (a
//! coordinator: their centres'), filtered by centre, oblast, topic, open or
//! closed, and "nobody coordinates the centre in the bot" (those reports
//! reached nobody). A report is closed here, or opens its centre's edit form
//! with the report beside it (`centre.rs`). Who sent a report is never read.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::alphabet;
use super::asked::Asked;
use super::centres::failed;
use super::page::{self, Chrome, Tr};
use super::session::Signed;
use super::state::DeskState;
use crate::store::{DeskResolution, DeskRole, InboxFilter, InboxReport, TOPICS};

/// Rows the page shows.
const SHOWN: i64 = 300;

#[derive(Template)]
#[template(path = "desk/reports.html")]
struct ReportsPage {
    chrome: Chrome,
    rows: Vec<Row>,
    query: InboxQuery,
    oblasts: Vec<String>,
    /// The centres the person may filter by: (id, name).
    centres: Vec<(String, String)>,
    /// (topic, its name).
    topics: Vec<(&'static str, String)>,
}

/// A report and its topic's name.
struct Row {
    report: InboxReport,
    topic: String,
}

/// The filters, as the form sends them (empty means any).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    pub centre: String,
    #[serde(default)]
    pub oblast: String,
    #[serde(default)]
    pub topic: String,
    /// `open` (the default), `closed` or `all`.
    #[serde(default)]
    pub status: String,
    /// `1` for centres with no coordinator in the bot.
    #[serde(default)]
    pub uncoordinated: String,
}

impl InboxQuery {
    fn filter(&self, role: &DeskRole) -> InboxFilter {
        let given = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        InboxFilter {
            centre: given(&self.centre),
            oblast: given(&self.oblast),
            topic: given(&self.topic).filter(|t| TOPICS.contains(&t.as_str())),
            open: match self.status.as_str() {
                "closed" => Some(false),
                "all" => None,
                _ => Some(true),
            },
            uncoordinated: self.uncoordinated == "1",
            within: match role {
                DeskRole::Operator => None,
                DeskRole::Coordinator(centres) => Some(centres.clone()),
            },
        }
    }
}

/// The desk's name of a report topic.
pub fn topic_text(tr: &Tr, topic: &str) -> String {
    tr.t(match topic {
        "address" => "desk-report-topic-address",
        "phone" => "desk-report-topic-phone",
        "hours" => "desk-report-topic-hours",
        "closed" => "desk-report-topic-closed",
        _ => "desk-report-topic-other",
    })
}

/// GET /reports.
pub async fn inbox(State(state): State<DeskState>, signed: Signed, Asked(query): Asked<InboxQuery>) -> Response {
    let filter = query.filter(&signed.session.role);
    let loaded = async {
        let reports = state.store.report_inbox(&filter, SHOWN).await?;
        // The bot's snapshot, as the list reads it: loading 100,000 centres
        // (or scanning them for their oblasts) in the store took most of a
        // second per request.
        let directory = state.directory().await?;
        let tallies = state.tallies().await?;
        Ok::<_, crate::store::StoreError>((reports, directory, tallies))
    };
    let (reports, directory, tallies) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return failed(signed.chrome, &error),
    };
    let oblasts: std::collections::BTreeSet<&str> =
        directory.centres().iter().filter_map(|c| c.oblast.as_deref()).collect();
    let oblasts = alphabet::sorted(oblasts);
    // An operator picks among the centres with open reports, those of the
    // reports shown (closed ones too) and the one chosen, not among every
    // centre of the country; a coordinator among their own.
    let shown: std::collections::HashSet<&str> = reports.iter().map(|r| r.centre.as_str()).collect();
    let chosen = query.centre.trim();
    let offered = |id: &str| {
        signed.session.role.reaches(id)
            && (!signed.is_operator()
                || id == chosen
                || shown.contains(id)
                || tallies.get(id).is_some_and(|&(_, open)| open > 0))
    };
    let mut centres: Vec<(String, String)> = directory
        .centres()
        .iter()
        .filter(|c| offered(c.id.as_str()))
        .map(|c| (c.id.as_str().to_owned(), c.name_uk.clone()))
        .collect();
    centres.sort_unstable_by(|a, b| alphabet::compare(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));
    let tr = &signed.chrome.tr;
    let rows = reports.into_iter().map(|report| Row { topic: topic_text(tr, &report.topic), report }).collect();
    let topics = TOPICS.into_iter().map(|t| (t, topic_text(tr, t))).collect();
    page::html(&ReportsPage { chrome: signed.chrome, rows, query, oblasts, centres, topics })
}

/// The close form: the token, and the inbox's filters to go back to.
#[derive(serde::Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    back: InboxQuery,
}

impl InboxQuery {
    /// `/reports` with these filters, so that closing one report keeps the
    /// list as it was filtered. Always the inbox's own path: the values go
    /// only into the query string.
    fn path(&self) -> String {
        let Ok(mut url) = reqwest::Url::parse("http://desk/reports") else { return "/reports".to_owned() };
        {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in [
                ("centre", &self.centre),
                ("oblast", &self.oblast),
                ("topic", &self.topic),
                ("status", &self.status),
                ("uncoordinated", &self.uncoordinated),
            ] {
                if !value.is_empty() {
                    pairs.append_pair(name, value);
                }
            }
        }
        match url.query() {
            Some(query) if !query.is_empty() => format!("/reports?{query}"),
            _ => "/reports".to_owned(),
        }
    }
}

/// POST /reports/{id}/close: closed as it is (audited).
pub async fn close(
    State(state): State<DeskState>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<CloseForm>,
) -> Response {
    if !signed.csrf_matches(&form.csrf) {
        return signed.csrf_refused();
    }
    let Ok(id) = id.parse::<i64>() else {
        return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found");
    };
    let report = match state.store.inbox_report(id).await {
        Ok(Some(report)) => report,
        Ok(None) => return page::message(StatusCode::NOT_FOUND, signed.chrome, "desk-not-found"),
        Err(error) => return failed(signed.chrome, &error),
    };
    if !signed.session.role.reaches(&report.centre) {
        return signed.forbidden();
    }
    match state.store.close_report_at_desk(&signed.session.person, id, None, DeskResolution::Handled).await {
        Ok(Some(_)) => Redirect::to(&form.back.path()).into_response(),
        Ok(None) => page::message(StatusCode::CONFLICT, signed.chrome, "desk-report-closed-already"),
        Err(error) => failed(signed.chrome, &error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_goes_back_to_the_same_filters_and_only_to_the_inbox() {
        let query = InboxQuery {
            oblast: "Київська область".into(),
            uncoordinated: "1".into(),
            centre: "//evil.example/x?".into(),
            ..InboxQuery::default()
        };
        let path = query.path();
        assert!(path.starts_with("/reports?centre=%2F%2Fevil.example%2Fx%3F&oblast="), "{path}");
        assert!(path.ends_with("&uncoordinated=1"), "{path}");
        assert_eq!(InboxQuery::default().path(), "/reports");
    }
}
