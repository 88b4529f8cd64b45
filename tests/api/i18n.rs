//! Locale completeness: every id the code uses exists in both locales, and
//! every message renders in both with values for all its variables.

use std::collections::BTreeSet;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use resilience_bot::domain::Language;
use resilience_bot::i18n::{Arg, Catalog, Text};

const SOURCES: [(Language, &str); 2] = [
    (Language::Uk, include_str!("../../locales/uk/main.ftl")),
    (Language::En, include_str!("../../locales/en/main.ftl")),
];

/// Ids used as `Text::new("…")` anywhere in src/.
fn ids_used_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            // The desk's pages have a catalog of their own (checked below).
            if path.is_dir() && !path.ends_with("src/desk") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                // Comments mention ids as examples; only code counts.
                let code: Vec<&str> = source.lines().filter(|l| !l.trim_start().starts_with("//")).collect();
                let source = code.join("\n");
                for piece in source.split("Text::new(\"").skip(1) {
                    ids.insert(piece.split('"').next().unwrap().to_owned());
                }
                for piece in source.split("=> \"service-").skip(1) {
                    ids.insert(format!("service-{}", piece.split('"').next().unwrap()));
                }
            }
        }
    }
    ids.remove("no-such-message");
    ids
}

fn variables(pattern: &Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, into),
        Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            for variant in variants {
                variables(&variant.value, into);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, into: &mut BTreeSet<String>) {
    if let InlineExpression::VariableReference { id } = inline {
        into.insert(id.name.to_owned());
    }
}

#[test]
fn every_id_the_code_uses_exists_in_both_locales() {
    let catalog = Catalog::load().unwrap();
    let used = ids_used_in_code();
    assert!(used.len() > 60, "only {} ids found: is the scanner broken?", used.len());
    for language in Language::ALL {
        let defined: BTreeSet<String> = catalog.ids(language).into_iter().collect();
        let missing: Vec<_> = used.difference(&defined).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", language.code());
    }
}

#[test]
fn every_message_renders_in_both_locales_for_several_counts() {
    let catalog = Catalog::load().unwrap();
    for (language, source) in SOURCES {
        let resource = fluent_syntax::parser::parse(source).expect("locale parses");
        for entry in resource.body {
            let Entry::Message(message) = entry else { continue };
            let Some(pattern) = &message.value else { continue };
            let mut names = BTreeSet::new();
            variables(pattern, &mut names);
            let id: &'static str = Box::leak(message.id.name.to_owned().into_boxed_str());
            for count in [0, 1, 2, 5, 11, 21] {
                let mut text = Text::new(id);
                for name in &names {
                    let name: &'static str = Box::leak(name.clone().into_boxed_str());
                    text = text.with(name, Arg::Count(count));
                }
                let rendered = catalog.try_render(language, &text);
                assert!(rendered.is_ok(), "{} {id} with {count}: {rendered:?}", language.code());
                assert!(!rendered.unwrap().trim().is_empty(), "{} {id} renders empty", language.code());
            }
        }
    }
}

/// Ids the desk uses: `"desk-…"` strings in src/desk/ and templates/desk/.
fn ids_used_by_the_desk() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for dir in ["src/desk", "templates/desk"] {
        // Files only: `src/desk/vendor` holds a library, not our texts.
        for entry in std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().is_file()) {
            let source = std::fs::read_to_string(entry.path()).unwrap();
            for piece in source.split("\"desk-").skip(1) {
                let id: String = piece.chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                if piece[id.len()..].starts_with('"') {
                    ids.insert(format!("desk-{id}"));
                }
            }
        }
    }
    ids
}

#[test]
fn every_id_the_desk_uses_exists_in_both_desk_locales() {
    let catalog = Catalog::load_desk().unwrap();
    let used = ids_used_by_the_desk();
    assert!(used.len() > 30, "only {} ids found: is the scanner broken?", used.len());
    let uk: BTreeSet<String> = catalog.ids(Language::Uk).into_iter().collect();
    let en: BTreeSet<String> = catalog.ids(Language::En).into_iter().collect();
    assert_eq!(uk, en, "the desk's locales define different ids");
    let missing: Vec<_> = used.difference(&uk).collect();
    assert!(missing.is_empty(), "desk.ftl lacks {missing:?}");
    for language in Language::ALL {
        for id in &uk {
            let id: &'static str = Box::leak(id.clone().into_boxed_str());
            let text = Text::new(id)
                .with("count", Arg::Count(3))
                .with("page", Arg::Count(2))
                .with("pages", Arg::Count(5))
                .with("reason", Arg::Plain("x".into()));
            // The import's problems (desk-import-line, import-problem-*) name their values.
            let names = ["line", "problem", "text", "detail", "column", "expected", "found", "id", "first", "raw"];
            let more = [
                "asked", "cached", "used", "unused", "field", "max", "lat", "lon", "min_lat", "max_lat", "min_lon",
                "max_lon", "oblast", "closest", "action", "source", "code", "channel",
            ];
            let text = names.into_iter().chain(more).fold(text, |text, name| text.plain(name, "x"));
            let rendered = catalog.try_render(language, &text);
            assert!(rendered.is_ok(), "{id} in {}: {rendered:?}", language.code());
        }
    }
}
