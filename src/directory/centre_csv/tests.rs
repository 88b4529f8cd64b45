//! Tests of [`super`]: tables of inputs and what they must give.

use super::*;
use crate::domain::ServiceTag;

const HEADER: &str = "id,name_uk,name_en,lat,lon,opening_hours,services,phone,verified_on,sample\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
}

fn rejected(csv: &str) -> Vec<RowError> {
    match parse(csv.as_bytes(), today()) {
        Err(CsvError::Rejected(errors)) => errors,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn a_valid_file_parses_with_defaults_for_what_is_missing() {
    let csv =
        format!("{HEADER}a,Центр А,Centre A,50.45,30.52,Mo-Fr 09:00-18:00,social-work;parenting,067 955 89 76,,\n");
    let centres = parse(csv.as_bytes(), today()).expect("valid file");
    assert_eq!(centres.len(), 1);
    let imported = &centres[0];
    assert_eq!(imported.centre.verified_on, today());
    assert!(!imported.verified_on_given);
    assert_eq!(imported.centre.services, vec![ServiceTag::SocialWork, ServiceTag::Parenting]);
    assert_eq!(imported.centre.phones[0].as_e164(), "+380679558976");
    assert!(!imported.centre.sample);
}

#[test]
fn every_bad_row_is_listed_with_its_line_and_reason() {
    let csv = format!(
        "{HEADER}\
         ok,Центр,Centre,50.45,30.52,,,,,\n\
         ,,No name,50.45,30.52,,,,,\n\
         lat,Центр,Centre,north,30.52,,,,,\n\
         far,Варшава,Warsaw,52.23,21.01,,,,,\n\
         ok,Дубль,Duplicate,50.45,30.52,,,,,\n\
         tag,Центр,Centre,50.45,30.52,,yoga,,,\n\
         hours,Центр,Centre,50.45,30.52,Mo-Fr 9 to 5,,,,\n\
         nan,Центр,Centre,NaN,30.52,,,,,\n\
         date,Центр,Centre,50.45,30.52,,,,2099-01-01,\n\
         phone,Центр,Centre,50.45,30.52,,,12345,,\n\
         short,Центр\n"
    );
    let errors = rejected(&csv);
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    let reasons: Vec<&str> = errors.iter().map(|e| e.reason.as_str()).collect();
    assert!(reasons[0].contains("missing required field name_uk"), "{reasons:?}");
    assert!(reasons[1].contains("lat \"north\" is not a number"), "{reasons:?}");
    assert!(reasons[2].contains("outside Ukraine"), "{reasons:?}");
    assert!(reasons[3].contains("duplicate id \"ok\" (first on line 2)"), "{reasons:?}");
    assert!(reasons[4].contains("unknown service tag \"yoga\""), "{reasons:?}");
    assert!(reasons[5].contains("opening_hours"), "{reasons:?}");
    assert!(reasons[6].contains("not a number"), "{reasons:?}");
    assert!(reasons[7].contains("in the future"), "{reasons:?}");
    assert!(reasons[8].contains("phone"), "{reasons:?}");
    assert!(reasons[9].contains("expected 10 fields, found 2"), "{reasons:?}");
}

#[test]
fn an_unknown_or_missing_column_rejects_the_file_at_the_header() {
    let errors = rejected("id,name_uk,name_en,lat,lon,opening_hour\n");
    assert_eq!((errors.len(), errors[0].line, errors[0].reason.as_str()), (1, 1, "unknown column \"opening_hour\""));
    assert_eq!(errors[0].problem.key, "import-problem-unknown-column");
    let errors = rejected("id,name_en,lat,lon\na,b,50,30\n");
    assert_eq!(errors[0].reason, "missing required column \"name_uk\"");
}

#[test]
fn an_empty_file_is_rejected_rather_than_emptying_the_directory() {
    assert_eq!(rejected(HEADER)[0].reason, "the file has no centres");
    assert!(!rejected("").is_empty());
}

#[test]
fn sql_metacharacters_and_emoji_are_plain_data() {
    let csv = format!("{HEADER}x,\"Центр'; DROP TABLE centre;--\",Centre 🌻,50.45,30.52,,,,,\n");
    let centres = parse(csv.as_bytes(), today()).expect("valid file");
    assert_eq!(centres[0].centre.name_uk, "Центр'; DROP TABLE centre;--");
}

#[test]
fn export_then_parse_gives_back_the_same_centres() {
    let csv = format!(
        "{HEADER}a,\"Центр, \"\"А\"\"\",Centre A,50.45,30.52,Mo-Fr 09:00-18:00,social-work,067 955 89 76;0961085329,2025-05-23,true\n"
    );
    let centres: Vec<Centre> = parse(csv.as_bytes(), today()).expect("valid").into_iter().map(|i| i.centre).collect();
    let mut exported = Vec::new();
    write(&mut exported, &centres).expect("written");
    let again: Vec<Centre> =
        parse(exported.as_slice(), today()).expect("re-imports").into_iter().map(|i| i.centre).collect();
    assert_eq!(again, centres);
}

/// The Ministry's shape: `;`, a byte-order mark, CRLF, Ukrainian
/// headers, no ids, no coordinates, schedules in words.
const MINISTRY: &str = "\u{feff}Область;Громада;Населений пункт;Назва;Адреса;Телефон;Графік роботи\r\n\
    Київська область;Броварська міська громада;м. Бровари;Центр життєстійкості Броварської громади;вул. Героїв, 1;067 955 89 76;пн–пт з 9:00 до 18:00, обідня перерва 13:00–14:00\r\n\
    \r\n\
    Львівська область;Львівська міська громада;м. Львів;\"Центр життєстійкості\r\nм. Львова\";вул. Наукова, 59;;коли як\r\n";

#[test]
fn a_ministry_shaped_file_is_placed_by_settlement_with_derived_ids_and_parsed_schedules() {
    let centres = parse(MINISTRY.as_bytes(), today()).expect("valid file");
    assert_eq!(centres.len(), 2);
    let brovary = &centres[0];
    assert_eq!(brovary.line, 2);
    assert_eq!(brovary.centre.location_source, LocationSource::Settlement);
    assert_eq!(brovary.centre.settlement.as_deref(), Some("м. Бровари"));
    assert_eq!(brovary.centre.name_en, "Tsentr zhyttiestiikosti Brovarskoi hromady");
    assert_eq!(brovary.centre.opening_hours.as_deref(), Some("Mo-Fr 09:00-13:00,14:00-18:00"));
    assert!(brovary.centre.id.as_str().starts_with("brovarska-"), "{}", brovary.centre.id);
    let lviv = &centres[1];
    assert_eq!(lviv.line, 4, "the blank line counts");
    assert_eq!(lviv.schedule_not_understood.as_deref(), Some("коли як"));
    assert_eq!(lviv.centre.opening_hours.as_deref(), Some("unknown \"коли як\""));
    let again = parse(MINISTRY.replace("Броварська міська громада", " броварська  громада ").as_bytes(), today())
        .expect("valid file");
    assert_eq!(again[0].centre.id, brovary.centre.id, "the same row gets the same id");
}

#[test]
fn errors_in_a_ministry_file_name_their_physical_lines() {
    let bad = MINISTRY
        .replace("Броварська міська громада;м. Бровари", ";м. Броваари")
        .replace("вул. Наукова, 59;;", "вул. Наукова, 59;12345;");
    let errors = rejected(&bad);
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 4], "{errors:?}");
    assert!(errors[0].reason.contains("Бровари"), "the closest spelling: {errors:?}");
    assert!(errors[1].reason.contains("phone \"12345\""), "{errors:?}");
}

