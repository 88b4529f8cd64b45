//! A coordinator's desk ([`Desk`]): which centres and groups are theirs (the screens show only those; the database
//! checks every change again), and the replies and buttons those screens
//! share.

use super::context::{Context, Desk, Step};
use super::view::{help_now_button, menu_button};
use crate::conversation::action::Action;
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::domain::CentreId;
use crate::i18n::Text;
use crate::store::{BroadcastSummary, CohortView};

/// The desk loaded for this step; an empty one (nobody's) when none was.
pub fn desk<'a>(ctx: &Context<'a>) -> &'a Desk {
    static EMPTY: std::sync::OnceLock<Desk> = std::sync::OnceLock::new();
    ctx.desk.unwrap_or_else(|| EMPTY.get_or_init(Desk::default))
}

/// Whether the person coordinates the centre.
pub fn owns_centre(ctx: &Context<'_>, centre: &str) -> bool {
    desk(ctx).centres.iter().any(|c| c == centre)
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

/// The person's own group, or `None` for anything else (forged, cancelled, over).
pub fn own_cohort<'a>(ctx: &Context<'a>, id: &str) -> Option<&'a CohortView> {
    desk(ctx).cohorts.iter().find(|c| c.id == id)
}

/// The broadcasts loaded for this step.
pub fn broadcasts<'a>(ctx: &Context<'a>) -> Option<&'a Vec<BroadcastSummary>> {
    desk(ctx).broadcasts.as_ref()
}

/// The button back to the desk (the coordinator's centres and groups).
pub fn back_button() -> Button {
    Button { label: Text::new("coord-back"), action: Action::Coordinate }
}

/// Back to the desk, and help: the buttons under a coordinator's question.
pub fn back() -> Vec<Button> {
    vec![back_button(), help_now_button()]
}

/// The desk's button for a centre: close it, or open it again.
pub fn closure_button(ctx: &Context<'_>, centre: &CentreId) -> Button {
    match super::view::closure(ctx, centre) {
        Some(_) => Button { label: Text::new("closure-reopen"), action: Action::ReopenCentre(centre.clone()) },
        None => Button { label: Text::new("closure-close"), action: Action::CloseCentre(centre.clone()) },
    }
}

/// The polite refusal to someone who coordinates no centre.
pub fn not_coordinator(ctx: &Context<'_>, state: State) -> Step {
    let reply = Reply::default().line(Text::new("coord-not-coordinator")).buttons([help_now_button(), menu_button()]);
    Step::new(state, ctx.language, reply)
}

/// A group or centre that is not the person's (or no longer exists).
pub fn not_found(ctx: &Context<'_>) -> Step {
    let reply =
        Reply::default().line(Text::new("coord-not-found")).buttons([back_button(), help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}
