//! The geocoder's answers, cached so that a re-import asks nothing again.

use super::{Store, StoreError};
use crate::domain::Coordinates;

impl Store {
    /// The cached answer for an address: `None` if never asked,
    /// `Some(None)` if the geocoder found nothing.
    pub async fn geocoder_answer(&self, query: &str) -> Result<Option<Option<Coordinates>>, StoreError> {
        let row: Option<(Option<f64>, Option<f64>)> =
            sqlx::query_as("SELECT lat, lon FROM geocoder_answer WHERE query = $1")
                .bind(query)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(lat, lon)| lat.zip(lon).and_then(|(lat, lon)| Coordinates::parse(lat, lon).ok())))
    }

    /// Keeps the geocoder's answer for an address.
    pub async fn keep_geocoder_answer(&self, query: &str, answer: Option<Coordinates>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO geocoder_answer (query, lat, lon) VALUES ($1, $2, $3) \
             ON CONFLICT (query) DO UPDATE SET lat = EXCLUDED.lat, lon = EXCLUDED.lon, answered_at = now()",
        )
        .bind(query)
        .bind(answer.map(Coordinates::lat))
        .bind(answer.map(Coordinates::lon))
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
