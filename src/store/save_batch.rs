//! Many people's remembered states saved in one statement and one commit:
//! each written only if the person's row is still the version this process
//! saved last, with the same rules as one person's save
//! (`state_save::save_one`). The fixed costs of a statement and a commit (a
//! round trip, waking a Postgres process, a flush) are paid once for every
//! update saved together instead of once each.

use sqlx::PgConnection;

use super::StoreError;
use super::state_save::{SaveOutcome, StateSave};

/// The batch as one call of `save_states` (migration 0031, which says how
/// each save is made): one row per save, `n` counting them from 1.
const SAVE_TOGETHER: &str = "SELECT n, version, applied_before \
     FROM save_states($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[])";

/// Saves `saves` on `connection` together, in one statement and commit: one
/// outcome per save, in order. On an error, [`refused`] tells whether
/// nothing was written.
pub(super) async fn save_batch(
    connection: &mut PgConnection,
    saves: &[StateSave],
) -> Result<Vec<SaveOutcome>, StoreError> {
    let rows = save_together(connection, saves).await?;
    outcomes_in_order(rows, saves.len())
}

/// Saves `saves` together ([`save_batch`]), or, when Postgres refuses that,
/// one by one ([`save_each`], each only if `on_time(i)`): one outcome per
/// save, in order (None: not started). The error is the batch's when the
/// database could not be reached or it is unknown what was written.
pub(super) async fn save_together_or_each(
    connection: &mut PgConnection,
    saves: &[StateSave],
    on_time: impl Fn(usize) -> bool,
) -> Result<Vec<Result<Option<SaveOutcome>, StoreError>>, StoreError> {
    match save_batch(connection, saves).await {
        Ok(outcomes) => Ok(outcomes.into_iter().map(|outcome| Ok(Some(outcome))).collect()),
        Err(error) if refused(&error) => Ok(save_each(connection, saves, on_time).await),
        Err(error) => Err(error),
    }
}

/// Whether saving together failed because Postgres refused the statement
/// (a value a constraint refuses, a lock not had in time), which it then
/// rolled back; not when the database could not be reached (whether it
/// committed is unknown) or the statement's answer made no sense (it did).
fn refused(error: &StoreError) -> bool {
    matches!(error, StoreError::Refused { .. } | StoreError::Database(sqlx::Error::Database(_)))
        && !error.is_unavailable()
}

/// Saves `saves` on `connection` one by one, after saving them together was
/// [`refused`]: each gets its own outcome, and one bad save costs the others
/// nothing. Each is a call of its own, so a row another update holds is
/// still skipped, not waited for. `on_time(i)`: whether save `i` may still
/// start (None for those that may not; nothing is written for them).
async fn save_each(
    connection: &mut PgConnection,
    saves: &[StateSave],
    on_time: impl Fn(usize) -> bool,
) -> Vec<Result<Option<SaveOutcome>, StoreError>> {
    let mut outcomes = Vec::with_capacity(saves.len());
    for (i, one) in saves.iter().enumerate() {
        outcomes.push(match on_time(i) {
            true => save_batch(connection, std::slice::from_ref(one)).await.map(|mut only| only.pop()),
            false => Ok(None),
        });
    }
    outcomes
}

/// The statement's rows: `(n, version, applied_before)`, `n` counting the
/// saves from 1.
type Row = (i64, Option<String>, bool);

async fn save_together(connection: &mut PgConnection, saves: &[StateSave]) -> Result<Vec<Row>, sqlx::Error> {
    let column = |field: fn(&StateSave) -> &str| saves.iter().map(field).collect::<Vec<_>>();
    sqlx::query_as(SAVE_TOGETHER)
        .bind(column(|s| s.person.channel.as_str()))
        .bind(column(|s| &s.person.external_id))
        .bind(column(|s| s.language.code()))
        .bind(saves.iter().map(|s| &s.state).collect::<Vec<_>>())
        .bind(column(|s| &s.version))
        .bind(saves.iter().map(|s| s.delivery.as_deref()).collect::<Vec<_>>())
        .fetch_all(connection)
        .await
}

/// The outcome of each save from the statement's rows, which come one per
/// save, ordered. Anything else would leave a save's outcome unknown after
/// the statement committed (saving it again could apply an update twice),
/// so it is an error for all of them.
fn outcomes_in_order(rows: Vec<Row>, saves: usize) -> Result<Vec<SaveOutcome>, StoreError> {
    let numbered = rows.iter().map(|row| row.0).eq(1..=i64::try_from(saves).unwrap_or(i64::MAX));
    if !numbered {
        return Err(StoreError::Corrupt(format!("{} outcomes for {saves} saves saved together", rows.len())));
    }
    Ok(rows
        .into_iter()
        .map(|(_, version, applied_before)| match (version, applied_before) {
            (Some(version), _) => SaveOutcome::Saved(version),
            (None, true) => SaveOutcome::Repeated,
            (None, false) => SaveOutcome::Moved,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_save_gets_the_outcome_of_its_own_row() {
        let rows = vec![(1, Some("7".to_owned()), false), (2, None, true), (3, None, false)];
        let outcomes = outcomes_in_order(rows, 3).unwrap();
        assert_eq!(outcomes, [SaveOutcome::Saved("7".to_owned()), SaveOutcome::Repeated, SaveOutcome::Moved]);
    }

    #[test]
    fn rows_missing_or_out_of_order_leave_no_save_a_guessed_outcome() {
        let missing = vec![(1, Some("7".to_owned()), false)];
        assert!(matches!(outcomes_in_order(missing, 2), Err(StoreError::Corrupt(_))));
        let swapped = vec![(2, None, false), (1, Some("7".to_owned()), false)];
        assert!(matches!(outcomes_in_order(swapped, 2), Err(StoreError::Corrupt(_))));
        let extra = vec![(1, None, false), (2, None, false), (3, None, false)];
        assert!(matches!(outcomes_in_order(extra, 2), Err(StoreError::Corrupt(_))));
    }
}
