//! Finding the nearest centres: by shared location or typed place, with
//! disambiguation, paging and cards.

use super::view::{help_now_button, menu_button, not_understood, stale_button};
use super::{Context, Step, card};
use crate::conversation::action::{Action, MAX_ACTION_BYTES};
use crate::conversation::reply::{Button, Reply};
use crate::conversation::state::State;
use crate::directory::normalize::skeleton;
use crate::directory::{Lookup, Place, PlaceKind, Precision};
use crate::domain::tally::{FAR_METRES, Tally};
use crate::domain::{CentreId, Coordinates, Language};
use crate::i18n::{Arg, Text};

/// Centres per page of results.
pub const PAGE: usize = 3;
/// How much of a typed query is echoed back in "not found".
const ECHO_CHARS: usize = 60;

pub fn ask_place(_ctx: &Context<'_>) -> Reply {
    Reply { ask_location: true, ..Reply::default() }
        .line(Text::new("find-ask-place"))
        .buttons([help_now_button(), menu_button()])
}

pub fn from_location(ctx: &Context<'_>, lat: f64, lon: f64) -> Step {
    match Coordinates::parse(lat, lon) {
        Ok(origin) => search(ctx, Origin::Shared(origin)),
        Err(_) => {
            let reply = Reply { ask_location: true, ..Reply::default() }
                .line(Text::new("find-bad-location"))
                .buttons([help_now_button(), menu_button()]);
            Step::new(State::AwaitingPlace, ctx.language, reply)
        }
    }
}

pub fn from_text(ctx: &Context<'_>, state: State, text: &str) -> Step {
    match ctx.gazetteer.search(text) {
        Lookup::Found { place, others, matched } => {
            let found = ctx.gazetteer.place(place);
            let mut step = search(ctx, Origin::Place(place));
            if let (Some(first), Some(reply)) = (others.first(), step.replies.first_mut()) {
                let other = ctx.gazetteer.place(*first);
                let hint = Text::new("find-other-places")
                    .count("count", others.len() as i64)
                    .plain("name", meant_name(ctx, found, &matched, text))
                    .with("oblasts", oblast_list(ctx, &others))
                    .plain("oblast", oblast_word(ctx, other));
                reply.paragraphs.insert(1, vec![hint]);
                // Button data holds 64 bytes: a name too long for it gets the hint only.
                let action = Action::OtherPlaces { place: found.code.clone(), matched: matched.clone() };
                if action.encode().len() <= MAX_ACTION_BYTES {
                    let others = Button { label: Text::new("find-other-places-button"), action };
                    reply.buttons.insert(reply.buttons.len().saturating_sub(2), others);
                }
            }
            step
        }
        Lookup::Ambiguous { candidates, matched } => {
            let name = meant_name(ctx, ctx.gazetteer.place(candidates[0]), &matched, text);
            ask_which(ctx, candidates, name)
        }
        Lookup::NotFound { suggestions } if suggestions.is_empty() && state != State::AwaitingPlace => {
            Step::new(state, ctx.language, not_understood(ctx))
        }
        Lookup::NotFound { suggestions } => {
            let echo: String = text.chars().take(ECHO_CHARS).collect();
            let mut reply =
                Reply { ask_location: true, ..Reply::default() }.line(Text::new("find-not-found").plain("query", echo));
            if !suggestions.is_empty() {
                reply = reply.line(Text::new("find-did-you-mean"));
            }
            for &index in &suggestions {
                let place = ctx.gazetteer.place(index);
                reply = reply.button(place_label(ctx, place), Action::Place(place.code.clone()));
            }
            let reply = reply.line(Text::new("find-try-again")).buttons([help_now_button(), menu_button()]);
            Step::new(State::AwaitingPlace, ctx.language, reply)
        }
    }
}

/// The other places with the name of the place answered for: the choice a
/// person would have been asked for had that place not dominated.
pub fn other_places(ctx: &Context<'_>, state: State, code: &str, matched: &str) -> Step {
    match ctx.gazetteer.search(matched) {
        Lookup::Found { place, others, .. } if ctx.gazetteer.place(place).code == code => match others[..] {
            [] => Step::new(state, ctx.language, stale_button(ctx)),
            [only] => search(ctx, Origin::Place(only)),
            _ => {
                // The name as one of them is called: the matched name is a
                // skeleton, not for reading.
                let named = others
                    .iter()
                    .chain([&place])
                    .map(|&p| ctx.gazetteer.place(p))
                    .find(|p| skeleton(&p.name_uk) == matched)
                    .unwrap_or(ctx.gazetteer.place(others[0]));
                let name = place_name(named, ctx.language).to_owned();
                ask_which(ctx, others, name)
            }
        },
        _ => Step::new(state, ctx.language, stale_button(ctx)),
    }
}

