//! The shape of `src/`, checked on every `cargo test`: no import circle
//! among its files, dependencies that point inward only, screens of the
//! conversation flow that never import one another, no `sqlx` above the
//! store, and no file over 400 lines.
//!
//! The check reads the files as text. It finds every path a file names
//! (`use` declarations with their `{…}` groups, and paths in code), resolves
//! `crate::`, `super::`, `self::` and child-module paths to the file that
//! defines the module, and follows a module's `pub use` re-exports to the
//! file they come from. A module declaring its children (`mod x;`) or
//! re-exporting them (`pub use x::Y;`) is not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The longest a file in `src/` may be.
const MAX_LINES: usize = 400;

/// Which top-level modules each top-level module must not import.
/// The desk is an edge beside the channels: the core never imports it, and
/// it reaches the core's data through the store, not the conversation.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("domain", &["*"]),
    ("store", &["conversation", "channel", "server", "cli", "desk"]),
    ("directory", &["conversation", "channel", "server", "cli", "desk"]),
    ("conversation", &["channel", "server", "cli", "desk"]),
    ("desk", &["conversation", "channel", "server", "cli"]),
];

/// Files under `src/conversation/flow/` that screens share; every other file
/// there but `mod.rs` and `input.rs` (what `mod.rs` routes) is a screen.
const FLOW_SHARED: &[&str] = &["context", "view", "card", "desk", "draft", "effect"];
const FLOW_ROUTING: &[&str] = &["mod", "input"];
const FLOW_DIR: &str = "conversation/flow/";

/// A tree of source files: path under `src/` → text.
type Tree = BTreeMap<String, String>;

#[test]
fn the_source_tree_keeps_its_structure() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut tree = Tree::new();
    read_dir(&root, &root, &mut tree);
    assert!(tree.len() > 50, "found only {} files under {}", tree.len(), root.display());
    let problems = check(&tree);
    assert!(problems.is_empty(), "the structure of src/ is broken:\n{}", problems.join("\n"));
}

fn read_dir(root: &Path, dir: &Path, tree: &mut Tree) {
    for entry in std::fs::read_dir(dir).expect("readable src/") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            read_dir(root, &path, tree);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under src/").to_string_lossy().replace('\\', "/");
            tree.insert(relative, std::fs::read_to_string(&path).expect("UTF-8 source"));
        }
    }
}

/// Everything wrong with a tree, one line each.
fn check(tree: &Tree) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, text) in tree {
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!("{file} has {lines} lines (at most {MAX_LINES})"));
        }
        let top = file.split('/').next().unwrap_or_default();
        if (top == "conversation" || top == "channel") && lex(&code_only(text)).iter().any(|t| t == "sqlx") {
            problems.push(format!("{file} names sqlx (only the store may)"));
        }
    }
    let modules = Modules::new(tree);
    let edges = modules.edges(tree);
    for (from, to) in edges.iter().flat_map(|(from, tos)| tos.iter().map(move |to| (from, to))) {
        let (from_top, to_top) = (top_module(from), top_module(to));
        for (module, banned) in FORBIDDEN {
            if from_top == *module && to_top != from_top && (banned.contains(&"*") || banned.contains(&to_top)) {
                problems.push(format!("{from} imports {to}: {module} must not depend on {to_top}"));
            }
        }
        if let (Some(a), Some(b)) = (flow_file(from), flow_file(to)) {
            let shared = |name: &str| FLOW_SHARED.contains(&name) || FLOW_ROUTING.contains(&name);
            if !shared(a) && !shared(b) {
                problems.push(format!("{from} imports {to}: a screen never imports another screen"));
            }
            if FLOW_SHARED.contains(&a) && !shared(b) {
                problems.push(format!("{from} imports {to}: what screens share imports no screen"));
            }
        }
    }
    for circle in circles(&edges) {
        problems.push(format!("files in an import circle: {}", circle.join(", ")));
    }
    problems
}

