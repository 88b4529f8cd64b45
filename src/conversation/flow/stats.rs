//! Coordinators: anonymous check-in statistics for the whole country and the
//! oblasts of their centres, week by week, with small cells hidden
//! (`domain::checkin_stats`). On Telegram a chart of the weekly means comes
//! with it.

use chrono::{Duration, NaiveDate};

use super::desk::{back_button, desk, not_coordinator};
use super::view::menu_button;
use super::{Context, Step};
use crate::conversation::action::Action;
use crate::conversation::reply::{Chart, Reply, Series};
use crate::conversation::state::State;
use crate::domain::CentreId;
use crate::domain::checkin_stats::{Area, MIN_CELL, complete_weeks};
use crate::i18n::{Arg, Text};

/// Complete weeks shown, last week last (see `checkin_stats::complete_weeks`).
pub const WEEKS: u32 = 8;

pub fn screen(ctx: &Context<'_>, state: State) -> Step {
    if desk(ctx).centres.is_empty() {
        return not_coordinator(ctx, state);
    }
    Step::new(State::Idle, ctx.language, figures(ctx).buttons([back_button(), menu_button()]))
}

/// The Monday message to coordinators on Telegram: the same, with the chart.
pub fn weekly(ctx: &Context<'_>) -> Reply {
    let mut reply = figures(ctx);
    reply.paragraphs.insert(0, vec![Text::new("stats-weekly")]);
    reply.button(Text::new("coord-stats"), Action::CoordStats).buttons([menu_button()])
}

fn figures(ctx: &Context<'_>) -> Reply {
    let desk = desk(ctx);
    let rows = desk.stats.as_deref().unwrap_or_default();
    let (first, _) = complete_weeks(ctx.now.date(), WEEKS);
    let weeks: Vec<NaiveDate> = (0..WEEKS).map(|i| first + Duration::weeks(i64::from(i))).collect();
    let mut reply = Reply::default()
        .line(Text::new("stats-title").count("weeks", i64::from(WEEKS)))
        .line(Text::new("stats-suppressed").count("min", MIN_CELL));
    let mut series = Vec::new();
    for (area, name) in areas(ctx) {
        let mut lines = vec![Text::new("stats-area").message("area", name.clone())];
        let mut means = Vec::new();
        for week in &weeks {
            let figures = rows.iter().find(|r| r.week == *week && r.area == area).and_then(|r| r.figures);
            let line = match figures {
                Some(f) => Text::new("stats-week")
                    .with("week", Arg::Date(*week))
                    .count("count", f.count)
                    .with("mean", Arg::Decimal { value: f.mean, digits: 1 })
                    .with("low", Arg::Decimal { value: f.low_share * 100.0, digits: 0 }),
                None => Text::new("stats-week-hidden").with("week", Arg::Date(*week)).count("min", MIN_CELL),
            };
            lines.push(line);
            means.push(figures.map(|f| f.mean));
        }
        reply = reply.paragraph(lines);
        series.push(Series { label: name, values: means });
    }
    reply.chart = Some(Chart { title: Text::new("stats-chart-title"), weeks, series });
    reply
}

/// The whole country, then each oblast of the person's centres.
fn areas(ctx: &Context<'_>) -> Vec<(Area, Text)> {
    let mut areas = vec![(Area::All, Text::new("stats-all-ukraine"))];
    for centre in &desk(ctx).centres {
        let oblast = CentreId::parse(centre)
            .ok()
            .and_then(|id| ctx.directory.get(&id).and_then(|(c, _)| c.oblast.clone()))
            .and_then(|name| ctx.gazetteer.find_oblast(&name));
        if let Some(oblast) = oblast {
            let area = Area::Oblast(oblast.code.clone());
            if !areas.iter().any(|(a, _)| *a == area) {
                areas.push((area, Text::new("stats-oblast").plain("oblast", oblast.name(ctx.language))));
            }
        }
    }
    areas
}