pub fn from_place_code(ctx: &Context<'_>, state: State, code: &str) -> Step {
    match ctx.gazetteer.by_code(code) {
        Some(index) => search(ctx, Origin::Place(index)),
        None => Step::new(state, ctx.language, stale_button(ctx)),
    }
}

/// The person picked an oblast for an ambiguous name.
pub fn choose_oblast(ctx: &Context<'_>, state: State, oblast_code: &str) -> Step {
    let State::ChoosingPlace { candidates } = &state else {
        return Step::new(state, ctx.language, stale_button(ctx));
    };
    let in_oblast: Vec<usize> = candidates
        .iter()
        .filter_map(|code| ctx.gazetteer.by_code(code))
        .filter(|&p| ctx.gazetteer.oblast(ctx.gazetteer.place(p).oblast).code == oblast_code)
        .collect();
    match in_oblast[..] {
        [] => Step::new(state, ctx.language, stale_button(ctx)),
        [only] => search(ctx, Origin::Place(only)),
        [first, ..] => {
            let name = place_name(ctx.gazetteer.place(first), ctx.language).to_owned();
            ask_which(ctx, in_oblast, name)
        }
    }
}

pub fn more(ctx: &Context<'_>, state: State) -> Step {
    match Origin::kept(ctx, &state) {
        Some((origin, shown)) => results(ctx, origin, shown),
        None => Step::new(state, ctx.language, stale_button(ctx)),
    }
}

/// Back from a card to the page the person was on.
pub fn current_page(ctx: &Context<'_>, state: State) -> Step {
    match Origin::kept(ctx, &state) {
        Some((origin, shown)) => results(ctx, origin, shown.saturating_sub(1) / PAGE * PAGE),
        None => Step::new(state, ctx.language, stale_button(ctx)),
    }
}

pub fn open_card(ctx: &Context<'_>, state: State, id: &CentreId) -> Step {
    let from_results = matches!(state, State::Results { .. });
    // The distance is known from a typed place, not after a shared location.
    let metres = match Origin::kept(ctx, &state) {
        Some((Origin::Place(place), _)) => ctx
            .directory
            .get(id)
            .map(|(c, _)| crate::directory::haversine_metres(ctx.gazetteer.place(place).location, c.location)),
        _ => None,
    };
    Step::new(state, ctx.language, card::full(ctx, id, metres, from_results)).counting(ctx, Tally::CardOpened)
}

/// Where a list of nearest centres comes from.
enum Origin {
    /// A location just shared: used for this answer, then only the nearest
    /// centres are kept ([`KEPT`]), never the point.
    Shared(Coordinates),
    /// A gazetteer place (its index): a public point, kept by its code.
    Place(usize),
    /// The centres kept after a shared location, nearest first.
    Listed(Vec<CentreId>),
}

/// How many centres nearest to a shared location the state keeps for
/// "show more": ten pages.
const KEPT: usize = 10 * PAGE;

impl Origin {
    /// The search on screen, and how many of its centres were shown.
    fn kept(ctx: &Context<'_>, state: &State) -> Option<(Self, usize)> {
        let State::Results { place, nearest, shown } = state else { return None };
        match place.as_deref().and_then(|code| ctx.gazetteer.by_code(code)) {
            Some(index) => Some((Origin::Place(index), *shown)),
            None if !nearest.is_empty() => Some((Origin::Listed(nearest.clone()), *shown)),
            None => None,
        }
    }
}