/// The module a file belongs to at the top of the crate (`store` for
/// `store/user.rs`, `i18n` for `i18n.rs`).
fn top_module(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or_default();
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The name of a file directly in `conversation/flow/`, without `.rs`.
fn flow_file(file: &str) -> Option<&str> {
    file.strip_prefix(FLOW_DIR).filter(|rest| !rest.contains('/')).and_then(|rest| rest.strip_suffix(".rs"))
}

/// The crate's modules: which file defines each, and what each re-exports.
struct Modules {
    /// Module path (`["conversation", "flow"]`) → file (`conversation/flow/mod.rs`).
    files: BTreeMap<Vec<String>, String>,
    /// File → the module path it defines.
    paths: BTreeMap<String, Vec<String>>,
    /// Module path → name it re-exports → the path it stands for.
    reexports: BTreeMap<Vec<String>, BTreeMap<String, Vec<String>>>,
}

impl Modules {
    fn new(tree: &Tree) -> Self {
        let mut modules = Modules { files: BTreeMap::new(), paths: BTreeMap::new(), reexports: BTreeMap::new() };
        modules.declare(tree, Vec::new(), "lib.rs");
        let declared: Vec<(Vec<String>, String)> = modules.files.clone().into_iter().collect();
        for (module, file) in declared {
            for item in uses(&code_only(&tree[&file])) {
                if let Some(target) = modules.internal(&module, &item.path).filter(|_| item.public && item.name != "*")
                {
                    modules.reexports.entry(module.clone()).or_default().insert(item.name, target);
                }
            }
        }
        modules
    }

    /// Records `file` as `module` and, through its `mod x;` lines, its children.
    fn declare(&mut self, tree: &Tree, module: Vec<String>, file: &str) {
        if !tree.contains_key(file) || self.paths.contains_key(file) {
            return;
        }
        self.files.insert(module.clone(), file.to_owned());
        self.paths.insert(file.to_owned(), module.clone());
        let dir = match file.rsplit_once('/') {
            _ if file == "lib.rs" => String::new(),
            Some((dir, "mod.rs")) => format!("{dir}/"),
            Some((dir, name)) => format!("{dir}/{}/", name.trim_end_matches(".rs")),
            None => format!("{}/", file.trim_end_matches(".rs")),
        };
        for child in child_modules(&code_only(&tree[file])) {
            let mut path = module.clone();
            path.push(child.clone());
            let flat = format!("{dir}{child}.rs");
            let nested = format!("{dir}{child}/mod.rs");
            let found = if tree.contains_key(&flat) { flat } else { nested };
            self.declare(tree, path, &found);
        }
    }

    /// A path as written in `module` made absolute from the crate root, if
    /// it is a path into the crate: it starts with `crate`, `self`, `super`
    /// or a child module of `module` (anything else is another crate).
    fn internal(&self, module: &[String], path: &[String]) -> Option<Vec<String>> {
        let first = path.first()?;
        let mut child = module.to_vec();
        child.push(first.clone());
        let inside = matches!(first.as_str(), "crate" | "self" | "super") || self.files.contains_key(&child);
        inside.then(|| self.absolute(module, path))
    }

    /// A path as written in `module` (`super::x::Y`) made absolute from the crate root.
    fn absolute(&self, module: &[String], path: &[String]) -> Vec<String> {
        let mut at: Vec<String> = module.to_vec();
        let mut rest = path;
        match path.first().map(String::as_str) {
            Some("crate") => {
                at.clear();
                rest = &path[1..];
            }
            Some("self") => rest = &path[1..],
            Some("super") => {
                while rest.first().is_some_and(|s| s == "super") {
                    at.pop();
                    rest = &rest[1..];
                }
            }
            _ => {}
        }
        at.extend(rest.iter().cloned());
        at
    }

    /// The file that an absolute path leads to, following re-exports; `None`
    /// for a path outside the crate.
    fn resolve(&self, path: &[String], depth: usize) -> Option<String> {
        let mut module: Vec<String> = Vec::new();
        for (i, segment) in path.iter().enumerate() {
            let mut next = module.clone();
            next.push(segment.clone());
            if self.files.contains_key(&next) {
                module = next;
                continue;
            }
            let target = self.reexports.get(&module).and_then(|names| names.get(segment));
            if let Some(target) = target.filter(|_| depth < 16) {
                let mut followed = target.clone();
                followed.extend(path[i + 1..].iter().cloned());
                return self.resolve(&followed, depth + 1).or_else(|| self.files.get(&module).cloned());
            }
            break;
        }
        if module.is_empty() && !path.is_empty() { None } else { self.files.get(&module).cloned() }
    }

    /// File → the files it imports.
    fn edges(&self, tree: &Tree) -> BTreeMap<String, BTreeSet<String>> {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (file, module) in &self.paths {
            let code = code_only(&tree[file]);
            let mut named: Vec<Vec<String>> = Vec::new();
            for item in uses(&code) {
                let Some(target) = self.internal(module, &item.path) else { continue };
                // A module's own face: re-exporting what its children define.
                if item.public && target.starts_with(module) && target.len() > module.len() {
                    continue;
                }
                named.push(target);
            }
            named.extend(code_paths(&code).iter().filter_map(|path| self.internal(module, path)));
            for target in named {
                if let Some(to) = self.resolve(&target, 0).filter(|to| to != file) {
                    edges.entry(file.clone()).or_default().insert(to);
                }
            }
        }
        edges
    }
}

/// The modules a file declares with `mod x;` (not inline `mod x { … }`).
fn child_modules(code: &str) -> Vec<String> {
    let tokens = tokens(code);
    let mut children = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token == "mod" && tokens.get(i + 2).is_some_and(|t| t == ";") {
            children.push(tokens[i + 1].clone());
        }
    }
    children
}

