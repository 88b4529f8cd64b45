//! The guided hours picker: for each weekday, open from–to or closed (both
//! times empty), as plain `<input type="time">` fields that work without
//! JavaScript. It only writes an `opening_hours` value ("Mo-Fr
//! 09:00-18:00; Sa-Su off"); saving that value goes through the same edit
//! path and validation as the typed field.

use chrono::{NaiveDate, NaiveTime};

use super::page::Tr;
use crate::directory::Hours;

/// The weekdays in order: (form prefix, `opening_hours` day, label id).
const DAYS: [(&str, &str, &str); 7] = [
    ("mo", "Mo", "desk-day-mo"),
    ("tu", "Tu", "desk-day-tu"),
    ("we", "We", "desk-day-we"),
    ("th", "Th", "desk-day-th"),
    ("fr", "Fr", "desk-day-fr"),
    ("sa", "Sa", "desk-day-sa"),
    ("su", "Su", "desk-day-su"),
];

/// The picker's fields as a form sends them (`HH:MM`, or empty for closed).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Week {
    #[serde(default)]
    mo_from: String,
    #[serde(default)]
    mo_to: String,
    #[serde(default)]
    tu_from: String,
    #[serde(default)]
    tu_to: String,
    #[serde(default)]
    we_from: String,
    #[serde(default)]
    we_to: String,
    #[serde(default)]
    th_from: String,
    #[serde(default)]
    th_to: String,
    #[serde(default)]
    fr_from: String,
    #[serde(default)]
    fr_to: String,
    #[serde(default)]
    sa_from: String,
    #[serde(default)]
    sa_to: String,
    #[serde(default)]
    su_from: String,
    #[serde(default)]
    su_to: String,
}

/// One weekday's row of the picker.
pub struct PickerDay {
    /// The form prefix (`mo`…`su`).
    pub code: &'static str,
    pub label: String,
    /// `HH:MM`, or empty.
    pub from: String,
    pub to: String,
}

impl Week {
    fn times(&self) -> [(&str, &str); 7] {
        [
            (&self.mo_from, &self.mo_to),
            (&self.tu_from, &self.tu_to),
            (&self.we_from, &self.we_to),
            (&self.th_from, &self.th_to),
            (&self.fr_from, &self.fr_to),
            (&self.sa_from, &self.sa_to),
            (&self.su_from, &self.su_to),
        ]
        .map(|(from, to)| (from.trim(), to.trim()))
    }

    /// The week as `opening_hours`, consecutive days with the same times
    /// joined ("Mo-Fr 09:00-18:00; Sa-Su off"). A day with one time but not
    /// the other, or a time that is not `HH:MM`, is refused: the error names
    /// the day (`Mo`…`Su`).
    pub fn to_opening_hours(&self) -> Result<String, &'static str> {
        let mut rules: Vec<(usize, usize, String)> = Vec::new();
        for (i, (from, to)) in self.times().into_iter().enumerate() {
            let rule = match (from.is_empty(), to.is_empty()) {
                (true, true) => "off".to_owned(),
                (false, false) => format!("{}-{}", time(from).ok_or(DAYS[i].1)?, time(to).ok_or(DAYS[i].1)?),
                _ => return Err(DAYS[i].1),
            };
            match rules.last_mut() {
                Some((_, last, same)) if *same == rule => *last = i,
                _ => rules.push((i, i, rule)),
            }
        }
        let days = |first: usize, last: usize| match last - first {
            0 => DAYS[first].1.to_owned(),
            _ => format!("{}-{}", DAYS[first].1, DAYS[last].1),
        };
        Ok(rules
            .into_iter()
            .map(|(first, last, rule)| format!("{} {rule}", days(first, last)))
            .collect::<Vec<_>>()
            .join("; "))
    }
}

/// A time as `HH:MM`, `None` when it is not one.
fn time(raw: &str) -> Option<String> {
    NaiveTime::parse_from_str(raw, "%H:%M").ok().map(|t| t.format("%H:%M").to_string())
}

/// The picker's rows for a schedule, in the week of `today`: each day with
/// one interval shows it; a closed day, or one the picker cannot show
/// (two intervals, an open end), shows empty times.
pub fn days(hours: Option<&Hours>, today: NaiveDate, tr: &Tr) -> Vec<PickerDay> {
    let mut shown: [(String, String); 7] = Default::default();
    if let Some(hours) = hours {
        for span in hours.week(today) {
            let &[(from, to)] = &span.intervals[..] else { continue };
            if span.open_from.is_some() || to > 24 * 60 {
                continue;
            }
            let mut day = span.first;
            loop {
                shown[day.num_days_from_monday() as usize] = (clock(from), clock(to));
                if day == span.last {
                    break;
                }
                day = day.succ();
            }
        }
    }
    DAYS.iter()
        .zip(shown)
        .map(|(&(code, _, label), (from, to))| PickerDay { code, label: tr.t(label), from, to })
        .collect()
}

fn clock(minutes: u16) -> String {
    // `<input type="time">` takes 00:00–23:59: an end at midnight is 00:00.
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(pairs: [(&str, &str); 7]) -> Week {
        let s = |v: &str| v.to_owned();
        Week {
            mo_from: s(pairs[0].0),
            mo_to: s(pairs[0].1),
            tu_from: s(pairs[1].0),
            tu_to: s(pairs[1].1),
            we_from: s(pairs[2].0),
            we_to: s(pairs[2].1),
            th_from: s(pairs[3].0),
            th_to: s(pairs[3].1),
            fr_from: s(pairs[4].0),
            fr_to: s(pairs[4].1),
            sa_from: s(pairs[5].0),
            sa_to: s(pairs[5].1),
            su_from: s(pairs[6].0),
            su_to: s(pairs[6].1),
        }
    }

    #[test]
    fn equal_neighbouring_days_are_joined_and_empty_days_are_closed() {
        let nine = ("09:00", "18:00");
        let week = week([nine, nine, nine, nine, ("9:00", "16:00"), ("", ""), ("", "")]);
        assert_eq!(week.to_opening_hours().unwrap(), "Mo-Th 09:00-18:00; Fr 09:00-16:00; Sa-Su off");
        let value = week.to_opening_hours().unwrap();
        assert!(Hours::parse(&value).is_ok(), "{value}");
    }

    #[test]
    fn half_a_day_or_a_time_that_is_not_one_is_refused_by_its_day() {
        let closed = ("", "");
        assert_eq!(week([closed, ("09:00", ""), closed, closed, closed, closed, closed]).to_opening_hours(), Err("Tu"));
        assert_eq!(
            week([closed, closed, closed, closed, closed, closed, ("9", "25:00")]).to_opening_hours(),
            Err("Su")
        );
        assert_eq!(week([closed; 7]).to_opening_hours().unwrap(), "Mo-Su off");
    }
}
