//! Coordinators correct their own centre's card: choose a field, give the
//! new value (a location shared at the door, typed text, or opening hours
//! typed in words or picked: days, opens, closes, break), see the card as it
//! will be, then save or cancel. Bad input is answered and the question
//! asked again. The database checks again that the person coordinates the
//! centre (`Store::edit_centre_as`), renews the verified date, keeps the
//! history and tells the other coordinators.

use super::card;
use super::desk::{back_button, owns_centre};
use super::effect::{Effect, Outcome};
use super::view::{help_now_button, menu_button, stale_button};
use super::{Context, Step};
use crate::conversation::action::{Action, MAX_REV, Pick};
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::{EditValue, HoursPick, State};
use crate::directory::centre_fields::{FieldError, edit_location, parse_edit};
use crate::directory::{Hours, haversine_metres};
use crate::domain::weekly_hours::{DAY_RANGES, HoursError, WeeklyHours, day_bounds, parse_pause, parse_time};
use crate::domain::{Centre, CentreEdit, CentreField, CentreId};
use crate::i18n::{Arg, Text};
use crate::store::EditOutcome;
use crate::wording::{day_range, week_line};

/// Hours offered on the picker's buttons (anything else can be typed).
const OPENS: [u8; 4] = [8, 9, 10, 11];
const CLOSES: [u8; 5] = [16, 17, 18, 19, 20];
const PAUSES: [u8; 2] = [12, 13];

/// What a coordinator is editing: the centre, the field and the step.
struct Editing {
    centre: CentreId,
    field: CentreField,
    rev: u32,
}

impl Editing {
    /// The edit the state is in, if it is one.
    fn of(state: &State) -> Option<(Self, Option<&EditValue>, Option<&HoursPick>)> {
        let State::EditingCentre { centre, field, rev, value, picker } = state else { return None };
        let editing = Self { centre: CentreId::parse(centre).ok()?, field: CentreField::parse(field)?, rev: *rev };
        Some((editing, value.as_ref(), picker.as_ref()))
    }

    /// The next step of this edit: a new `rev`, so earlier buttons go stale.
    fn next(&self) -> Self {
        Self { centre: self.centre.clone(), field: self.field, rev: (self.rev + 1) % (MAX_REV + 1) }
    }

    fn state(&self, value: Option<EditValue>, picker: Option<HoursPick>) -> State {
        State::EditingCentre {
            centre: self.centre.to_string(),
            field: self.field.as_str().to_owned(),
            rev: self.rev,
            value,
            picker,
        }
    }

    fn hours(&self, pick: Pick) -> Action {
        Action::EditHours { centre: self.centre.clone(), rev: self.rev, pick }
    }

    /// Back to the list of fields, and help.
    fn back(&self) -> Vec<Button> {
        vec![
            Button { label: Text::new("edit-back"), action: Action::EditCentre(self.centre.clone()) },
            help_now_button(),
        ]
    }
}

fn not_yours(ctx: &Context<'_>) -> Step {
    let reply =
        Reply::default().line(Text::new("edit-not-yours")).buttons([back_button(), help_now_button(), menu_button()]);
    Step::new(State::Idle, ctx.language, reply)
}

/// "What do you want to change?" with a button per field.
pub fn menu(ctx: &Context<'_>, centre: &CentreId) -> Step {
    let Some((shown, _)) = ctx.directory.get(centre).filter(|_| owns_centre(ctx, centre.as_str())) else {
        return not_yours(ctx);
    };
    let mut reply =
        Reply::default().line(Text::new("edit-menu").plain("centre", super::view::name(shown, ctx.language)));
    for field in CentreField::EDITABLE {
        reply = reply.button(
            Text::new("edit-field").plain("field", field.as_str()),
            Action::EditField { centre: centre.clone(), field },
        );
    }
    Step::new(State::Idle, ctx.language, reply.buttons([back_button(), help_now_button()]))
}

/// Asks for a field's new value, showing what the card has now.
pub fn ask(ctx: &Context<'_>, state: &State, centre: &CentreId, field: CentreField) -> Step {
    let Some((shown, hours)) = ctx.directory.get(centre).filter(|_| owns_centre(ctx, centre.as_str())) else {
        return not_yours(ctx);
    };
    if !field.is_editable() {
        return not_yours(ctx);
    }
    // A new edit starts from a step number unlike any recent one.
    let rev = match Editing::of(state) {
        Some((editing, ..)) => editing.next().rev,
        None => (ctx.now.and_utc().timestamp().rem_euclid(i64::from(MAX_REV) + 1)) as u32,
    };
    let editing = Editing { centre: centre.clone(), field, rev };
    Step::new(editing.state(None, None), ctx.language, question(ctx, &editing, shown, hours, None))
}