/// One name a `use` declaration brings in.
#[derive(Debug, PartialEq)]
struct Use {
    path: Vec<String>,
    /// The name it is known by here (the last segment, or `*`).
    name: String,
    /// `pub use` or `pub(…) use`: a re-export.
    public: bool,
}

/// Every name brought in by the `use` declarations of a file, groups expanded.
fn uses(code: &str) -> Vec<Use> {
    let tokens = tokens(code);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            let public = i > 0 && (tokens[i - 1] == "pub" || tokens[i - 1] == ")");
            let end = tokens[i..].iter().position(|t| t == ";").map_or(tokens.len(), |p| i + p);
            expand(&tokens[i + 1..end], &[], public, &mut found);
            i = end;
        }
        i += 1;
    }
    found
}

/// Expands one use tree (`a::{b, c::{self, D}}`) below `prefix`.
fn expand(tokens: &[String], prefix: &[String], public: bool, found: &mut Vec<Use>) {
    let mut path = prefix.to_vec();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "::" => {}
            "{" => {
                let close = matching(tokens, i);
                for part in split_top(&tokens[i + 1..close]) {
                    expand(part, &path, public, found);
                }
                return;
            }
            "as" => {
                let name = tokens.get(i + 1).cloned().unwrap_or_default();
                found.push(Use { path, name, public });
                return;
            }
            "self" if !path.is_empty() => {}
            segment => path.push(segment.to_owned()),
        }
        i += 1;
    }
    if let Some(name) = path.last().cloned() {
        found.push(Use { path, name, public });
    }
}

/// The index of the `}` closing the `{` at `open`.
fn matching(tokens: &[String], open: usize) -> usize {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.as_str() {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Splits a group's inside at its top-level commas.
fn split_top(tokens: &[String]) -> Vec<&[String]> {
    let (mut parts, mut start, mut depth) = (Vec::new(), 0, 0);
    for (i, token) in tokens.iter().enumerate() {
        match token.as_str() {
            "{" => depth += 1,
            "}" => depth -= 1,
            "," if depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Paths in code outside `use` declarations (`super::view::name(…)`,
/// `crate::domain::Phone::parse`), as their segments. Inside an inline
/// `mod tests { … }` block, `super` is the file itself: those are dropped.
fn code_paths(code: &str) -> Vec<Vec<String>> {
    let tokens = tokens(code);
    let mut paths = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            i += tokens[i..].iter().position(|t| t == ";").unwrap_or(0) + 1;
            continue;
        }
        let starts = is_ident(&tokens[i]) && tokens.get(i + 1).is_some_and(|t| t == "::");
        let continues = i > 0 && tokens[i - 1] == "::";
        if starts && !continues {
            let mut path = vec![tokens[i].clone()];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t == "::") && tokens.get(j + 1).is_some_and(|t| is_ident(t)) {
                path.push(tokens[j + 1].clone());
                j += 2;
            }
            paths.push(path);
            i = j;
            continue;
        }
        i += 1;
    }
    paths
}

fn is_ident(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The tokens of code outside inline modules (unit tests).
fn tokens(code: &str) -> Vec<String> {
    drop_test_modules(lex(code))
}

/// Identifiers and punctuation (`::` as one token) of code without comments
/// and literals.
fn lex(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
            continue;
        }
        if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_owned());
            i += 2;
            continue;
        }
        if !c.is_whitespace() {
            tokens.push(c.to_string());
        }
        i += 1;
    }
    tokens
}

/// Removes the insides of inline `mod name { … }` blocks (unit tests): their
/// `super` is the file itself, and what they import is for tests only.
fn drop_test_modules(tokens: Vec<String>) -> Vec<String> {
    let mut kept = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "mod" && tokens.get(i + 2).is_some_and(|t| t == "{") {
            i = matching(&tokens, i + 2) + 1;
            continue;
        }
        kept.push(tokens[i].clone());
        i += 1;
    }
    kept
}

