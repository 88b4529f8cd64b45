//! The operators' centres CSV. Any bytes are refused or imported; every
//! imported centre satisfies the import rules; and an import exported with
//! `centre_csv::write` re-imports to the same centres (the export is what
//! operators edit and send back, so this is the format's contract), with
//! the export itself a fixed point.
#![no_main]

use std::collections::HashSet;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use resilience_bot::directory::centre_csv;
use resilience_bot::directory::opening::Hours;
use resilience_bot::domain::{Centre, CentreId, UKRAINE_BOUNDS};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date")
}

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = centre_csv::parse(data, today()) else {
        return;
    };
    assert!(!imported.is_empty(), "an empty file must be refused");
    let mut ids = HashSet::new();
    for centre in imported.iter().map(|i| &i.centre) {
        check(centre);
        assert!(ids.insert(centre.id.clone()), "duplicate id {}", centre.id);
    }
    let centres: Vec<Centre> = imported.into_iter().map(|i| i.centre).collect();
    let mut exported = Vec::new();
    centre_csv::write(&mut exported, &centres).expect("written to memory");
    let again = centre_csv::parse(exported.as_slice(), today()).unwrap_or_else(|e| {
        panic!("the export does not re-import: {e}\n{}", String::from_utf8_lossy(&exported))
    });
    assert!(again.iter().all(|i| i.verified_on_given), "the export writes every verified_on");
    let again: Vec<Centre> = again.into_iter().map(|i| i.centre).collect();
    assert_eq!(again, centres, "export then import changed the centres");
    let mut twice = Vec::new();
    centre_csv::write(&mut twice, &again).expect("written to memory");
    assert_eq!(twice, exported, "the export is not a fixed point");
});

fn check(c: &Centre) {
    assert_eq!(CentreId::parse(c.id.as_str()).as_ref(), Ok(&c.id));
    for name in [&c.name_uk, &c.name_en] {
        assert!(!name.is_empty() && name.trim() == name, "name {name:?}");
    }
    for value in [&c.oblast, &c.hromada, &c.address_uk, &c.address_en, &c.email, &c.notes, &c.serves_hromada]
        .into_iter()
        .flatten()
    {
        assert!(!value.is_empty() && value.trim() == value, "optional value {value:?}");
    }
    assert!(c.location.is_in(UKRAINE_BOUNDS), "{:?}", c.location);
    for phone in &c.phones {
        let e164 = phone.as_e164();
        assert!(e164.len() == 13 && e164.starts_with("+380") && e164[1..].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(phone.display().chars().filter(char::is_ascii_digit).count(), 12);
    }
    let services: HashSet<_> = c.services.iter().collect();
    assert_eq!(services.len(), c.services.len(), "a service listed twice");
    if let Some(hours) = &c.opening_hours {
        assert!(Hours::parse(hours).is_ok(), "accepted opening_hours {hours:?} do not parse");
    }
    if let Some(website) = &c.website {
        assert!(website.starts_with("https://") || website.starts_with("http://"));
    }
    assert!(c.verified_on <= today());
}
