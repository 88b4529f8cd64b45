use std::collections::HashSet;

use chrono::NaiveDate;
use sqlx::{FromRow, PgConnection};

use super::{Store, StoreError};
use crate::domain::Person;
use crate::domain::{
    Centre, CentreField, CentreId, Coordinates, FieldChange, ImportOptions, ImportPlan, ImportedCentre, LocationSource,
    Phone, ServiceTag,
};

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

const SELECT_CENTRE: &str = "SELECT id, name_uk, name_en, lat, lon, location_source, oblast, hromada, settlement, \
     address_uk, address_en, phones, email, website, opening_hours, services, notes, verified_on, serves_hromada, sample FROM centre WHERE id = $1";

impl Store {
    /// Every centre, ordered by id.
    pub async fn centres(&self) -> Result<Vec<Centre>, StoreError> {
        let rows: Vec<CentreRow> = sqlx::query_as(SELECT_CENTRES).fetch_all(&self.pool).await?;
        rows.into_iter().map(Centre::try_from).collect()
    }

    /// One centre by its id, `None` when there is none (the desk's centre
    /// page reads it fresh after an edit, not from a reloaded directory).
    pub async fn centre(&self, id: &CentreId) -> Result<Option<Centre>, StoreError> {
        let row: Option<CentreRow> = sqlx::query_as(SELECT_CENTRE).bind(id.as_str()).fetch_optional(&self.pool).await?;
        row.map(Centre::try_from).transpose()
    }

    /// Upserts the centres of a validated file in one transaction; with
    /// `replace`, centres missing from the file are removed. Running bots are
    /// told to reload when the transaction commits. (See
    /// [`Store::import_centres_with`] for what it keeps and reports.)
    pub async fn import_centres(&self, file: &[ImportedCentre], replace: bool) -> Result<ImportSummary, StoreError> {
        let plan = self.import_centres_with(file, ImportOptions { replace, ..ImportOptions::default() }).await?;
        Ok(ImportSummary {
            added: plan.added.len(),
            updated: plan.changed.len(),
            unchanged: plan.unchanged,
            removed: plan.removed.len(),
        })
    }

    /// Imports a validated file in one transaction, or with `dry_run` only
    /// says what it would do. A field whose latest change is a
    /// coordinator's keeps their value when the file differs, unless
    /// `overwrite_edits`; every field an import changes is written to the
    /// centre's history. The plan is computed inside the transaction that
    /// applies it, so it is exactly what happened.
    pub async fn import_centres_with(
        &self,
        file: &[ImportedCentre],
        options: ImportOptions,
    ) -> Result<ImportPlan, StoreError> {
        let mut tx = self.pool.begin().await?;
        // Serialises imports and coordinators' edits against each other, so
        // that the plan, its counts and deletions are exact.
        sqlx::query("LOCK TABLE centre IN SHARE ROW EXCLUSIVE MODE").execute(&mut *tx).await?;
        let stored: Vec<CentreRow> = sqlx::query_as(SELECT_CENTRES).fetch_all(&mut *tx).await?;
        let stored: Vec<Centre> = stored.into_iter().map(Centre::try_from).collect::<Result<_, _>>()?;
        let edited = coordinators_fields(&mut tx).await?;
        let plan = ImportPlan::new(file, &stored, &edited, options);
        if options.dry_run {
            tx.rollback().await?;
            return Ok(plan);
        }
        for (centre, _) in &plan.added {
            upsert(&mut tx, centre).await?;
        }
        for changed in &plan.changed {
            upsert(&mut tx, &changed.centre).await?;
            for change in changed.changes.iter().filter(|c| c.field != CentreField::VerifiedOn) {
                record_change(&mut tx, &changed.centre.id, change, None).await?;
            }
        }
        if !plan.removed.is_empty() {
            let removed: Vec<&str> = plan.removed.iter().map(|c| c.id.as_str()).collect();
            sqlx::query("DELETE FROM centre WHERE id = ANY($1)").bind(&removed).execute(&mut *tx).await?;
        }
        if plan.changes_anything() {
            sqlx::query("SELECT pg_notify($1, '')").bind(CENTRE_CHANGED).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(plan)
    }
}

/// The fields whose latest change was a coordinator's, by centre.
async fn coordinators_fields(conn: &mut PgConnection) -> Result<HashSet<(CentreId, CentreField)>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT centre_id, field FROM (SELECT DISTINCT ON (centre_id, field) centre_id, field, source \
         FROM centre_history ORDER BY centre_id, field, id DESC) latest WHERE source = 'coordinator'",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(centre, field)| Some((CentreId::parse(&centre).ok()?, CentreField::parse(&field)?)))
        .collect())
}

/// Writes one change to a centre's history: by an import (`by` is `None`)
/// or by a coordinator.
pub(super) async fn record_change(
    conn: &mut PgConnection,
    centre: &CentreId,
    change: &FieldChange,
    by: Option<&Person>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO centre_history (centre_id, field, old_value, new_value, source, by_channel, by_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(centre.as_str())
    .bind(change.field.as_str())
    .bind(&change.old)
    .bind(&change.new)
    .bind(if by.is_some() { "coordinator" } else { "import" })
    .bind(by.map(|p| p.channel.as_str()))
    .bind(by.map(|p| p.external_id.as_str()))
    .execute(conn)
    .await?;
    Ok(())
}

/// The centre with this id, locked for an update, if `person` coordinates
/// it: the one place edits check the `coordinator` table.
pub(super) async fn centre_for_coordinator(
    conn: &mut PgConnection,
    person: &Person,
    centre: &CentreId,
) -> Result<Option<Centre>, StoreError> {
    let row: Option<CentreRow> = sqlx::query_as(
        "SELECT id, name_uk, name_en, lat, lon, location_source, oblast, hromada, settlement, address_uk, address_en, \
             phones, email, website, opening_hours, services, notes, verified_on, serves_hromada, sample FROM centre c \
         WHERE c.id = $1 AND EXISTS (SELECT 1 FROM coordinator k \
             WHERE k.centre_id = c.id AND k.channel = $2 AND k.external_id = $3) FOR UPDATE",
    )
    .bind(centre.as_str())
    .bind(person.channel.as_str())
    .bind(&person.external_id)
    .fetch_optional(conn)
    .await?;
    row.map(Centre::try_from).transpose()
}

/// The centre, locked, if the person is an operator or coordinates it.
pub(super) async fn centre_for_editor(
    conn: &mut PgConnection,
    person: &Person,
    centre: &CentreId,
) -> Result<Option<Centre>, StoreError> {
    let row: Option<CentreRow> = sqlx::query_as(
        "SELECT id, name_uk, name_en, lat, lon, location_source, oblast, hromada, settlement, address_uk, address_en, \
             phones, email, website, opening_hours, services, notes, verified_on, serves_hromada, sample FROM centre c \
         WHERE c.id = $1 AND (EXISTS (SELECT 1 FROM coordinator k \
             WHERE k.centre_id = c.id AND k.channel = $2 AND k.external_id = $3) \
           OR EXISTS (SELECT 1 FROM operator o WHERE o.channel = $2 AND o.external_id = $3)) FOR UPDATE",
    )
    .bind(centre.as_str())
    .bind(person.channel.as_str())
    .bind(&person.external_id)
    .fetch_optional(conn)
    .await?;
    row.map(Centre::try_from).transpose()
}

pub(super) async fn upsert(tx: &mut sqlx::PgConnection, c: &Centre) -> Result<(), StoreError> {
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
