//! Placing a centre that came without coordinates: at its settlement found
//! in the gazetteer within its oblast (and its hromada, when given), else at
//! its hromada's administrative centre. Such a point may be kilometres from
//! the door, so the centre's `location_source` says how it was found and
//! the bot tells people to go by the address.

use super::gazetteer::{Gazetteer, Lookup, PlaceKind, Precision};
use super::normalize::{distance_within, skeleton};
use crate::domain::{Coordinates, LocationSource};

/// Where a centre was placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub location: Coordinates,
    /// `Settlement`, or `Hromada` when only the hromada was found or the
    /// settlement has no point of its own (the gazetteer gives it the
    /// hromada's).
    pub source: LocationSource,
    /// The gazetteer's name of the place, for the import report.
    pub place: String,
    /// The oblast's position in the gazetteer.
    pub oblast: usize,
}

/// Why a row could not be placed; the closest spellings when there are any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    #[error("no lat/lon, and no settlement or hromada to place the centre by")]
    NothingToGoBy,
    #[error("no lat/lon, and no oblast to look for {0:?} in")]
    NoOblast(String),
    #[error("unknown oblast {raw:?}{}", closest(.suggestions))]
    UnknownOblast { raw: String, suggestions: Vec<String> },
    #[error("cannot place the centre: no {what} {raw:?} in {oblast}{}", closest(.suggestions))]
    NotFound { what: &'static str, raw: String, oblast: String, suggestions: Vec<String> },
    #[error("cannot place the centre: several settlements named {raw:?} in {oblast}; give the hromada")]
    Ambiguous { raw: String, oblast: String },
}

fn closest(suggestions: &[String]) -> String {
    if suggestions.is_empty() { String::new() } else { format!(" (closest: {})", suggestions.join(", ")) }
}

/// Places a row by its `oblast`, `hromada` and `settlement` as the file
/// gives them (any may be empty).
pub fn place(
    gazetteer: &Gazetteer,
    oblast: &str,
    hromada: &str,
    settlement: &str,
) -> Result<Placement, PlacementError> {
    let (oblast, hromada, settlement) = (oblast.trim(), hromada.trim(), settlement.trim());
    if hromada.is_empty() && settlement.is_empty() {
        return Err(PlacementError::NothingToGoBy);
    }
    if oblast.is_empty() {
        return Err(PlacementError::NoOblast(if settlement.is_empty() { hromada } else { settlement }.to_owned()));
    }
    let oblast_index = find_oblast(gazetteer, oblast)?;
    let oblast_name = gazetteer.oblast(oblast_index).name_uk.clone();
    let not_found = |what, raw: &str, suggestions: Vec<usize>| PlacementError::NotFound {
        what,
        raw: raw.to_owned(),
        oblast: oblast_name.clone(),
        suggestions: suggestions.into_iter().map(|p| gazetteer.place(p).name_uk.clone()).collect(),
    };
    let hromada_index = if hromada.is_empty() {
        None
    } else {
        match gazetteer.find_within(hromada, oblast_index, None, true) {
            Lookup::Found { place, .. } => Some(place),
            Lookup::Ambiguous { candidates, .. } => candidates.first().copied(),
            Lookup::NotFound { suggestions } => return Err(not_found("hromada", hromada, suggestions)),
        }
    };
    let at = |index: usize, source: LocationSource| {
        let place = gazetteer.place(index);
        Placement { location: place.location, source, place: place.name_uk.clone(), oblast: oblast_index }
    };
    if !settlement.is_empty() {
        match gazetteer.find_within(settlement, oblast_index, hromada_index, false) {
            Lookup::Found { place, .. } => {
                let own_point = gazetteer.place(place).precision == Precision::Place;
                return Ok(at(place, if own_point { LocationSource::Settlement } else { LocationSource::Hromada }));
            }
            Lookup::Ambiguous { .. } if hromada_index.is_none() => {
                return Err(PlacementError::Ambiguous { raw: settlement.to_owned(), oblast: oblast_name });
            }
            Lookup::Ambiguous { candidates: places, .. } => {
                // Two places of one name in one hromada: the hromada's point is as good.
                let own_point = places.iter().all(|&p| gazetteer.place(p).precision == Precision::Place);
                if own_point {
                    return Ok(at(places[0], LocationSource::Settlement));
                }
            }
            Lookup::NotFound { suggestions } if hromada_index.is_none() => {
                return Err(not_found("settlement", settlement, suggestions));
            }
            Lookup::NotFound { .. } => {}
        }
    }
    let hromada_index = hromada_index.ok_or(PlacementError::NothingToGoBy)?;
    debug_assert_eq!(gazetteer.place(hromada_index).kind, PlaceKind::Hromada);
    Ok(at(hromada_index, LocationSource::Hromada))
}

