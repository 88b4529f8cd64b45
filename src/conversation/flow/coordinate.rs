//! Coordinators' screens: their centres' groups; one group with its seats;
//! the sign-up list, a page at a time or as a CSV file; changing the number
//! of seats; cancelling a group; creating one through a short dialogue with
//! a preview. The screens show only the person's own groups, and every change
//! is checked again in the database (see `store::coordination`).

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Kyiv;

use super::draft::{self, DraftError, Field};
use super::effect::{Effect, Outcome};
use super::groups::{centre_name, programme_title, session_line, start_date};
use super::{Context, Step, card, help_now_button, menu_button};
use crate::conversation::reply::{Action, Button, CsvCell, Document, Reply};
use crate::conversation::state::{Draft, State};
use crate::domain::checkin_stats::StatsRow;
use crate::domain::{CentreId, ChannelKind, Language, Programme};
use crate::i18n::{Arg, Text};
use crate::store::{BroadcastSummary, CapacityChange, CohortView, GroupCancellation, Redeemed, SignupEntry};

/// Sign-ups on one page: short enough for any platform's message limit
/// (checked by a test against Telegram's 4,096 and Viber's 7,000).
pub const PAGE_SIZE: usize = 10;
/// Groups listed on the coordinator's screen.
const MAX_LISTED: usize = 20;

/// What the coordinator screens need from the database, loaded only for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Desk {
    /// The centres the person coordinates; empty for everyone else.
    pub centres: Vec<String>,
    /// Their centres' groups that are neither cancelled nor over.
    pub cohorts: Vec<CohortView>,
    /// The sign-up list of the group asked about, when one was.
    pub signups: Option<Vec<SignupEntry>>,
    pub programmes: Vec<Programme>,
    /// Subscribers per centre, in the order of `centres`.
    pub subscribers: Vec<i64>,
    /// The broadcasts of the centre asked about, when one was.
    pub broadcasts: Option<Vec<BroadcastSummary>>,
    /// Check-in statistics of the complete weeks shown (`super::stats::WEEKS`), when asked for.
    pub stats: Option<Vec<StatsRow>>,
}

/// Subscribers of one of the person's centres; `None` when it is not theirs.
pub fn subscribers(ctx: &Context<'_>, centre: &str) -> Option<i64> {
    let desk = desk(ctx);
    let index = desk.centres.iter().position(|c| c == centre)?;
    Some(desk.subscribers.get(index).copied().unwrap_or(0))
}

/// The person's running groups at one centre.
pub fn cohorts_at<'a>(ctx: &Context<'a>, centre: &'a str) -> impl Iterator<Item = &'a CohortView> {
    desk(ctx).cohorts.iter().filter(move |c| c.centre == centre)
}

/// The broadcasts loaded for this step.
pub fn broadcasts<'a>(ctx: &Context<'a>) -> Option<&'a Vec<BroadcastSummary>> {
    desk(ctx).broadcasts.as_ref()
}

pub(super) fn desk<'a>(ctx: &Context<'a>) -> &'a Desk {
    static EMPTY: std::sync::OnceLock<Desk> = std::sync::OnceLock::new();
    ctx.desk.unwrap_or_else(|| EMPTY.get_or_init(Desk::default))
}

fn back_button() -> Button {
    Button { label: Text::new("coord-back"), action: Action::Coordinate }
}

pub(super) fn not_coordinator(ctx: &Context<'_>, state: State) -> Step {
    let reply = Reply::default().line(Text::new("coord-not-coordinator")).buttons([help_now_button(), menu_button()]);
    Step::new(state, ctx.language, reply)
}