/// The code of a file with comments, strings and character literals blanked.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
            continue;
        }
        let raw = c == 'r' && (next == Some('"') || next == Some('#')) && !prev_is_ident(&chars, i);
        if raw {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                j += 1;
                while j < chars.len() {
                    if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str(" \"\" ");
                i = j;
                continue;
            }
        }
        if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            out.push_str(" \"\" ");
            i += 1;
            continue;
        }
        // A character literal ('a', '\n', '\''), not a lifetime ('a).
        if c == '\'' {
            let escaped = next == Some('\\');
            let close =
                if escaped { chars[i + 2..].iter().position(|&ch| ch == '\'').map(|p| i + 2 + p) } else { Some(i + 2) };
            if let Some(close) = close.filter(|&close| chars.get(close) == Some(&'\'')) {
                out.push_str(" ' ");
                i = close + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Every import circle, each as its files in order and back to the first:
/// the strongly connected components of more than one file (Tarjan).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in self.edges.get(node).into_iter().flatten() {
                if !self.index.contains_key(next.as_str()) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next.as_str()]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next.as_str()) {
                    let low = self.low[node].min(self.index[next.as_str()]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    component.push(top.to_owned());
                    if top == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in edges.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    walk.found
}

#[cfg(test)]
mod checker {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> Tree {
        files.iter().map(|(path, text)| ((*path).to_owned(), (*text).to_owned())).collect()
    }

    #[test]
    fn a_circle_through_a_use_group_and_a_code_path_is_found() {
        let tree = tree(&[
            ("lib.rs", "pub mod a;\npub mod b;\n"),
            ("a/mod.rs", "mod x;\npub use x::Thing;\n"),
            ("a/x.rs", "use crate::{b::{self, Other}};\npub struct Thing;\n"),
            ("b.rs", "pub struct Other;\nfn f() { let _ = crate::a::Thing; }\n"),
        ]);
        let problems = check(&tree);
        assert_eq!(problems, vec!["files in an import circle: a/x.rs, b.rs".to_owned()], "{problems:#?}");
    }

    #[test]
    fn a_module_declaring_and_re_exporting_its_children_is_no_circle() {
        let tree = tree(&[
            ("lib.rs", "pub mod store;\n"),
            ("store/mod.rs", "mod user;\npub use user::User;\npub struct Store;\n"),
            ("store/user.rs", "use super::Store;\n// crate::store::User in a comment\npub struct User;\n"),
        ]);
        assert_eq!(check(&tree), Vec::<String>::new());
    }

    #[test]
    fn upward_imports_screens_importing_screens_sqlx_and_long_files_are_reported() {
        let long = "fn f() {}\n".repeat(MAX_LINES + 1);
        let tree = tree(&[
            ("lib.rs", "pub mod domain;\npub mod conversation;\npub mod channel;\n"),
            ("domain.rs", "use crate::channel::Edge;\n"),
            ("channel.rs", "pub struct Edge;\n"),
            ("conversation/mod.rs", "pub mod flow;\nfn f() -> sqlx::Error { todo!() }\n"),
            ("conversation/flow/mod.rs", "mod menu;\nmod find;\nmod view;\n"),
            ("conversation/flow/menu.rs", "use super::find::search;\nuse super::view::button;\n"),
            ("conversation/flow/find.rs", "pub fn search() {}\n"),
            ("conversation/flow/view.rs", &format!("pub fn button() {{}}\n{long}")),
        ]);
        let problems = check(&tree);
        let expected = [
            "conversation/flow/view.rs has 402 lines (at most 400)",
            "conversation/mod.rs names sqlx (only the store may)",
            "conversation/flow/menu.rs imports conversation/flow/find.rs: a screen never imports another screen",
            "domain.rs imports channel.rs: domain must not depend on channel",
        ];
        for line in expected {
            assert!(problems.iter().any(|p| p == line), "missing {line:?} in {problems:#?}");
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    }

    #[test]
    fn strings_comments_and_lifetimes_are_not_code() {
        let code =
            code_only("let a = \"crate::x::y\"; // super::z\nfn f<'a>(c: char) -> bool { c == '\\'' || c == ':' }");
        assert!(!code.contains("crate::x") && !code.contains("super::z"), "{code}");
        assert!(code.contains("<'a>"), "{code}");
        assert_eq!(
            uses("pub use super::{a::{self, B as C}, d::*};"),
            vec![
                Use { path: vec!["super".into(), "a".into()], name: "a".into(), public: true },
                Use { path: vec!["super".into(), "a".into(), "B".into()], name: "C".into(), public: true },
                Use { path: vec!["super".into(), "d".into(), "*".into()], name: "*".into(), public: true },
            ]
        );
    }
}
