//! Tests of [`super`]: tables of inputs and what they must give.

use super::*;

#[test]
fn every_spelling_of_brovary_has_one_skeleton() {
    for spelling in ["Бровари", "brovary", "Бровары", "Brovari", "броварі", "BROVARY", "Browary"] {
        assert_eq!(skeleton(spelling), "brovari", "{spelling}");
    }
}

#[test]
fn apostrophe_variants_and_missing_diacritics_fold_together() {
    let expected = skeleton("Кам'янське");
    for spelling in ["Камʼянське", "Кам’янське", "Кам`янське", "Камянське", "Kamianske", "Kamyanske"]
    {
        assert_eq!(skeleton(spelling), expected, "{spelling}");
    }
    assert_eq!(skeleton("Кіів"), skeleton("Київ"));
    assert_eq!(skeleton("Kyiv"), skeleton("Київ"));
    assert_eq!(skeleton("Гоща"), skeleton("Goshcha"));
    assert_eq!(skeleton("Петро-Михайлівка"), skeleton("петро михайлівка"));
}

#[test]
fn latin_look_alikes_inside_a_cyrillic_word_are_read_as_cyrillic_and_the_reverse() {
    assert_eq!(skeleton("ХEPCOH"), skeleton("Херсон"), "Latin E, P, C, O in Kherson");
    assert_eq!(skeleton("Cуми"), skeleton("Суми"), "a Latin C");
    assert_eq!(skeleton("Kyіv"), skeleton("Kyiv"), "a Cyrillic і in a Latin word");
    assert_eq!(skeleton("Lvіv Оblast"), skeleton("Lviv Oblast"));
    assert_eq!(unmix("Бровари, Kyiv"), "Бровари, Kyiv", "words in one script stay");
    assert_eq!(unmix("Бровари"), "Бровари");
    // A letter with no look-alike stays: "Жk" is Cyrillic with a Latin k.
    assert_eq!(unmix("Жk"), "Жк");
}

#[test]
fn emoji_control_characters_and_sql_leave_only_letters() {
    assert_eq!(skeleton("🇺🇦 Львів\u{0007}"), "lviv");
    assert_eq!(skeleton("'; DROP TABLE centre; --"), "droptablecentre");
    assert_eq!(skeleton(""), "");
}

#[test]
fn transliteration_follows_the_2010_rules() {
    for (uk, lat) in [
        ("Згурівка", "Zghurivka"),
        ("Ясинувата", "Yasynuvata"),
        ("Кам’янське", "Kamianske"),
        ("Центр життєстійкості Їжаківської громади", "Tsentr zhyttiestiikosti Yizhakivskoi hromady"),
        ("Біла Церква", "Bila Tserkva"),
        ("Ґалаґан", "Galagan"),
    ] {
        assert_eq!(transliterate(uk), lat, "{uk}");
    }
}

#[test]
fn kind_words_and_punctuation_are_dropped_from_queries() {
    assert_eq!(query_words("м. Бровари"), vec!["бровари"]);
    assert_eq!(query_words("Броварська міська громада"), vec!["броварська"]);
    assert_eq!(query_words("Новомиколаївка, Запорізька обл."), vec!["новомиколаївка", "запорізька"]);
    assert_eq!(query_words("\u{0000}\t\n"), Vec::<String>::new());
}

#[test]
fn bounded_distance_counts_edits_and_swaps_and_stops_early() {
    assert_eq!(distance_within(b"brovari", b"brovari", 2), Some(0));
    assert_eq!(distance_within(b"brovari", b"borvari", 2), Some(1));
    assert_eq!(distance_within(b"brovari", b"brvari", 2), Some(1));
    assert_eq!(distance_within(b"brovari", b"brovarii", 2), Some(1));
    assert_eq!(distance_within(b"lviv", b"kiiv", 2), Some(2));
    assert_eq!(distance_within(b"lviv", b"kharkiv", 2), None);
    assert_eq!(distance_within(b"", b"ab", 2), Some(2));
}