pub(super) fn not_found(ctx: &Context<'_>) -> Step {
    let reply =
        Reply::default().line(Text::new("coord-not-found")).buttons([back_button(), help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

/// The person's own group, or `None` for anything else (forged, cancelled, over).
fn own_cohort<'a>(ctx: &Context<'a>, id: &str) -> Option<&'a CohortView> {
    desk(ctx).cohorts.iter().find(|c| c.id == id)
}

/// The groups of the centres the person coordinates.
pub fn overview(ctx: &Context<'_>, state: State) -> Step {
    let desk = desk(ctx);
    if desk.centres.is_empty() {
        return not_coordinator(ctx, state);
    }
    let mut reply = Reply::default().line(Text::new("coord-title"));
    let mut number = 0;
    for centre in &desk.centres {
        let mut lines = vec![Text::new("coord-centre").plain("centre", centre_name(ctx, centre))];
        let cohorts: Vec<&CohortView> = desk.cohorts.iter().filter(|c| &c.centre == centre).collect();
        if cohorts.is_empty() {
            lines.push(Text::new("coord-none"));
        }
        for cohort in cohorts {
            number += 1;
            if number > MAX_LISTED {
                break;
            }
            lines.push(
                Text::new("coord-item")
                    .count("number", number as i64)
                    .plain("programme", programme_title(cohort, ctx.language))
                    .with("date", start_date(cohort))
                    .count("confirmed", cohort.confirmed)
                    .count("capacity", cohort.capacity)
                    .count("waiting", cohort.waiting),
            );
            let label = Text::new("groups-open")
                .count("number", number as i64)
                .plain("programme", programme_title(cohort, ctx.language));
            reply = reply.button(label, Action::CoordCohort(cohort.id.clone()));
        }
        lines.push(Text::new("coord-subscribers").count("count", subscribers(ctx, centre).unwrap_or(0)));
        if let Some(closure) = CentreId::parse(centre).ok().and_then(|id| card::closure(ctx, &id)) {
            lines.push(card::closure_line(closure, "card-closed-short"));
        }
        reply = reply.paragraph(lines);
        if let Ok(id) = CentreId::parse(centre) {
            let name = centre_name(ctx, centre);
            reply = reply
                .button(Text::new("coord-new").plain("centre", name.clone()), Action::CoordNew(id.clone()))
                .button(Text::new("coord-broadcast").plain("centre", name), Action::Broadcasts(id.clone()))
                .buttons([super::closure::desk_button(ctx, &id)]);
        }
    }
    let stats = Button { label: Text::new("coord-stats"), action: Action::CoordStats };
    Step::new(State::Idle, ctx.language, reply.buttons([stats, help_now_button(), menu_button()]))
}

/// One group: what, when, seats, and what the coordinator can do with it.
pub fn cohort(ctx: &Context<'_>, id: &str) -> Step {
    let Some(cohort) = own_cohort(ctx, id) else { return not_found(ctx) };
    let title = Text::new("coord-group-title")
        .plain("programme", programme_title(cohort, ctx.language))
        .plain("centre", centre_name(ctx, &cohort.centre));
    let facts = vec![
        Text::new("group-format").plain("format", cohort.format.as_str()).plain("language", cohort.language.as_str()),
        Text::new("coord-group-seats")
            .count("confirmed", cohort.confirmed)
            .count("capacity", cohort.capacity)
            .count("waiting", cohort.waiting),
    ];
    let mut sessions = vec![Text::new("group-sessions-title").count("count", cohort.sessions.len() as i64)];
    sessions.extend(cohort.sessions.iter().enumerate().map(|(i, (at, minutes))| session_line(i + 1, *at, *minutes)));
    let mut reply = Reply::default()
        .line(title)
        .paragraph(facts)
        .paragraph(sessions)
        .button(Text::new("coord-list"), Action::CoordList { cohort: cohort.id.clone(), page: 0 });
    // Viber can only send files from a public URL; the list pages serve there.
    if ctx.channel != ChannelKind::Viber {
        reply = reply.button(Text::new("coord-csv"), Action::CoordCsv(cohort.id.clone()));
    }
    let reply = reply
        .button(Text::new("coord-capacity"), Action::CoordCapacity(cohort.id.clone()))
        .button(Text::new("coord-cancel"), Action::CoordCancel(cohort.id.clone()))
        .buttons([back_button(), help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

/// One page of a group's sign-up list.
pub fn list(ctx: &Context<'_>, id: &str, page: u16) -> Step {
    let (Some(cohort), Some(entries)) = (own_cohort(ctx, id), desk(ctx).signups.as_ref()) else {
        return not_found(ctx);
    };
    let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.id.clone()) };
    if entries.is_empty() {
        let reply =
            Reply::default().line(Text::new("coord-list-empty")).buttons([back, help_now_button(), menu_button()]);
        return Step::new(State::Idle, ctx.language, reply);
    }
    let pages = entries.len().div_ceil(PAGE_SIZE);
    let page = usize::from(page).min(pages - 1);
    let mut lines = vec![
        Text::new("coord-list-title")
            .plain("programme", programme_title(cohort, ctx.language))
            .with("date", start_date(cohort))
            .count("page", page as i64 + 1)
            .count("pages", pages as i64),
    ];
    let confirmed = entries.iter().filter(|e| e.confirmed).count();
    for (i, entry) in entries.iter().enumerate().skip(page * PAGE_SIZE).take(PAGE_SIZE) {
        let name = match &entry.first_name {
            Some(name) => Text::new("coord-list-name").plain("name", name.as_str()),
            None => Text::new("coord-list-no-name"),
        };
        let phone = entry.phone.as_deref().map(display_phone).unwrap_or_default();
        let line = if entry.confirmed {
            Text::new("coord-list-confirmed")
        } else {
            Text::new("coord-list-waiting").count("position", (i - confirmed + 1) as i64)
        };
        lines.push(line.count("number", i as i64 + 1).message("name", name).plain("phone", phone));
    }
    let mut reply = Reply::default().paragraph(lines);
    reply.phones = entries.iter().filter_map(|e| e.phone.as_deref().map(display_phone)).collect();
    if page > 0 {
        let previous = Action::CoordList { cohort: cohort.id.clone(), page: (page - 1) as u16 };
        reply = reply.button(Text::new("coord-list-previous"), previous);
    }
    if page + 1 < pages {
        let next = Action::CoordList { cohort: cohort.id.clone(), page: (page + 1) as u16 };
        reply = reply.button(Text::new("coord-list-next"), next);
    }
    Step::new(State::Idle, ctx.language, reply.buttons([back, help_now_button(), menu_button()]))
}

/// "+380 67 123 45 67": how a stored number is shown.
fn display_phone(e164: &str) -> String {
    crate::domain::Phone::parse(e164).map(|p| p.display()).unwrap_or_else(|_| e164.to_owned())
}

/// The sign-up list as a CSV file, in the coordinator's language.
pub fn csv(ctx: &Context<'_>, id: &str) -> Step {
    if ctx.channel == ChannelKind::Viber {
        return list(ctx, id, 0);
    }
    let (Some(cohort), Some(entries)) = (own_cohort(ctx, id), desk(ctx).signups.as_ref()) else {
        return not_found(ctx);
    };
    let document = Document {
        file_name: format!("signups-{}.csv", cohort.id),
        header: [
            "coord-csv-number",
            "coord-csv-status",
            "coord-csv-place",
            "coord-csv-name",
            "coord-csv-phone",
            "coord-csv-time",
        ]
        .into_iter()
        .map(Text::new)
        .collect(),
        rows: csv_rows(entries),
        caption: Text::new("coord-csv-caption")
            .plain("programme", programme_title(cohort, ctx.language))
            .with("date", start_date(cohort)),
    };
    let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.id.clone()) };
    let reply =
        Reply { document: Some(document), ..Reply::default() }.buttons([back, help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

/// One row per person: number, status, place in the queue, name, phone and
/// when they signed up (Kyiv time). The status words come from the locale.
fn csv_rows(entries: &[SignupEntry]) -> Vec<Vec<CsvCell>> {
    let confirmed = entries.iter().filter(|e| e.confirmed).count();
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let (status, place) = if entry.confirmed {
                (Text::new("coord-csv-confirmed"), String::new())
            } else {
                (Text::new("coord-csv-waiting"), (i - confirmed + 1).to_string())
            };
            vec![
                CsvCell::Plain((i + 1).to_string()),
                CsvCell::Text(status),
                CsvCell::Plain(place),
                CsvCell::Plain(entry.first_name.clone().unwrap_or_default()),
                CsvCell::Plain(entry.phone.clone().unwrap_or_default()),
                CsvCell::Plain(kyiv_timestamp(entry.signed_up_at)),
            ]
        })
        .collect()
}

fn kyiv_timestamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&Kyiv).format("%Y-%m-%d %H:%M").to_string()
}