/// The question for a field: what it is now, what to send, and an error
/// in front when the last answer was refused.
fn question(ctx: &Context<'_>, editing: &Editing, shown: &Centre, hours: Option<&Hours>, error: Option<Text>) -> Reply {
    let mut reply = Reply::default();
    if let Some(error) = error {
        reply = reply.line(error);
    }
    let now: Vec<Text> = match editing.field {
        CentreField::Location => vec![Text::new("card-map").plain("url", shown.location.map_url())],
        CentreField::OpeningHours => match hours {
            Some(hours) => hours.week(ctx.now.date()).iter().map(week_line).collect(),
            None => vec![Text::new("hours-not-given")],
        },
        field => match field.value(shown) {
            Some(value) => vec![Text::new("edit-now").plain("value", value.replace(';', ", "))],
            None => vec![Text::new("edit-now-empty")],
        },
    };
    reply = reply.paragraph(now).line(Text::new("edit-ask").plain("field", editing.field.as_str()));
    match editing.field {
        CentreField::Location => reply.ask_location = true,
        CentreField::OpeningHours => reply = reply.button(Text::new("edit-hours-pick"), editing.hours(Pick::Start)),
        _ => {}
    }
    if editing.field != CentreField::Location {
        reply = reply.line(Text::new("edit-ask-remove"));
    }
    reply.buttons(editing.back())
}

/// Asks the same question again after a refused answer, with the reason.
fn again(ctx: &Context<'_>, editing: Editing, error: Text) -> Step {
    let Some((shown, hours)) = ctx.directory.get(&editing.centre) else { return not_yours(ctx) };
    let editing = editing.next();
    let reply = question(ctx, &editing, shown, hours, Some(error));
    Step::new(editing.state(None, None), ctx.language, reply)
}

/// Typed text while editing: a value, a time for the picker, or (for the
/// location) a reminder to share it instead.
pub fn answer(ctx: &Context<'_>, state: &State, text: &str) -> Step {
    let Some((editing, _, picker)) = Editing::of(state) else { return not_yours(ctx) };
    if let Some(picker) = picker.filter(|p| p.days.is_some()) {
        return picked(ctx, editing, picker.clone(), Typed(text));
    }
    if editing.field == CentreField::Location {
        return again(ctx, editing, Text::new("edit-share-location"));
    }
    // "-" clears a field; Telegram cannot send an empty message.
    let text = if text == "-" { "" } else { text };
    match parse_edit(editing.field, text) {
        Ok(edit) => preview(ctx, editing.next(), EditValue::Typed { text: text.to_owned() }, &edit),
        Err(errors) => again(ctx, editing, field_error(errors.first())),
    }
}

/// A shared location while editing the centre's location.
pub fn location(ctx: &Context<'_>, state: &State, lat: f64, lon: f64) -> Step {
    let Some((editing, ..)) = Editing::of(state) else { return not_yours(ctx) };
    match edit_location(lat, lon) {
        Ok(edit @ CentreEdit::Location(point)) => preview(ctx, editing.next(), EditValue::Location { point }, &edit),
        Ok(_) | Err(_) => again(ctx, editing, Text::new("edit-bad-location")),
    }
}

/// Whether the state is asking for (or previewing) a centre's location.
pub fn wants_location(state: &State) -> bool {
    matches!(state, State::EditingCentre { field, picker: None, .. } if field == CentreField::Location.as_str())
}

/// What a refused value gets as an answer.
fn field_error(error: Option<&FieldError>) -> Text {
    match error {
        Some(FieldError::Phone { raw }) => Text::new("edit-bad-phone").plain("raw", raw.as_str()),
        Some(FieldError::Email { raw }) => Text::new("edit-bad-email").plain("raw", raw.as_str()),
        Some(FieldError::Website { raw }) => Text::new("edit-bad-website").plain("raw", raw.as_str()),
        Some(FieldError::OpeningHours { raw, .. }) => Text::new("edit-bad-hours").plain("raw", raw.as_str()),
        Some(FieldError::TooLong { max, .. }) => Text::new("edit-too-long").count("max", *max as i64),
        _ => Text::new("edit-bad-value"),
    }
}

