//! The house style of the texts: the glossary at the top of each locale, and
//! the mistakes an editor found once and that must not come back (calques,
//! a gendered bot, undeclined titles after prepositions, mixed apostrophes
//! and quotes). Only the words people see are checked, not comments or
//! placeables.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

const UK: &str = include_str!("../../locales/uk/main.ftl");
const EN: &str = include_str!("../../locales/en/main.ftl");

/// Every message's visible text (its literal parts, variants included), by id.
fn texts(source: &'static str) -> Vec<(String, String)> {
    let resource = fluent_syntax::parser::parse(source).expect("locale parses");
    let mut out = Vec::new();
    for entry in resource.body {
        let Entry::Message(message) = entry else { continue };
        let Some(pattern) = &message.value else { continue };
        let mut text = String::new();
        literal_text(pattern, &mut text);
        out.push((message.id.name.to_owned(), text));
    }
    out
}

/// The literal text of a pattern; a placeable becomes `{}` so that a rule can
/// see where a variable stands (e.g. right after a preposition).
fn literal_text(pattern: &Pattern<&str>, into: &mut String) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => into.push_str(value),
            PatternElement::Placeable { expression } => match expression {
                Expression::Select { variants, .. } => {
                    for variant in variants {
                        into.push(' ');
                        literal_text(&variant.value, into);
                        into.push(' ');
                    }
                }
                Expression::Inline(InlineExpression::StringLiteral { value }) => into.push_str(value),
                Expression::Inline(_) => into.push_str("{}"),
            },
        }
    }
}

/// Whether `phrase` stands in `text` as whole words (no letter just before or after it).
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

fn offenders(source: &'static str, bad: impl Fn(&str) -> bool) -> Vec<String> {
    texts(source).into_iter().filter(|(_, text)| bad(text)).map(|(id, text)| format!("{id}: {text}")).collect()
}

#[test]
fn both_locales_open_with_the_glossary() {
    for source in [UK, EN] {
        let head: String = source.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
        assert!(head.contains("Glossary"), "no glossary at the top:\n{head}");
        for term in ["group", "session", "sign-up", "waiting list", "opening hours"] {
            assert!(head.contains(term), "the glossary misses {term:?}");
        }
    }
}

#[test]
fn ukrainian_texts_use_the_glossary_terms_not_their_calques() {
    let calques = [
        ("лист очікування", "черга"),
        ("листі очікування", "черга"),
        ("листа очікування", "черга"),
        ("в очікуванні", "у черзі"),
        ("ваше місце:", "ваш номер у черзі"),
        ("за Києвом", "за київським часом"),
        ("години роботи", "графік роботи"),
        ("Нам шкода", "на жаль"),
        ("Зробіть паузу", "зачекайте"),
        ("на самоті", "наодинці"),
    ];
    for (calque, instead) in calques {
        let found = offenders(UK, |text| text.contains(calque));
        assert!(found.is_empty(), "«{calque}» (use «{instead}») in {found:#?}");
    }
    let bare =
        offenders(UK, |text| text.match_indices("без запису").any(|(at, _)| !text[..at].ends_with("попереднього ")));
    assert!(bare.is_empty(), "«без запису» clashes with group sign-ups; say «без попереднього запису»: {bare:#?}");
}

#[test]
fn the_bot_never_speaks_of_itself_in_the_masculine() {
    // The past tense of the bot's own verbs, which would give it a gender.
    let masculine = ["знайшов", "зрозумів", "пропустив", "зберіг", "записав", "надіслав", "побачив", "передав"];
    for word in masculine {
        let found = offenders(UK, |text| has_phrase(&text.to_lowercase(), word));
        assert!(found.is_empty(), "«{word}» makes the bot masculine: {found:#?}");
    }
}

#[test]
fn a_quoted_variable_never_follows_a_preposition_directly() {
    // A variable cannot be declined: «на «{}»» gives «на «Група підтримки»».
    let prepositions = ["на", "в", "у", "до", "з", "із", "від", "для", "про", "при"];
    let found = offenders(UK, |text| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|pair| prepositions.contains(&pair[0].to_lowercase().as_str()) && pair[1].starts_with("«{}"))
    });
    assert!(found.is_empty(), "put a noun before the quoted name: {found:#?}");
}

#[test]
fn ukrainian_texts_use_one_apostrophe() {
    for apostrophe in ['\u{02BC}', '\''] {
        let found = offenders(UK, |text| text.contains(apostrophe));
        assert!(found.is_empty(), "use ’ (U+2019), not {apostrophe:?}: {found:#?}");
    }
}

#[test]
fn english_texts_use_typographic_quotes_and_apostrophes() {
    let found = offenders(EN, |text| text.contains('"') || text.contains('\''));
    assert!(found.is_empty(), "use “…” and ’: {found:#?}");
}

#[test]
fn a_number_and_its_unit_never_break_across_lines() {
    for (source, units) in [(UK, ["{} м", "{} км", "{} %", "№ {}"]), (EN, ["{} m", "{} km", "no. {}", "No. {}"])] {
        for unit in units {
            let found = offenders(source, |text| has_phrase(text, unit));
            assert!(found.is_empty(), "join {unit:?} with a no-break space: {found:#?}");
        }
    }
}
