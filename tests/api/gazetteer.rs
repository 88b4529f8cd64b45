//! Typed place search over the committed gazetteer (no database needed).

use std::sync::LazyLock;

use resilience_bot::directory::normalize::transliterate;
use resilience_bot::directory::{Gazetteer, Lookup, PlaceKind};

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::built_in().expect("data/gazetteer.tsv loads"));

fn found(query: &str) -> (String, String, PlaceKind) {
    match GAZETTEER.search(query) {
        Lookup::Found { place, .. } => {
            let place = GAZETTEER.place(place);
            let oblast = GAZETTEER.oblast(place.oblast).name_uk.clone();
            (place.name_uk.clone(), oblast, place.kind)
        }
        other => panic!("{query:?} found no single place: {other:?}"),
    }
}

#[test]
fn the_gazetteer_covers_every_hromada_and_the_settlements() {
    let places = GAZETTEER.places();
    let hromadas = places.iter().filter(|p| p.kind == PlaceKind::Hromada).count();
    assert_eq!(hromadas, 1_772);
    assert!(places.len() > 31_000, "{}", places.len());
    assert_eq!(GAZETTEER.oblasts().len(), 27, "24 oblasts, Crimea, Kyiv and Sevastopol");
}

#[test]
fn brovary_is_found_in_ukrainian_russian_english_and_transliteration() {
    for query in ["Бровари", "brovary", "Бровары", "Brovari", "броварі", "BROVARY", "м. Бровари", "Бровари "]
    {
        assert_eq!(found(query), ("Бровари".into(), "Київська область".into(), PlaceKind::City), "{query}");
    }
}

#[test]
fn one_or_two_typos_are_forgiven() {
    for query in ["Бровори", "Борвари", "Бравару", "Brovray", "Zaporizhia", "Zaporozhzhia", "Харкив"]
    {
        let (name, _, _) = found(query);
        assert!(["Бровари", "Запоріжжя", "Харків"].contains(&name.as_str()), "{query} → {name}");
    }
}

#[test]
fn apostrophes_and_missing_ukrainian_letters_do_not_matter() {
    for query in ["Кам'янське", "Камʼянське", "Кам’янське", "Кам`янське", "Kamianske"]
    {
        assert_eq!(found(query).0, "Кам’янське", "{query}");
    }
    assert_eq!(found("Кіів").0, "Київ");
    assert_eq!(found("Kyiv").0, "Київ");
    assert_eq!(found("Киев").0, "Київ");
    assert_eq!(found("Kiev").0, "Київ");
    assert_eq!(found("Запорожье").0, "Запоріжжя");
    assert_eq!(found("Ізмаіл").0, "Ізмаїл");
}

