//! The typed place searches measured by `benches/nearest.rs` and reported by
//! `benches/load.rs`: (benchmark name, query).
pub const QUERIES: [(&str, &str); 5] = [
    ("exact", "Бровари"),
    ("transliterated", "brovary"),
    // One edit from "Бровари".
    ("misspelled", "Бровори"),
    // Two edits from "Бровари".
    ("misspelled_twice", "Бравару"),
    // Nothing near: the search then also looks one edit further for suggestions.
    ("not_found", "Zzyzx Road"),
];