/// The card as it will be with the change, and Save / Cancel.
fn preview(ctx: &Context<'_>, editing: Editing, value: EditValue, edit: &CentreEdit) -> Step {
    let Some((shown, _)) = ctx.directory.get(&editing.centre) else { return not_yours(ctx) };
    let changed = edit.apply(shown);
    let hours = changed.opening_hours.as_deref().and_then(|raw| Hours::parse(raw).ok());
    let card = card::shown(ctx, &changed, hours.as_ref(), None);
    // The preview keeps its pin: the change may be the location itself.
    let venue = Some(card::venue(ctx, &changed));
    let mut reply = Reply { venue, phones: card.phones, ..Reply::default() }.line(Text::new("edit-preview-title"));
    for paragraph in card.paragraphs {
        reply = reply.paragraph(paragraph);
    }
    if let CentreEdit::Location(point) = edit {
        let moved = card::distance(haversine_metres(shown.location, *point), false);
        reply = reply.line(Text::new("edit-preview-moved").message("distance", moved));
    }
    let (centre, field, rev) = (editing.centre.clone(), editing.field, editing.rev);
    let reply = reply
        .line(Text::new("edit-preview-confirm"))
        .button(Text::new("edit-save"), Action::EditSave { centre: centre.clone(), field, rev })
        .button(Text::new("edit-cancel"), Action::EditCancel { centre, field, rev })
        .buttons([help_now_button()]);
    Step::new(editing.state(Some(value), None), ctx.language, reply)
}

/// Save, Cancel or a picker tap: applied only to the step it was shown at.
pub fn choice(ctx: &Context<'_>, state: State, action: &Action) -> Step {
    let Some((editing, value, picker)) = Editing::of(&state) else {
        return Step::new(state, ctx.language, stale_button(ctx));
    };
    let stale = || Step::new(state.clone(), ctx.language, stale_button(ctx));
    match action {
        Action::EditSave { centre, field, rev } | Action::EditCancel { centre, field, rev }
            if (centre, *field, *rev) != (&editing.centre, editing.field, editing.rev) =>
        {
            stale()
        }
        Action::EditHours { centre, rev, .. } if (centre, *rev) != (&editing.centre, editing.rev) => stale(),
        Action::EditCancel { .. } => {
            let reply = Reply::default()
                .line(Text::new("edit-cancelled"))
                .button(Text::new("edit-again"), Action::EditCentre(editing.centre.clone()))
                .buttons([back_button(), help_now_button()]);
            Step::new(State::Idle, ctx.language, reply)
        }
        Action::EditSave { .. } => {
            let edit = match value {
                Some(EditValue::Location { point }) => edit_location(point.lat(), point.lon()).ok(),
                Some(EditValue::Typed { text }) => parse_edit(editing.field, text).ok(),
                None => None,
            };
            let Some(edit) = edit else { return stale() };
            Step::effect(State::Idle, ctx.language, Effect::EditCentre { centre: editing.centre, edit })
        }
        Action::EditHours { pick: Pick::Start, .. } if editing.field == CentreField::OpeningHours => {
            ask_days(ctx, editing.next())
        }
        Action::EditHours { pick, .. } => match picker {
            Some(picker) => picked(ctx, editing, picker.clone(), Tapped(pick)),
            None => stale(),
        },
        _ => stale(),
    }
}