/// Asks for a group's new number of seats.
pub fn ask_capacity(ctx: &Context<'_>, id: &str) -> Step {
    let Some(cohort) = own_cohort(ctx, id) else { return not_found(ctx) };
    let reply = Reply::default()
        .line(Text::new("coord-ask-capacity").count("confirmed", cohort.confirmed).count("capacity", cohort.capacity))
        .buttons([
            Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.id.clone()) },
            help_now_button(),
        ]);
    Step::new(State::SettingCapacity { cohort: cohort.id.clone() }, ctx.language, reply)
}

/// The typed number of seats.
pub fn capacity_answer(ctx: &Context<'_>, cohort: String, text: &str) -> Step {
    match draft::read_number(text, draft::CAPACITY) {
        Ok(capacity) => {
            let effect = Effect::SetCapacity { cohort, capacity: capacity as i32 };
            Step { state: State::Idle, language: ctx.language, replies: Vec::new(), effect: Some(effect) }
        }
        Err(_) => {
            let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.clone()) };
            let reply = Reply::default().line(Text::new("coord-bad-capacity")).buttons([back, help_now_button()]);
            Step::new(State::SettingCapacity { cohort }, ctx.language, reply)
        }
    }
}

/// "Cancel this group?" with what it means for the people in it.
pub fn confirm_cancel(ctx: &Context<'_>, id: &str) -> Step {
    let Some(cohort) = own_cohort(ctx, id) else { return not_found(ctx) };
    let reply = Reply::default()
        .line(
            Text::new("coord-cancel-confirm")
                .plain("programme", programme_title(cohort, ctx.language))
                .with("date", start_date(cohort))
                .count("people", cohort.confirmed + cohort.waiting),
        )
        .button(Text::new("coord-cancel-yes"), Action::CoordCancelConfirmed(cohort.id.clone()))
        .button(Text::new("coord-cancel-no"), Action::CoordCohort(cohort.id.clone()))
        .buttons([help_now_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

pub fn cancel(ctx: &Context<'_>, id: &str) -> Step {
    if own_cohort(ctx, id).is_none() {
        return not_found(ctx);
    }
    let effect = Effect::CancelCohort { cohort: id.to_owned() };
    Step { state: State::Idle, language: ctx.language, replies: Vec::new(), effect: Some(effect) }
}

/// Starts a new group at a centre the person coordinates.
pub fn new_group(ctx: &Context<'_>, centre: &CentreId) -> Step {
    if !desk(ctx).centres.iter().any(|c| c == centre.as_str()) {
        return not_found(ctx);
    }
    ask_next(ctx, Draft { centre: centre.to_string(), ..Draft::default() }, None)
}

/// A pressed button while drafting (programme, language, format, create).
pub fn draft_choice(ctx: &Context<'_>, state: State, action: &Action) -> Step {
    let State::Drafting { mut draft } = state else {
        return Step::new(state, ctx.language, super::stale_button(ctx));
    };
    match action {
        Action::DraftProgramme(id) if desk(ctx).programmes.iter().any(|p| &p.id == id) => {
            draft.programme = Some(id.clone());
        }
        Action::DraftLanguage(language) => draft.language = Some(*language),
        Action::DraftOnline(online) => draft.online = Some(*online),
        Action::DraftCreate if draft::next_field(&draft) == Field::Done => {
            return Step {
                state: State::Idle,
                language: ctx.language,
                replies: Vec::new(),
                effect: Some(Effect::CreateCohort { draft }),
            };
        }
        _ => return Step::new(State::Drafting { draft }, ctx.language, super::stale_button(ctx)),
    }
    ask_next(ctx, draft, None)
}

/// A typed answer while drafting.
pub fn draft_answer(ctx: &Context<'_>, mut draft: Draft, text: &str) -> Step {
    let answer = match draft::next_field(&draft) {
        Field::First => draft::read_first(text, ctx.now).map(|at| draft.first = Some(at)),
        Field::Sessions => draft::read_number(text, draft::session_counts()).and_then(|n| {
            draft.sessions = Some(n as u32);
            // A weekly session that would fall on a clock change is caught now.
            draft::sessions(&draft).map(|_| ()).inspect_err(|_| draft.sessions = None)
        }),
        Field::Minutes => draft::read_number(text, draft::MINUTES).map(|n| draft.minutes = Some(n as i32)),
        Field::Capacity => draft::read_number(text, draft::CAPACITY).map(|n| draft.capacity = Some(n as i32)),
        // A button is expected: ask again.
        Field::Programme | Field::Language | Field::Format | Field::Done => Ok(()),
    };
    ask_next(ctx, draft, answer.err())
}

/// Asks the next question (after saying what was wrong with the last answer).
fn ask_next(ctx: &Context<'_>, draft: Draft, error: Option<DraftError>) -> Step {
    let field = draft::next_field(&draft);
    let mut reply = Reply::default();
    if let Some(error) = error {
        reply = reply.line(draft_error(error, field));
    }
    let example = Arg::Plain(example_date(ctx));
    reply = match field {
        Field::Programme => {
            let mut reply =
                reply.line(Text::new("draft-ask-programme").plain("centre", centre_name(ctx, &draft.centre)));
            for programme in &desk(ctx).programmes {
                let title = match ctx.language {
                    Language::Uk => programme.title_uk.as_str(),
                    Language::En => programme.title_en.as_str(),
                };
                reply = reply.button(
                    Text::new("draft-programme").plain("title", title),
                    Action::DraftProgramme(programme.id.clone()),
                );
            }
            reply
        }
        Field::First => reply.line(Text::new("draft-ask-first").with("example", example)),
        Field::Sessions => reply.line(Text::new("draft-ask-sessions")),
        Field::Minutes => reply.line(Text::new("draft-ask-minutes")),
        Field::Capacity => reply.line(Text::new("draft-ask-capacity")),
        Field::Language => reply
            .line(Text::new("draft-ask-language"))
            .button(Text::new("language-uk"), Action::DraftLanguage(Language::Uk))
            .button(Text::new("language-en"), Action::DraftLanguage(Language::En)),
        Field::Format => reply
            .line(Text::new("draft-ask-format"))
            .button(Text::new("draft-in-person"), Action::DraftOnline(false))
            .button(Text::new("draft-online"), Action::DraftOnline(true)),
        Field::Done => return preview(ctx, draft),
    };
    let reply = reply.buttons([back_button(), help_now_button()]);
    Step::new(State::Drafting { draft }, ctx.language, reply)
}

/// Why a typed date and time was refused.
pub(super) fn draft_error_text(error: DraftError) -> Text {
    draft_error(error, Field::First)
}

fn draft_error(error: DraftError, field: Field) -> Text {
    match (error, field) {
        (DraftError::Unreadable, _) => Text::new("draft-bad-date"),
        (DraftError::Past, _) => Text::new("draft-past-date"),
        (DraftError::TooFar, _) => Text::new("draft-far-date"),
        (DraftError::NoSuchTime, _) => Text::new("draft-no-such-time"),
        (_, Field::Sessions) => Text::new("draft-bad-sessions"),
        (_, Field::Minutes) => Text::new("draft-bad-minutes"),
        (_, Field::Capacity) => Text::new("coord-bad-capacity"),
        _ => Text::new("error-stale-button"),
    }
}

/// Tomorrow at 18:00, as an example of the date format.
fn example_date(ctx: &Context<'_>) -> String {
    (ctx.now.date() + chrono::Duration::days(1)).format("%d.%m.%Y 18:00").to_string()
}

/// Everything the new group will be, with each session, before it is created.
fn preview(ctx: &Context<'_>, draft: Draft) -> Step {
    let Ok(sessions) = draft::sessions(&draft) else {
        return ask_next(ctx, Draft { first: None, sessions: None, ..draft }, Some(DraftError::NoSuchTime));
    };
    let programme = desk(ctx).programmes.iter().find(|p| Some(&p.id) == draft.programme.as_ref());
    let title = programme.map(|p| match ctx.language {
        Language::Uk => p.title_uk.clone(),
        Language::En => p.title_en.clone(),
    });
    let minutes = draft.minutes.unwrap_or_default();
    let facts = vec![
        Text::new("draft-preview-programme").plain("programme", title.unwrap_or_default()),
        Text::new("group-where").plain("centre", centre_name(ctx, &draft.centre)),
        Text::new("group-format")
            .plain("format", if draft.online == Some(true) { "online" } else { "in_person" })
            .plain("language", draft.language.unwrap_or_default().code()),
        Text::new("draft-preview-seats").count("capacity", i64::from(draft.capacity.unwrap_or_default())),
    ];
    let mut lines = vec![Text::new("group-sessions-title").count("count", sessions.len() as i64)];
    lines.extend(sessions.iter().enumerate().map(|(i, at)| session_line(i + 1, *at, minutes)));
    let restart = CentreId::parse(&draft.centre).map(Action::CoordNew).unwrap_or(Action::Coordinate);
    let reply = Reply::default()
        .line(Text::new("draft-preview-title"))
        .paragraph(facts)
        .paragraph(lines)
        .button(Text::new("draft-create"), Action::DraftCreate)
        .button(Text::new("draft-start-over"), restart)
        .buttons([back_button(), help_now_button()]);
    Step::new(State::Drafting { draft }, ctx.language, reply)
}

/// The answer once a coordinator's change was applied, and the state to
/// stay in when the coordinator is asked again.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> (Reply, Option<State>) {
    if let (Effect::SetCapacity { cohort, .. }, Outcome::Capacity(CapacityChange::BelowConfirmed { confirmed })) =
        (effect, outcome)
    {
        // Still asking for a number: the coordinator can type another.
        let back = Button { label: Text::new("coord-back-to-group"), action: Action::CoordCohort(cohort.clone()) };
        let reply = Reply::default()
            .line(Text::new("coord-capacity-below").count("confirmed", *confirmed))
            .buttons([back, help_now_button()]);
        return (reply, Some(State::SettingCapacity { cohort: cohort.clone() }));
    }
    let reply = match (effect, outcome) {
        (Effect::SetCapacity { capacity, cohort }, Outcome::Capacity(CapacityChange::Changed { promoted_count })) => {
            Reply::default()
                .line(
                    Text::new("coord-capacity-done")
                        .count("capacity", i64::from(*capacity))
                        .count("promoted", *promoted_count as i64),
                )
                .button(Text::new("coord-back-to-group"), Action::CoordCohort(cohort.clone()))
        }
        (_, Outcome::GroupCancelled(GroupCancellation::Cancelled { told })) => {
            Reply::default().line(Text::new("coord-cancelled").count("told", *told as i64))
        }
        (_, Outcome::Created(Ok(id))) => Reply::default()
            .line(Text::new("draft-created"))
            .button(Text::new("draft-open-new"), Action::CoordCohort(id.clone())),
        (_, Outcome::Redeemed(Redeemed::Coordinator { centre })) => Reply::default()
            .line(Text::new("invite-accepted").plain("centre", centre_name(ctx, centre)))
            .button(Text::new("invite-open"), Action::Coordinate),
        (_, Outcome::Redeemed(Redeemed::Expired)) => Reply::default().line(Text::new("invite-expired")),
        (_, Outcome::Redeemed(Redeemed::Used)) => Reply::default().line(Text::new("invite-used")),
        (_, Outcome::Redeemed(Redeemed::Unknown)) => Reply::default().line(Text::new("invite-unknown")),
        (_, Outcome::Created(Err(DraftError::Exists))) => Reply::default().line(Text::new("draft-exists")),
        (_, Outcome::Created(Err(DraftError::NotAllowed))) => Reply::default().line(Text::new("coord-not-found")),
        // The draft went stale (the first session passed while it waited).
        (_, Outcome::Created(Err(error))) => Reply::default().line(draft_error(*error, Field::Done)),
        _ => Reply::default().line(Text::new("coord-not-found")),
    };
    (reply.buttons([back_button(), help_now_button(), menu_button()]), None)
}
