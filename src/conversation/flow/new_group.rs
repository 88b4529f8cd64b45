//! A coordinator creates a group through a short dialogue: the programme,
//! the first session, how many sessions, how long, seats, language and
//! format, then a preview with every session before it is created.

use super::desk::{back_button, desk, not_found, owns_centre};
use super::draft::{self, DraftError, Field};
use super::effect::{Effect, Outcome};
use super::view::{
    centre_name, draft_error, example_tomorrow, help_now_button, menu_button, session_line, stale_button,
};
use super::{Context, Step};
use crate::conversation::action::Action;
use crate::conversation::reply::Reply;
use crate::conversation::state::{Draft, State};
use crate::domain::{CentreId, Language};
use crate::i18n::{Arg, Text};

/// Starts a new group at a centre the person coordinates.
pub fn start(ctx: &Context<'_>, centre: &CentreId) -> Step {
    if !owns_centre(ctx, centre.as_str()) {
        return not_found(ctx);
    }
    ask_next(ctx, Draft { centre: centre.to_string(), ..Draft::default() }, None)
}

/// A pressed button while drafting (programme, language, format, create).
pub fn choice(ctx: &Context<'_>, state: State, action: &Action) -> Step {
    let State::Drafting { mut draft } = state else {
        return Step::new(state, ctx.language, stale_button(ctx));
    };
    // Each button answers only the question it was shown with: a stale tap
    // on an earlier question's button is not applied to a later one.
    let asked = draft::next_field(&draft);
    match action {
        Action::DraftProgramme(id) if asked == Field::Programme && desk(ctx).programmes.iter().any(|p| &p.id == id) => {
            draft.programme = Some(id.clone());
        }
        Action::DraftLanguage(language) if asked == Field::Language => draft.language = Some(*language),
        Action::DraftOnline(online) if asked == Field::Format => draft.online = Some(*online),
        Action::DraftCreate if asked == Field::Done => {
            return Step::effect(State::Idle, ctx.language, Effect::CreateCohort { draft });
        }
        _ => return Step::new(State::Drafting { draft }, ctx.language, stale_button(ctx)),
    }
    ask_next(ctx, draft, None)
}

/// A typed answer while drafting.
pub fn answer(ctx: &Context<'_>, mut draft: Draft, text: &str) -> Step {
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
    let example = Arg::Plain(example_tomorrow(ctx, 18));
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

/// The answer once the new group was created, or why it was not.
pub fn after(outcome: &Outcome) -> Reply {
    let reply = match outcome {
        Outcome::Created(Ok(id)) => Reply::default()
            .line(Text::new("draft-created"))
            .button(Text::new("draft-open-new"), Action::CoordCohort(id.clone())),
        Outcome::Created(Err(DraftError::Exists)) => Reply::default().line(Text::new("draft-exists")),
        Outcome::Created(Err(DraftError::NotAllowed)) => Reply::default().line(Text::new("coord-not-found")),
        // The draft went stale (the first session passed while it waited).
        Outcome::Created(Err(error)) => Reply::default().line(draft_error(*error, Field::Done)),
        _ => Reply::default().line(Text::new("coord-not-found")),
    };
    reply.buttons([back_button(), help_now_button(), menu_button()])
}
