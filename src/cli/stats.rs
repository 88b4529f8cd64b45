//! `resilience-bot stats checkins`: the anonymous check-in figures per week
//! and oblast for operators, with the same suppression as the bot's
//! coordinator screen (`domain::checkin_stats`).

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

use super::Config;
use crate::conversation::Clock;
use crate::directory::Gazetteer;
use crate::domain::Language;
use crate::domain::checkin_stats::{Area, Figures, MIN_CELL, StatsRow, complete_weeks};

/// Prints the last `weeks` complete weeks before the week of `today` (Kyiv
/// time by default). The current week is never shown: comparing its figures
/// before and after one more check-in would give that check-in away.
pub async fn checkins(
    config: &Config,
    oblast: Option<&str>,
    weeks: u32,
    today: Option<NaiveDate>,
) -> anyhow::Result<()> {
    let gazetteer = Gazetteer::built_in()?;
    let oblast = match oblast {
        Some(name) => Some(
            gazetteer
                .find_oblast(name)
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "no oblast {name:?}: use a name such as \"Lviv\" or \"Львівська\", or a KATOTTH code"
                    )
                })?
                .code
                .clone(),
        ),
        None => None,
    };
    let today = today.unwrap_or_else(|| Clock::System.kyiv_now().date());
    let (first, last) = complete_weeks(today, weeks);
    let rows = config.with_store(async |store| Ok(store.checkin_table((first, last)).await?)).await?;
    print!("{}", table(&rows, &gazetteer, first, last, oblast.as_deref()));
    Ok(())
}

/// One line per week for the whole country (or the oblast asked for), and
/// without a filter one per oblast that had check-ins.
fn table(rows: &[StatsRow], gazetteer: &Gazetteer, first: NaiveDate, last: NaiveDate, only: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10}  {:<34}  {:>9}  {:>10}  {:>10}",
        "week", "area", "check-ins", "mean score", "share <= 50"
    );
    let mut week = first;
    while week <= last {
        let of_week = rows.iter().filter(|r| r.week == week);
        let mut lines: Vec<(String, Option<Figures>)> = Vec::new();
        match only {
            Some(code) => {
                let area = Area::Oblast(code.to_owned());
                let figures = rows.iter().find(|r| r.week == week && r.area == area).and_then(|r| r.figures);
                lines.push((area_name(&area, gazetteer), figures));
            }
            None => {
                let total = rows.iter().find(|r| r.week == week && r.area == Area::All).and_then(|r| r.figures);
                lines.push((area_name(&Area::All, gazetteer), total));
                lines.extend(
                    of_week.filter(|r| r.area != Area::All).map(|r| (area_name(&r.area, gazetteer), r.figures)),
                );
            }
        }
        for (area, figures) in lines {
            let (count, mean, low) = match figures {
                Some(f) => (f.count.to_string(), format!("{:.1}", f.mean), format!("{:.0}%", f.low_share * 100.0)),
                None => (format!("<{MIN_CELL}"), "-".into(), "-".into()),
            };
            let _ = writeln!(out, "{week:<10}  {area:<34}  {count:>9}  {mean:>10}  {low:>10}");
        }
        week += Duration::weeks(1);
    }
    let _ = writeln!(
        out,
        "Cells with fewer than {MIN_CELL} check-ins are hidden, and so is the next smallest when the week's total would give one away."
    );
    out
}

fn area_name(area: &Area, gazetteer: &Gazetteer) -> String {
    match area {
        Area::All => "All of Ukraine".into(),
        Area::NotShared => "oblast not shared".into(),
        Area::Oblast(code) => {
            gazetteer.find_oblast(code).map_or_else(|| code.clone(), |o| o.name(Language::En).to_owned())
        }
    }
}