#[test]
fn a_city_is_preferred_over_villages_of_the_same_name_and_they_are_mentioned() {
    match GAZETTEER.search("Львів") {
        Lookup::Found { place, others, .. } => {
            assert_eq!(GAZETTEER.place(place).kind, PlaceKind::City);
            assert!(!others.is_empty(), "the village Львів elsewhere is offered");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn novomykolaivka_is_ambiguous_across_oblasts() {
    let Lookup::Ambiguous { candidates, .. } = GAZETTEER.search("Новомиколаївка") else {
        panic!("Новомиколаївка must be ambiguous");
    };
    let mut oblasts: Vec<usize> = candidates.iter().map(|&p| GAZETTEER.place(p).oblast).collect();
    oblasts.sort_unstable();
    oblasts.dedup();
    assert!(oblasts.len() >= 5, "{} oblasts", oblasts.len());
}

#[test]
fn a_hromada_is_found_by_its_name_with_or_without_the_word_hromada() {
    for query in ["Броварська громада", "Броварська міська громада", "Brovarska hromada"]
    {
        let (name, _, kind) = found(query);
        assert_eq!((name.as_str(), kind), ("Броварська", PlaceKind::Hromada), "{query}");
    }
}

#[test]
fn nonsense_finds_nothing_and_near_misses_get_suggestions() {
    assert_eq!(GAZETTEER.search("qxzqxzqxz"), Lookup::NotFound { suggestions: vec![] });
    assert_eq!(GAZETTEER.search(""), Lookup::NotFound { suggestions: vec![] });
    assert_eq!(GAZETTEER.search("🙂"), Lookup::NotFound { suggestions: vec![] });
    let Lookup::NotFound { suggestions } = GAZETTEER.search("Броваришки") else { panic!("not a place") };
    assert!(suggestions.iter().any(|&p| GAZETTEER.place(p).name_uk.starts_with("Бровар")), "{suggestions:?}");
}

#[test]
fn a_very_long_query_is_cut_not_choked_on() {
    let long = "Бровари".repeat(2_000);
    assert!(matches!(GAZETTEER.search(&long), Lookup::NotFound { .. }));
}

#[test]
fn two_word_names_ending_like_an_oblast_are_found_whole() {
    assert_eq!(found("Нова Одеса").0, "Нова Одеса");
    assert_eq!(found("Станиця Луганська").0, "Станиця Луганська");
    assert_eq!(found("Stanytsia Luhanska").0, "Станиця Луганська");
    assert_eq!(found("Новомиколаївка, Сумська").1, "Сумська область");
}

#[test]
fn a_big_city_is_answered_at_once_and_its_namesakes_are_kept_as_others() {
    // Mykolaiv (470,000) against the town of Mykolaiv in Lviv oblast (15,000)
    // and five villages; Kremenchuk against Yampil, which GeoNames also calls
    // Kremenchuk; Bakhmut (80,500) against Kypuche (7,200), both once Артемівськ.
    for (query, name, oblast) in [
        ("Миколаїв", "Миколаїв", "Миколаївська область"),
        ("Mykolaiv", "Миколаїв", "Миколаївська область"),
        ("Николаев", "Миколаїв", "Миколаївська область"),
        ("Кременчук", "Кременчук", "Полтавська область"),
        ("Kremenchuk", "Кременчук", "Полтавська область"),
        ("Артемівськ", "Бахмут", "Донецька область"),
        ("Рівне", "Рівне", "Рівненська область"),
    ] {
        let Lookup::Found { place, others, .. } = GAZETTEER.search(query) else { panic!("{query}: not found at once") };
        let place = GAZETTEER.place(place);
        assert_eq!(
            (place.name_uk.as_str(), GAZETTEER.oblast(place.oblast).name_uk.as_str()),
            (name, oblast),
            "{query}"
        );
        assert!(!others.is_empty(), "{query}: its namesakes are offered");
    }
}

#[test]
fn villages_of_one_name_still_ask_for_the_oblast() {
    for query in ["Новомиколаївка", "Привільне", "Щасливе"] {
        assert!(matches!(GAZETTEER.search(query), Lookup::Ambiguous { .. }), "{query}");
    }
}

#[test]
fn the_matched_name_is_the_one_typed_not_another_candidate_s_own() {
    let skeleton = resilience_bot::directory::normalize::skeleton;
    // Серне in Zakarpattia is also called Рівне; Кипуче was Артемівськ.
    for query in ["Рівне", "Артемівськ", "Миколаїв"] {
        let (Lookup::Found { matched, .. } | Lookup::Ambiguous { matched, .. }) = GAZETTEER.search(query) else {
            panic!("{query}")
        };
        assert_eq!(matched, skeleton(query), "{query}");
    }
    // A misspelling matches the name it is closest to.
    let Lookup::Found { matched, .. } = GAZETTEER.search("Миколаів") else { panic!("Миколаів") };
    assert_eq!(matched, skeleton("Миколаїв"));
}

#[test]
fn latin_look_alike_letters_inside_a_cyrillic_name_are_read_as_cyrillic() {
    // Latin E, P, C, O in ХEPCOH; a Latin C in Cуми; a Cyrillic і in Kyіv.
    assert_eq!(found("ХEPCOH"), ("Херсон".into(), "Херсонська область".into(), PlaceKind::City));
    assert_eq!(found("Cуми").0, "Суми");
    assert_eq!(found("Kyіv").0, "Київ");
    let Lookup::Found { others, .. } = GAZETTEER.search("Cуми") else { panic!("Cуми") };
    assert!(others.iter().all(|&p| GAZETTEER.place(p).name_uk == "Суми"), "no «Куми» among Sumy's namesakes");
}

#[test]
fn the_rust_transliteration_gives_every_place_the_latin_name_the_data_script_gave_it() {
    let differing: Vec<(&str, &str, String)> = GAZETTEER
        .places()
        .iter()
        .map(|p| (p.name_uk.as_str(), p.name_lat.as_str(), transliterate(&p.name_uk)))
        .filter(|(_, lat, ours)| lat != ours)
        .collect();
    assert!(GAZETTEER.places().len() > 30_000);
    assert_eq!(differing, Vec::new());
}