/// The first page of a new search, counted (anonymously, by week): as a
/// search, and as unmet demand in the searched point's hromada when no
/// centre is within [`FAR_METRES`].
fn search(ctx: &Context<'_>, origin: Origin) -> Step {
    let (point, own_hromada) = match &origin {
        Origin::Shared(point) => (*point, None),
        Origin::Place(index) => {
            // A typed place knows its hromada; a point borrowed from a larger
            // unit would say little about where the person is.
            let place = ctx.gazetteer.place(*index);
            (place.location, if place.kind == PlaceKind::Hromada { Some(*index) } else { place.hromada })
        }
        Origin::Listed(_) => return results(ctx, origin, 0),
    };
    let nearest = ctx.directory.nearest(point, 0, 1).first().and_then(|n| n.metres);
    let far = nearest.is_none_or(|metres| metres > FAR_METRES);
    let mut step = results(ctx, origin, 0).counting(ctx, Tally::Search);
    // The settlement index is asked only for far searches.
    if far && let Some(hromada) = own_hromada.or_else(|| ctx.gazetteer.hromada_at(point)) {
        let hromada = ctx.gazetteer.place(hromada).code.clone();
        step = step.counting(ctx, Tally::FarSearch { hromada });
    }
    step
}

/// A page of nearest centres, starting after `skip`.
fn results(ctx: &Context<'_>, origin: Origin, skip: usize) -> Step {
    let language = ctx.language;
    if ctx.directory.is_empty() {
        let reply =
            Reply::default().line(Text::new("find-directory-empty")).buttons([help_now_button(), menu_button()]);
        return Step::new(State::Idle, language, reply);
    }
    let (page, place, nearest, total) = match origin {
        Origin::Shared(point) => {
            let kept: Vec<CentreId> =
                ctx.directory.nearest(point, 0, KEPT).iter().map(|n| n.centre.id.clone()).collect();
            let total = kept.len();
            (ctx.directory.nearest(point, skip, PAGE), None, kept, total)
        }
        Origin::Place(index) => {
            let page = ctx.directory.nearest(ctx.gazetteer.place(index).location, skip, PAGE);
            (page, Some(index), Vec::new(), ctx.directory.len())
        }
        Origin::Listed(kept) => {
            let total = kept.len();
            (ctx.directory.listed(&kept, skip, PAGE), None, kept, total)
        }
    };
    let place_code = place.map(|p| ctx.gazetteer.place(p).code.clone());
    if page.is_empty() {
        let reply = Reply::default().line(Text::new("find-no-more")).buttons([help_now_button(), menu_button()]);
        return Step::new(State::Results { place: place_code, nearest, shown: skip }, language, reply);
    }
    let header = match place.map(|p| ctx.gazetteer.place(p)) {
        Some(place) => {
            let id = match place.kind {
                PlaceKind::Hromada => "find-results-near-hromada",
                _ => "find-results-near-place",
            };
            let mut lines = vec![
                Text::new(id).plain("place", place_name(place, language)).plain("oblast", oblast_name(ctx, place)),
            ];
            match place.precision {
                Precision::Place => {}
                Precision::Hromada => lines.push(Text::new("find-approximate")),
                Precision::Raion | Precision::Oblast => lines.push(Text::new("find-approximate-area")),
            }
            lines
        }
        None => vec![Text::new("find-results-near-you")],
    };
    // One message, without a pin: each centre has its distance and address,
    // and its card has the pin a tap away.
    let mut reply = Reply::default().paragraph(header);
    for (offset, near) in page.iter().enumerate() {
        reply = reply.paragraph(card::summary(ctx, skip + offset + 1, near));
    }
    if page.iter().any(|near| near.centre.sample) {
        reply = reply.line(Text::new("find-sample-note"));
    }
    for (offset, near) in page.iter().enumerate() {
        let label = card::open_button(ctx, skip + offset + 1, near.centre);
        reply = reply.button(label, Action::Centre(near.centre.id.clone()));
    }
    let shown = skip + page.len();
    if shown < total {
        reply = reply.button(Text::new("find-more"), Action::More);
    }
    let reply = reply.buttons([
        Button { label: Text::new("menu-groups"), action: Action::Groups },
        Button { label: Text::new("find-search-again"), action: Action::Find },
        help_now_button(),
        menu_button(),
    ]);
    Step::new(State::Results { place: place_code, nearest, shown }, language, reply)
}