/// A picker answer: a button, or typed text.
enum Answer<'a> {
    Tapped(&'a Pick),
    Typed(&'a str),
}
use Answer::{Tapped, Typed};

fn ask_days(ctx: &Context<'_>, editing: Editing) -> Step {
    let mut reply = Reply::default().line(Text::new("edit-ask-days"));
    for days in DAY_RANGES {
        if let Some((first, last)) = day_bounds(days) {
            reply = reply.button(day_range(first, last), editing.hours(Pick::Days(days.to_owned())));
        }
    }
    let reply = reply.buttons(editing.back());
    Step::new(editing.state(None, Some(HoursPick::default())), ctx.language, reply)
}

fn time(minutes: u16) -> Arg {
    Arg::Time { hour: u32::from(minutes / 60), minute: u32::from(minutes % 60) }
}

/// The picker's next question after the days, the opening or the closing
/// time; the preview after the break. A wrong time keeps the question.
fn picked(ctx: &Context<'_>, current: Editing, mut pick: HoursPick, answer: Answer<'_>) -> Step {
    let stale = |current: &Editing, pick: HoursPick| {
        Step::new(current.state(None, Some(pick)), ctx.language, stale_button(ctx))
    };
    let editing = current.next();
    let error = match (&pick, answer) {
        (HoursPick { days: None, .. }, Tapped(Pick::Days(days))) => {
            pick.days = Some(days.clone());
            None
        }
        (HoursPick { days: Some(_), opens: None, .. }, answer) => {
            hour_answer(answer, true).map(|minutes| pick.opens = Some(minutes)).err()
        }
        (HoursPick { opens: Some(opens), closes: None, .. }, answer) => match hour_answer(answer, false) {
            Ok(minutes) if minutes > *opens => {
                pick.closes = Some(minutes);
                None
            }
            Ok(_) => Some(HoursError::ClosesBeforeOpening),
            Err(error) => Some(error),
        },
        (HoursPick { days: Some(days), opens: Some(opens), closes: Some(closes) }, answer) => {
            let pause = match answer {
                Tapped(Pick::Pause(hour)) => Ok(hour.map(|h| (u16::from(h) * 60, u16::from(h) * 60 + 60))),
                Tapped(_) => return stale(&current, pick),
                Typed(text) => parse_pause(text),
            };
            let week = pause.and_then(|pause| WeeklyHours::parse(days, *opens, *closes, pause));
            let text = match week {
                Ok(week) => week.to_opening_hours(),
                Err(error) => return hours_question(ctx, editing, pick, Some(error)),
            };
            return match parse_edit(CentreField::OpeningHours, &text) {
                Ok(edit) => preview(ctx, editing, EditValue::Typed { text }, &edit),
                Err(_) => not_yours(ctx),
            };
        }
        _ => return stale(&current, pick),
    };
    hours_question(ctx, editing, pick, error)
}

/// The picker's question for what is still to pick, after the reason the
/// last answer was refused, if it was.
fn hours_question(ctx: &Context<'_>, editing: Editing, pick: HoursPick, error: Option<HoursError>) -> Step {
    let mut reply = Reply::default();
    if let Some(error) = error {
        reply = reply.line(hours_error(error, &pick));
    }
    let reply = match (&pick.opens, &pick.closes) {
        (None, _) => OPENS.iter().fold(reply.line(Text::new("edit-ask-opens")), |r, &h| {
            r.button(Text::new("edit-hour").with("time", time(u16::from(h) * 60)), editing.hours(Pick::Opens(h)))
        }),
        (Some(_), None) => CLOSES.iter().fold(reply.line(Text::new("edit-ask-closes")), |r, &h| {
            r.button(Text::new("edit-hour").with("time", time(u16::from(h) * 60)), editing.hours(Pick::Closes(h)))
        }),
        (Some(_), Some(_)) => PAUSES.iter().fold(
            reply
                .line(Text::new("edit-ask-pause"))
                .button(Text::new("edit-pause-none"), editing.hours(Pick::Pause(None))),
            |r, &h| {
                let label = Text::new("edit-pause")
                    .with("from", time(u16::from(h) * 60))
                    .with("to", time(u16::from(h) * 60 + 60));
                r.button(label, editing.hours(Pick::Pause(Some(h))))
            },
        ),
    };
    let reply = reply.buttons(editing.back());
    Step::new(editing.state(None, Some(pick)), ctx.language, reply)
}

/// An opening or closing time from its button (of the right kind) or typed.
fn hour_answer(answer: Answer<'_>, opening: bool) -> Result<u16, HoursError> {
    match (answer, opening) {
        (Tapped(Pick::Opens(h)), true) | (Tapped(Pick::Closes(h)), false) => Ok(u16::from(*h) * 60),
        (Tapped(_), _) => Err(HoursError::NotATime),
        (Typed(text), _) => parse_time(text),
    }
}

fn hours_error(error: HoursError, pick: &HoursPick) -> Text {
    match (error, pick.opens, pick.closes) {
        (HoursError::ClosesBeforeOpening, Some(opens), _) => {
            Text::new("edit-closes-before-opens").with("opens", time(opens))
        }
        (HoursError::BreakOutside, Some(opens), Some(closes)) => {
            Text::new("edit-bad-pause").with("opens", time(opens)).with("closes", time(closes))
        }
        _ => Text::new("edit-bad-time"),
    }
}

/// The answer once the database applied (or refused) the change.
pub fn after(ctx: &Context<'_>, effect: &Effect, outcome: &Outcome) -> Reply {
    let (Effect::EditCentre { centre, .. }, Outcome::CentreEdited(edited)) = (effect, outcome) else {
        return not_yours(ctx).replies.remove(0);
    };
    let line = match edited.as_ref() {
        EditOutcome::Saved { told, .. } => Text::new("edit-saved").count("told", *told as i64),
        EditOutcome::Unchanged { .. } => Text::new("edit-unchanged"),
        EditOutcome::NotCoordinator => return not_yours(ctx).replies.remove(0),
    };
    Reply::default().line(line).button(Text::new("edit-again"), Action::EditCentre(centre.clone())).buttons([
        back_button(),
        help_now_button(),
        menu_button(),
    ])
}
