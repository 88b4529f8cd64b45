//! Coordinators: anonymous check-in statistics for the whole country and the
//! oblasts of their centres, week by week, with small cells hidden
//! (`domain::checkin_stats`). On Telegram a chart of the weekly means comes
//! with it.

use chrono::{Datelike, Duration, NaiveDate};

use super::coordinate::desk;
use super::{Context, Step, menu_button};
use crate::conversation::reply::{Action, Button, Chart, Reply, Series};
use crate::conversation::state::State;
use crate::domain::CentreId;
use crate::domain::checkin_stats::{Area, MIN_CELL};
use crate::i18n::{Arg, Text};

/// Complete weeks shown, last week last. The current week is never shown:
/// comparing its figures before and after one more check-in would give
/// that check-in away.
pub const WEEKS: i64 = 8;

/// The Monday of the first week shown, for loading the figures.
pub fn first_week(today: NaiveDate) -> NaiveDate {
    monday(today) - Duration::weeks(WEEKS)
}

/// The last day whose check-ins are shown: the Sunday before `today`'s week.
pub fn last_day(today: NaiveDate) -> NaiveDate {
    monday(today) - Duration::days(1)
}

fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub fn screen(ctx: &Context<'_>, state: State) -> Step {
    if desk(ctx).centres.is_empty() {
        return super::coordinate::not_coordinator(ctx, state);
    }
    let back = Button { label: Text::new("coord-back"), action: Action::Coordinate };
    Step::new(State::Idle, ctx.language, figures(ctx).buttons([back, menu_button()]))
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
    let weeks: Vec<NaiveDate> = (0..WEEKS).map(|i| first_week(ctx.now.date()) + Duration::weeks(i)).collect();
    let mut reply = Reply::default()
        .line(Text::new("stats-title").count("weeks", WEEKS))
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