/// Several places share the name: ask for the oblast, or for the place itself
/// when they are all in one oblast.
fn ask_which(ctx: &Context<'_>, candidates: Vec<usize>, name: String) -> Step {
    let gazetteer = ctx.gazetteer;
    let mut oblasts: Vec<usize> = candidates.iter().map(|&p| gazetteer.place(p).oblast).collect();
    oblasts.sort_by(|&a, &b| gazetteer.oblast(a).name_uk.cmp(&gazetteer.oblast(b).name_uk));
    oblasts.dedup();
    let mut reply = Reply::default();
    if oblasts.len() > 1 {
        reply = reply.line(Text::new("find-which-oblast").plain("name", name).count("count", candidates.len() as i64));
        for oblast in oblasts {
            let count = candidates.iter().filter(|&&p| gazetteer.place(p).oblast == oblast).count();
            let label =
                Text::new("find-oblast-choice").plain("oblast", oblast_label(ctx, oblast)).count("count", count as i64);
            reply = reply.button(label, Action::Oblast(gazetteer.oblast(oblast).code.clone()));
        }
    } else {
        reply = reply.line(Text::new("find-which-place").plain("name", name));
        for &p in &candidates {
            let place = gazetteer.place(p);
            reply = reply.button(place_label(ctx, place), Action::Place(place.code.clone()));
        }
    }
    let codes = candidates.iter().map(|&p| gazetteer.place(p).code.clone()).collect();
    let reply = reply.buttons([help_now_button(), menu_button()]);
    Step::new(State::ChoosingPlace { candidates: codes }, ctx.language, reply)
}

/// "Новомиколаївка (Вільнянська громада, Запорізька область)".
fn place_label(ctx: &Context<'_>, place: &Place) -> Text {
    let text = match (place.kind, place.hromada) {
        (PlaceKind::Hromada, _) => Text::new("find-place-choice-hromada"),
        (_, Some(h)) => {
            Text::new("find-place-choice").plain("hromada", place_name(ctx.gazetteer.place(h), ctx.language))
        }
        (_, None) => Text::new("find-place-choice-no-hromada"),
    };
    text.plain("name", place_name(place, ctx.language)).plain("oblast", oblast_name(ctx, place))
}

/// The name the person meant, as a hint should say it: the place's own name
/// when that is what matched, else what they typed (a former name such as
/// "Артемівськ", which Бахмут and Кипуче share, or another place's variant).
fn meant_name(ctx: &Context<'_>, place: &Place, matched: &str, typed: &str) -> String {
    if skeleton(&place.name_uk) == matched || skeleton(&place.name_lat) == matched {
        return place_name(place, ctx.language).to_owned();
    }
    let typed = typed.split([',', ';']).next().unwrap_or(typed).trim();
    let mut letters = typed.chars();
    letters.next().map(|first| first.to_uppercase().chain(letters).collect()).unwrap_or_default()
}

/// The oblasts where the namesakes are, most likely first, at most three
/// and "…" after them.
fn oblast_list(ctx: &Context<'_>, places: &[usize]) -> Arg {
    const SHOWN: usize = 3;
    let mut oblasts: Vec<usize> = Vec::new();
    for &place in places {
        let oblast = ctx.gazetteer.place(place).oblast;
        if !oblasts.contains(&oblast) {
            oblasts.push(oblast);
        }
    }
    let mut list: Vec<Text> = oblasts
        .iter()
        .take(SHOWN)
        .map(|&o| Text::new("find-oblast-name").plain("oblast", oblast_label(ctx, o)))
        .collect();
    if oblasts.len() > SHOWN {
        list.push(Text::new("find-list-more"));
    }
    Arg::List(list)
}

fn place_name(place: &Place, language: Language) -> &str {
    match language {
        Language::Uk => &place.name_uk,
        Language::En => &place.name_lat,
    }
}

fn oblast_label(ctx: &Context<'_>, oblast: usize) -> String {
    let oblast = ctx.gazetteer.oblast(oblast);
    match ctx.language {
        Language::Uk => oblast.name_uk.clone(),
        Language::En => oblast.name_en.clone(),
    }
}

fn oblast_name(ctx: &Context<'_>, place: &Place) -> String {
    oblast_label(ctx, place.oblast)
}

/// The first word of the oblast's name ("Тернопільська", "Ternopil"), as
/// people add it to a query; the search understands both.
fn oblast_word(ctx: &Context<'_>, place: &Place) -> String {
    let name = oblast_label(ctx, place.oblast);
    name.split_whitespace().next().unwrap_or(&name).to_owned()
}
