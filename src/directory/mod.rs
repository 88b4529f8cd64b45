//! The centre directory held in memory: centres with their parsed opening
//! hours, an R-tree for nearest lookups, and the gazetteer for typed places.
//!
//! A [`Directory`] is immutable. After an import, a new one is built and
//! swapped in atomically through [`SharedDirectory`]; conversations that hold the
//! old one finish with it, so the bot keeps answering during a reload.

pub mod centre_csv;
pub mod centre_fields;
mod fuzzy;
mod gazetteer;
mod geo_index;
pub mod normalize;
pub mod opening;
pub mod placement;
mod problems;
pub mod schedule_words;

use std::collections::HashMap;
use std::sync::Arc;

use arc_swap::ArcSwap;

pub use gazetteer::{Gazetteer, GazetteerError, Lookup, Oblast, Place, PlaceKind, Precision};
pub use geo_index::{GeoIndex, Neighbour, haversine_metres};
pub use opening::{DaySpan, Hours, Status};

use crate::domain::{Centre, CentreId, Closure, Coordinates};

/// An immutable snapshot of the centres.
#[derive(Debug)]
pub struct Directory {
    centres: Vec<Centre>,
    /// Parsed opening hours per centre (same positions as `centres`); `None`
    /// when a centre has none. Parsed once here, not on every card, and once
    /// per distinct value: most centres share a few schedules, and each
    /// parsed value carries a holiday calendar.
    hours: Vec<Option<Arc<Hours>>>,
    index: GeoIndex,
    by_id: HashMap<CentreId, usize>,
    /// Temporary closures coordinators announced, by centre.
    closures: HashMap<CentreId, Closure>,
}

/// A centre found near a point.
#[derive(Debug, Clone, Copy)]
pub struct Nearby<'a> {
    pub centre: &'a Centre,
    pub hours: Option<&'a Hours>,
    /// From the point searched; `None` when the point is no longer known
    /// (a shared location is not kept once answered).
    pub metres: Option<f64>,
}

impl Directory {
    /// Builds the index. Opening hours were validated on import; a value that no
    /// longer parses (e.g. after a parser upgrade) is dropped and logged, so one
    /// bad row cannot take the directory down.
    pub fn new(mut centres: Vec<Centre>) -> Self {
        centres.sort_by(|a, b| a.id.cmp(&b.id));
        let mut parsed: HashMap<&str, Option<Arc<Hours>>> = HashMap::new();
        let hours = centres
            .iter()
            .map(|c| {
                let raw = c.opening_hours.as_deref()?;
                parsed
                    .entry(raw)
                    .or_insert_with(|| {
                        Hours::parse(raw)
                            .inspect_err(|error| tracing::warn!(centre = %c.id, %error, "ignoring opening hours"))
                            .ok()
                            .map(Arc::new)
                    })
                    .clone()
            })
            .collect();
        let points: Vec<Coordinates> = centres.iter().map(|c| c.location).collect();
        let by_id = centres.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        Self { index: GeoIndex::new(&points), centres, hours, by_id, closures: HashMap::new() }
    }

    /// The same directory with these closures (of centres it holds).
    pub fn with_closures(mut self, closures: Vec<(CentreId, Closure)>) -> Self {
        self.closures = closures.into_iter().filter(|(id, _)| self.by_id.contains_key(id)).collect();
        self
    }

    /// A centre's announced closure (which may have ended since).
    pub fn closure(&self, id: &CentreId) -> Option<&Closure> {
        self.closures.get(id)
    }

    pub fn empty() -> Self {
        Self::new(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.centres.len()
    }

    pub fn is_empty(&self) -> bool {
        self.centres.is_empty()
    }

    pub fn centres(&self) -> &[Centre] {
        &self.centres
    }

    /// Every centre with its hours, by id; centres with the same schedule
    /// share one `Arc` (a reader may compute per schedule, not per centre).
    pub fn entries(&self) -> impl Iterator<Item = (&Centre, Option<&Arc<Hours>>)> {
        self.centres.iter().zip(self.hours.iter().map(Option::as_ref))
    }

    /// A centre and its hours by id.
    pub fn get(&self, id: &CentreId) -> Option<(&Centre, Option<&Hours>)> {
        let &i = self.by_id.get(id)?;
        Some((&self.centres[i], self.hours[i].as_deref()))
    }

    /// The `count` centres after the first `skip`, by great-circle distance from `origin`.
    pub fn nearest(&self, origin: Coordinates, skip: usize, count: usize) -> Vec<Nearby<'_>> {
        self.index
            .nearest(origin, skip + count)
            .into_iter()
            .skip(skip)
            .map(|n| Nearby {
                centre: &self.centres[n.item],
                hours: self.hours[n.item].as_deref(),
                metres: Some(n.metres),
            })
            .collect()
    }

    /// The `count` centres after the first `skip` of a list kept in order
    /// (the nearest to a point no longer known); centres gone since are left out.
    pub fn listed(&self, ids: &[CentreId], skip: usize, count: usize) -> Vec<Nearby<'_>> {
        ids.iter()
            .filter_map(|id| self.get(id))
            .skip(skip)
            .take(count)
            .map(|(centre, hours)| Nearby { centre, hours, metres: None })
            .collect()
    }
}

/// The current directory, replaceable while readers keep using the old one.
#[derive(Debug, Clone)]
pub struct SharedDirectory(Arc<ArcSwap<Directory>>);

impl SharedDirectory {
    pub fn new(directory: Directory) -> Self {
        Self(Arc::new(ArcSwap::from_pointee(directory)))
    }

    /// The snapshot to answer one update with.
    pub fn current(&self) -> Arc<Directory> {
        self.0.load_full()
    }

    /// Swaps in a new snapshot atomically.
    pub fn replace(&self, directory: Directory) {
        self.0.store(Arc::new(directory));
    }
}
