//! What importing a centres file would change, computed before anything is
//! written: the store applies a plan in the transaction that computed it,
//! a dry run (on the command line or the desk) only shows it.
//!
//! A field a coordinator changed since the last import keeps the
//! coordinator's value when the file differs (the file is often older than
//! what the coordinator saw at the door), unless the operator asks to
//! overwrite edits.

use std::collections::{HashMap, HashSet};

use super::{Centre, CentreField, CentreId, ImportedCentre};

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Remove centres missing from the file.
    pub replace: bool,
    /// Take the file's value even where a coordinator changed the field.
    pub overwrite_edits: bool,
    /// Compute and show the plan; change nothing.
    pub dry_run: bool,
}

/// One field's change: `None` is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: CentreField,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A stored centre the file changes, field by field.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedCentre {
    pub centre: Centre,
    pub line: u64,
    pub changes: Vec<FieldChange>,
}

/// A coordinator's change that the import keeps although the file differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEdit {
    pub centre: CentreId,
    pub line: u64,
    pub field: CentreField,
    /// The coordinator's value, which stays.
    pub kept: Option<String>,
    /// The file's value, which is not taken.
    pub file: Option<String>,
}

/// What an import does (or would do).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    /// New centres, with the line each came from.
    pub added: Vec<(Centre, u64)>,
    pub changed: Vec<ChangedCentre>,
    pub kept: Vec<KeptEdit>,
    /// With `replace`: stored centres missing from the file.
    pub removed: Vec<Centre>,
    pub unchanged: usize,
}

impl ImportPlan {
    /// Compares a validated file with the stored centres. `edited` holds the
    /// fields a coordinator changed since the last import.
    pub fn new(
        file: &[ImportedCentre],
        stored: &[Centre],
        edited: &HashSet<(CentreId, CentreField)>,
        options: ImportOptions,
    ) -> Self {
        let by_id: HashMap<&CentreId, &Centre> = stored.iter().map(|c| (&c.id, c)).collect();
        let mut plan = ImportPlan::default();
        for imported in file {
            let Some(&existing) = by_id.get(&imported.centre.id) else {
                plan.added.push((imported.centre.clone(), imported.line));
                continue;
            };
            let mut centre = imported.centre.clone();
            for field in CentreField::EDITABLE {
                if !options.overwrite_edits
                    && edited.contains(&(centre.id.clone(), field))
                    && field.differs(&centre, existing)
                {
                    plan.kept.push(KeptEdit {
                        centre: centre.id.clone(),
                        line: imported.line,
                        field,
                        kept: field.value(existing),
                        file: field.value(&centre),
                    });
                    field.copy(existing, &mut centre);
                }
            }
            // With no verified_on in the file, an unchanged row keeps its
            // date: re-importing must not make stale data look checked.
            if !imported.verified_on_given {
                let mut same_date = centre.clone();
                same_date.verified_on = existing.verified_on;
                if &same_date == existing {
                    centre.verified_on = existing.verified_on;
                }
            }
            let changes: Vec<FieldChange> = CentreField::ALL
                .into_iter()
                .filter(|f| f.differs(existing, &centre))
                .map(|field| FieldChange { field, old: field.value(existing), new: field.value(&centre) })
                .collect();
            if changes.is_empty() {
                plan.unchanged += 1;
            } else {
                plan.changed.push(ChangedCentre { centre, line: imported.line, changes });
            }
        }
        if options.replace {
            let in_file: HashSet<&CentreId> = file.iter().map(|i| &i.centre.id).collect();
            plan.removed = stored.iter().filter(|c| !in_file.contains(&c.id)).cloned().collect();
        }
        plan
    }

    /// Whether applying the plan changes any row.
    pub fn changes_anything(&self) -> bool {
        !(self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{Coordinates, LocationSource, Phone};

    fn centre(id: &str, phone: &str) -> Centre {
        Centre {
            id: CentreId::parse(id).expect("id"),
            name_uk: "Центр".into(),
            name_en: "Centre".into(),
            location: Coordinates::parse(50.45, 30.52).expect("point"),
            location_source: LocationSource::Given,
            oblast: None,
            hromada: None,
            settlement: None,
            address_uk: None,
            address_en: None,
            phones: vec![Phone::parse(phone).expect("phone")],
            email: None,
            website: None,
            opening_hours: None,
            services: vec![],
            notes: None,
            verified_on: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
            serves_hromada: None,
            sample: false,
        }
    }

    fn imported(c: Centre) -> ImportedCentre {
        ImportedCentre { centre: c, verified_on_given: false, line: 2, schedule_not_understood: None }
    }

    #[test]
    fn a_coordinators_field_is_kept_when_the_file_differs_unless_overwriting() {
        let stored = vec![centre("a", "0679558976")];
        let mut file_row = centre("a", "0961085329");
        file_row.verified_on = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let file = vec![imported(file_row)];
        let edited = HashSet::from([(stored[0].id.clone(), CentreField::Phones)]);
        let plan = ImportPlan::new(&file, &stored, &edited, ImportOptions::default());
        assert_eq!(plan.kept.len(), 1);
        assert_eq!(plan.kept[0].kept.as_deref(), Some("+380679558976"));
        assert_eq!((plan.unchanged, plan.changed.len()), (1, 0), "{plan:?}");

        let overwrite = ImportOptions { overwrite_edits: true, ..ImportOptions::default() };
        let plan = ImportPlan::new(&file, &stored, &edited, overwrite);
        assert!(plan.kept.is_empty());
        let fields: Vec<CentreField> = plan.changed[0].changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, vec![CentreField::Phones, CentreField::VerifiedOn]);
    }

    #[test]
    fn replace_lists_the_centres_missing_from_the_file() {
        let stored = vec![centre("a", "0679558976"), centre("b", "0679558976")];
        let file = vec![imported(centre("a", "0679558976")), imported(centre("c", "0679558976"))];
        let options = ImportOptions { replace: true, ..ImportOptions::default() };
        let plan = ImportPlan::new(&file, &stored, &HashSet::new(), options);
        assert_eq!(plan.added.len(), 1);
        assert_eq!(plan.removed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), vec!["b"]);
        assert_eq!(plan.unchanged, 1);
        assert!(plan.changes_anything());
    }
}