/// An oblast by its name as tables write it ("Київська область",
/// "Київська обл.", "м. Київ"), or the closest names.
pub fn find_oblast(gazetteer: &Gazetteer, raw: &str) -> Result<usize, PlacementError> {
    let words = super::normalize::query_words(raw).concat();
    let position = |name: &str| gazetteer.oblasts().iter().position(|o| o.name_uk == name);
    if let Some(found) = gazetteer.find_oblast(raw).or_else(|| gazetteer.find_oblast(&words)) {
        return position(&found.name_uk)
            .ok_or(PlacementError::UnknownOblast { raw: raw.to_owned(), suggestions: vec![] });
    }
    let key = skeleton(&words);
    let mut near: Vec<(usize, &str)> = gazetteer
        .oblasts()
        .iter()
        .filter_map(|o| {
            let name = skeleton(o.name_uk.split_whitespace().next().unwrap_or(""));
            distance_within(key.as_bytes(), name.as_bytes(), 3).map(|d| (d, o.name_uk.as_str()))
        })
        .collect();
    near.sort_unstable();
    Err(PlacementError::UnknownOblast {
        raw: raw.to_owned(),
        suggestions: near.into_iter().take(3).map(|(_, n)| n.to_owned()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::built_in().expect("built-in gazetteer"));

    #[test]
    fn a_settlement_is_found_within_its_oblast_whatever_the_table_calls_it() {
        let placed = place(&GAZETTEER, "Київська область", "", "м. Бровари").expect("placed");
        assert_eq!((placed.place.as_str(), placed.source), ("Бровари", LocationSource::Settlement));
        let placed =
            place(&GAZETTEER, "Київська обл.", "Броварська міська територіальна громада", "Бровари").expect("placed");
        assert_eq!(placed.place, "Бровари");
    }

    #[test]
    fn without_a_settlement_the_hromadas_centre_is_used() {
        let placed = place(&GAZETTEER, "Київська", "Броварська громада", "").expect("placed");
        assert_eq!((placed.place.as_str(), placed.source), ("Броварська", LocationSource::Hromada));
        // A settlement not in that hromada falls back to the hromada.
        let placed = place(&GAZETTEER, "Київська", "Броварська громада", "Неіснуюче").expect("placed");
        assert_eq!(placed.source, LocationSource::Hromada);
    }

    #[test]
    fn a_row_that_cannot_be_placed_names_the_closest_spellings() {
        let error = place(&GAZETTEER, "Київська область", "", "Броваари").unwrap_err();
        assert!(
            matches!(&error, PlacementError::NotFound { suggestions, .. } if suggestions.contains(&"Бровари".to_owned())),
            "{error}"
        );
        let error = place(&GAZETTEER, "Киівська", "", "Бровари").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(error.place, "Бровари", "a misspelt oblast one edit away is still found");
        let error = place(&GAZETTEER, "Марсіанська область", "", "Бровари").unwrap_err();
        assert!(matches!(error, PlacementError::UnknownOblast { .. }), "{error}");
        assert_eq!(place(&GAZETTEER, "Київська", "", ""), Err(PlacementError::NothingToGoBy));
        assert!(matches!(place(&GAZETTEER, "", "", "Бровари"), Err(PlacementError::NoOblast(_))));
    }
}