#[test]
fn a_decimal_comma_is_read_in_a_semicolon_file_and_refused_in_a_comma_file() {
    let centres = parse("name_uk;lat;lon\nЦентр;50,45;30,52\n".as_bytes(), today()).expect("valid");
    assert_eq!(centres[0].centre.location.lat(), 50.45);
    assert_eq!(centres[0].centre.location_source, LocationSource::Given);
    let errors = rejected("name_uk,lat,lon\nЦентр,\"50,45\",30.52\n");
    assert!(errors[0].reason.contains("not a number"), "{errors:?}");
}

#[test]
fn a_missing_english_name_is_transliterated_and_never_empty() {
    let centres =
        parse("name_uk,lat,lon\nЦентр Їжаківки,50.45,30.52\nь,50.45,30.52\n".as_bytes(), today()).expect("valid");
    assert_eq!(centres[0].centre.name_en, "Tsentr Yizhakivky");
    assert_eq!(centres[1].centre.name_en, "ь");
}

#[test]
fn derived_ids_are_valid_and_ignore_case_spacing_and_kind_words() {
    let a = derived_id(None, "Київська область", "Броварська міська територіальна громада", "Центр").expect("id");
    let b = derived_id(None, "київська  область", "Броварська громада", "ЦЕНТР").expect("id");
    assert_eq!(a, b);
    assert!(a.as_str().len() <= CentreId::MAX_LEN);
    let other = derived_id(None, "Київська область", "Броварська громада", "Інший центр").expect("id");
    assert_ne!(a, other);
    let long = "Дуже довга назва громади яка не вміщається ніде взагалі";
    assert!(derived_id(None, "Київська", long, "Центр").is_ok());
}
