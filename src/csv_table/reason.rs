//! A problem in a file in two forms: the English sentence the command line
//! prints, and a message key with its arguments, so that the desk can say
//! the same in the reader's language (keys `import-problem-*` in
//! `locales/*/desk.ftl`).

/// A problem as a message key and its arguments (`name`, value as text).
/// A [`ProblemArg::Decimal`] is written with the reader's decimal mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: &'static str,
    pub args: Vec<(&'static str, ProblemArg)>,
}

/// One argument of a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemArg {
    /// Words from the file or a name (a column, a value), shown as they are.
    Text(String),
    /// A number as Rust prints it (`50.45`); the desk shows `50,45` in Ukrainian.
    Decimal(String),
}

/// The key of a problem only known in English (a library's message): the
/// desk shows the English words under a translated heading.
pub const UNTRANSLATED: &str = "import-problem-text";

/// A problem in both forms; what a row check returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub english: String,
    pub problem: Problem,
}

impl Reason {
    pub fn new(key: &'static str, english: impl Into<String>) -> Self {
        Self { english: english.into(), problem: Problem { key, args: Vec::new() } }
    }

    /// Adds a text argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.problem.args.push((name, ProblemArg::Text(value.into())));
        self
    }

    /// Adds a number argument.
    pub fn decimal(mut self, name: &'static str, value: impl ToString) -> Self {
        self.problem.args.push((name, ProblemArg::Decimal(value.to_string())));
        self
    }
}

/// English words without a key of their own (see [`UNTRANSLATED`]).
impl From<String> for Reason {
    fn from(english: String) -> Self {
        Self::new(UNTRANSLATED, english.clone()).arg("text", english)
    }
}
