//! The settlement nearest to a point, for counting where people search
//! from by hromada without keeping the point.

use super::{Gazetteer, PlaceKind, Precision};
use crate::directory::geo_index::{GeoIndex, haversine_metres};
use crate::domain::Coordinates;

/// The farthest a point may lie from every settlement and still be counted
/// in a hromada (metres). Villages in Ukraine lie a few kilometres apart;
/// the emptiest steppe and forest have one within 20 km.
const SETTLEMENT_METRES: f64 = 30_000.0;

impl Gazetteer {
    /// The position in [`Gazetteer::places`] of the settlement with a point
    /// of its own nearest to `point` (great-circle), or `None` when the
    /// gazetteer has none. The index is built on the first call (tens of
    /// milliseconds for the built-in 30,000 places), then shared.
    pub fn nearest_settlement(&self, point: Coordinates) -> Option<usize> {
        // Settlements (not hromadas) with a point of their own and a hromada:
        // a place placed at its hromada's or oblast's point says nothing
        // about where a point lies.
        let (index, places) = self.settlements.get_or_init(|| {
            let places: Vec<usize> = (0..self.places.len())
                .filter(|&i| {
                    let place = &self.places[i];
                    place.precision == Precision::Place && place.kind != PlaceKind::Hromada && place.hromada.is_some()
                })
                .collect();
            let points: Vec<Coordinates> = places.iter().map(|&i| self.places[i].location).collect();
            (GeoIndex::new(&points), places)
        });
        index.nearest(point, 1).first().map(|n| places[n.item])
    }

    /// The hromada (its position in [`Gazetteer::places`]) of the settlement
    /// nearest to `point`: where a search from that point is counted. `None`
    /// when no settlement is within 30 km (`SETTLEMENT_METRES`): the point is
    /// abroad (someone looking from Poland would otherwise count in a
    /// border hromada) or at sea.
    pub fn hromada_at(&self, point: Coordinates) -> Option<usize> {
        let settlement = self.nearest_settlement(point)?;
        let near = haversine_metres(point, self.places[settlement].location) <= SETTLEMENT_METRES;
        near.then_some(self.places[settlement].hromada).flatten()
    }
}

#[cfg(test)]
mod tests {
    use crate::directory::Gazetteer;
    use crate::domain::Coordinates;

    #[test]
    fn a_point_in_a_town_is_counted_in_the_towns_hromada() {
        let gazetteer = Gazetteer::built_in().expect("the built-in gazetteer");
        // The centre of Balakliia, Kharkiv oblast.
        let point = Coordinates::parse(49.4601, 36.8602).expect("valid");
        let settlement = gazetteer.place(gazetteer.nearest_settlement(point).expect("a settlement"));
        assert_eq!(settlement.name_uk, "Балаклія");
        let hromada = gazetteer.place(gazetteer.hromada_at(point).expect("a hromada"));
        assert!(hromada.name_uk.starts_with("Балаклійська"), "{}", hromada.name_uk);
    }

    const HEADER: &str =
        "code\tkind\tname_uk\tname_lat\toblast_code\thromada_code\tlat\tlon\tprecision\tpopulation\talt_names\n";

    #[test]
    fn a_point_abroad_is_in_no_hromada() {
        let gazetteer = Gazetteer::built_in().expect("the built-in gazetteer");
        // Warsaw.
        assert_eq!(gazetteer.hromada_at(Coordinates::parse(52.2297, 21.0122).expect("valid")), None);
    }

    #[test]
    fn an_empty_gazetteer_has_no_nearest_settlement() {
        let gazetteer = Gazetteer::parse(HEADER).expect("an empty gazetteer");
        assert_eq!(gazetteer.nearest_settlement(Coordinates::parse(50.0, 30.0).expect("valid")), None);
    }
}
