//! Points on the Earth (WGS 84), checked when made, and the box around
//! Ukraine that centres must fall in.

use serde::{Deserialize, Serialize};

/// A point on the Earth in WGS 84 degrees, known to be finite and in range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

/// Why a latitude/longitude pair was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InvalidCoordinates {
    #[error("latitude and longitude must be numbers")]
    NotANumber,
    #[error("latitude must be between -90 and 90 and longitude between -180 and 180")]
    OutOfRange,
}

/// A generous box around Ukraine (south of Crimea to north of Chernihiv oblast,
/// Zakarpattia to Luhansk oblast): centres outside it are typos in the data.
pub const UKRAINE_BOUNDS: Bounds = Bounds { min_lat: 44.0, max_lat: 52.5, min_lon: 22.0, max_lon: 40.5 };

/// A latitude/longitude box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

impl Coordinates {
    /// Validates a pair from an untrusted source (a shared location, a CSV row).
    pub fn parse(lat: f64, lon: f64) -> Result<Self, InvalidCoordinates> {
        if !lat.is_finite() || !lon.is_finite() {
            return Err(InvalidCoordinates::NotANumber);
        }
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(InvalidCoordinates::OutOfRange);
        }
        Ok(Self { lat, lon })
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub fn lon(self) -> f64 {
        self.lon
    }

    /// An OpenStreetMap link to the point; it opens in any browser, no app needed.
    pub fn map_url(self) -> String {
        let (lat, lon) = (self.lat, self.lon);
        format!("https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=16/{lat:.5}/{lon:.5}")
    }

    /// Whether the point lies in Ukraine's bounding box.
    pub fn is_in(self, bounds: Bounds) -> bool {
        (bounds.min_lat..=bounds.max_lat).contains(&self.lat) && (bounds.min_lon..=bounds.max_lon).contains(&self.lon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_refuse_nan_infinity_and_out_of_range_values() {
        assert_eq!(Coordinates::parse(f64::NAN, 30.0), Err(InvalidCoordinates::NotANumber));
        assert_eq!(Coordinates::parse(50.0, f64::INFINITY), Err(InvalidCoordinates::NotANumber));
        assert_eq!(Coordinates::parse(100.0, 30.0), Err(InvalidCoordinates::OutOfRange));
        assert_eq!(Coordinates::parse(50.0, -200.0), Err(InvalidCoordinates::OutOfRange));
        assert!(Coordinates::parse(50.45, 30.52).is_ok());
    }

    #[test]
    fn kyiv_is_in_ukraine_and_warsaw_is_not() {
        let kyiv = Coordinates::parse(50.45, 30.52).expect("valid");
        let warsaw = Coordinates::parse(52.23, 21.01).expect("valid");
        assert!(kyiv.is_in(UKRAINE_BOUNDS));
        assert!(!warsaw.is_in(UKRAINE_BOUNDS));
    }
}
