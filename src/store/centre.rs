use chrono::NaiveDate;
use sqlx::FromRow;

use super::{Store, StoreError};
use crate::domain::{Centre, CentreId, Coordinates, ImportedCentre, LocationSource, Phone, ServiceTag};

/// The Postgres NOTIFY channel announcing that the centre table changed, so
/// that every running bot process reloads its directory.
pub const CENTRE_CHANGED: &str = "centre_changed";

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

#[derive(FromRow)]
struct CentreRow {
    id: String,
    name_uk: String,
    name_en: String,
    lat: f64,
    lon: f64,
    location_source: String,
    oblast: Option<String>,
    hromada: Option<String>,
    settlement: Option<String>,
    address_uk: Option<String>,
    address_en: Option<String>,
    phones: Vec<String>,
    email: Option<String>,
    website: Option<String>,
    opening_hours: Option<String>,
    services: Vec<String>,
    notes: Option<String>,
    verified_on: NaiveDate,
    serves_hromada: Option<String>,
    sample: bool,
}

impl TryFrom<CentreRow> for Centre {
    type Error = StoreError;

    fn try_from(row: CentreRow) -> Result<Self, Self::Error> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("centre {}: {what}", row.id));
        Ok(Centre {
            id: CentreId::parse(&row.id).map_err(|_| corrupt("id"))?,
            location: Coordinates::parse(row.lat, row.lon).map_err(|_| corrupt("coordinates"))?,
            location_source: LocationSource::parse(&row.location_source).map_err(|_| corrupt("location_source"))?,
            phones: row
                .phones
                .iter()
                .map(|p| Phone::parse(p))
                .collect::<Result<_, _>>()
                .map_err(|_| corrupt("phone"))?,
            services: row
                .services
                .iter()
                .map(|s| ServiceTag::parse(s))
                .collect::<Result<_, _>>()
                .map_err(|_| corrupt("service"))?,
            name_uk: row.name_uk,
            name_en: row.name_en,
            oblast: row.oblast,
            hromada: row.hromada,
            settlement: row.settlement,
            address_uk: row.address_uk,
            address_en: row.address_en,
            email: row.email,
            website: row.website,
            opening_hours: row.opening_hours,
            notes: row.notes,
            verified_on: row.verified_on,
            serves_hromada: row.serves_hromada,
            sample: row.sample,
        })
    }
}

const SELECT_CENTRES: &str = "SELECT id, name_uk, name_en, lat, lon, location_source, oblast, hromada, settlement, \
     address_uk, address_en, phones, email, website, opening_hours, services, notes, verified_on, serves_hromada, sample FROM centre ORDER BY id";

impl Store {
    /// Every centre, ordered by id.
    pub async fn centres(&self) -> Result<Vec<Centre>, StoreError> {
        let rows: Vec<CentreRow> = sqlx::query_as(SELECT_CENTRES).fetch_all(&self.pool).await?;
        rows.into_iter().map(Centre::try_from).collect()
    }

    /// Upserts the centres of a validated file in one transaction; with
    /// `replace`, centres missing from the file are removed. Running bots are
    /// told to reload when the transaction commits.
    pub async fn import_centres(&self, file: &[ImportedCentre], replace: bool) -> Result<ImportSummary, StoreError> {
        let mut tx = self.pool.begin().await?;
        // Serialises concurrent imports so that their counts and deletions are exact.
        sqlx::query("LOCK TABLE centre IN SHARE ROW EXCLUSIVE MODE").execute(&mut *tx).await?;
        let stored: Vec<CentreRow> = sqlx::query_as(SELECT_CENTRES).fetch_all(&mut *tx).await?;
        let stored: Vec<Centre> = stored.into_iter().map(Centre::try_from).collect::<Result<_, _>>()?;
        let mut summary = ImportSummary::default();
        for imported in file {
            let mut centre = imported.centre.clone();
            match stored.iter().find(|s| s.id == centre.id) {
                Some(existing) => {
                    if !imported.verified_on_given {
                        let unchanged = Centre { verified_on: existing.verified_on, ..centre.clone() };
                        if &unchanged == existing {
                            centre.verified_on = existing.verified_on;
                        }
                    }
                    if &centre == existing {
                        summary.unchanged += 1;
                        continue;
                    }
                    summary.updated += 1;
                }
                None => summary.added += 1,
            }
            upsert(&mut tx, &centre).await?;
        }
        if replace {
            let keep: Vec<String> = file.iter().map(|i| i.centre.id.to_string()).collect();
            let removed =
                sqlx::query("DELETE FROM centre WHERE NOT (id = ANY($1))").bind(&keep).execute(&mut *tx).await?;
            summary.removed = usize::try_from(removed.rows_affected()).unwrap_or(usize::MAX);
        }
        if summary != (ImportSummary { unchanged: summary.unchanged, ..ImportSummary::default() }) {
            sqlx::query("SELECT pg_notify($1, '')").bind(CENTRE_CHANGED).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(summary)
    }
}

async fn upsert(tx: &mut sqlx::PgConnection, c: &Centre) -> Result<(), StoreError> {
    let phones: Vec<&str> = c.phones.iter().map(Phone::as_e164).collect();
    let services: Vec<&str> = c.services.iter().map(|s| s.as_str()).collect();
    sqlx::query(
        "INSERT INTO centre (id, name_uk, name_en, lat, lon, oblast, hromada, address_uk, address_en, phones, email, \
             website, opening_hours, services, notes, verified_on, serves_hromada, sample, location_source, settlement) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
         ON CONFLICT (id) DO UPDATE SET name_uk = EXCLUDED.name_uk, name_en = EXCLUDED.name_en, lat = EXCLUDED.lat, \
             lon = EXCLUDED.lon, location_source = EXCLUDED.location_source, oblast = EXCLUDED.oblast, \
             hromada = EXCLUDED.hromada, settlement = EXCLUDED.settlement, \
             address_uk = EXCLUDED.address_uk, address_en = EXCLUDED.address_en, phones = EXCLUDED.phones, \
             email = EXCLUDED.email, website = EXCLUDED.website, opening_hours = EXCLUDED.opening_hours, \
             services = EXCLUDED.services, notes = EXCLUDED.notes, verified_on = EXCLUDED.verified_on, \
             serves_hromada = EXCLUDED.serves_hromada, sample = EXCLUDED.sample, updated_at = now()",
    )
    .bind(c.id.as_str())
    .bind(&c.name_uk)
    .bind(&c.name_en)
    .bind(c.location.lat())
    .bind(c.location.lon())
    .bind(&c.oblast)
    .bind(&c.hromada)
    .bind(&c.address_uk)
    .bind(&c.address_en)
    .bind(&phones)
    .bind(&c.email)
    .bind(&c.website)
    .bind(&c.opening_hours)
    .bind(&services)
    .bind(&c.notes)
    .bind(c.verified_on)
    .bind(&c.serves_hromada)
    .bind(c.sample)
    .bind(c.location_source.as_str())
    .bind(&c.settlement)
    .execute(tx)
    .await?;
    Ok(())
}
