//! Logging through `tracing`, to stderr: human-readable lines, or one JSON
//! object per line with `LOG_FORMAT=json` (for journald, containers and log
//! shippers). Never log secrets, message text, names or phone numbers: log
//! ids, counts and outcomes.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

/// How log lines are written (`LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// Installs the subscriber. `RUST_LOG` overrides `default_filter`, except
/// that with `warnings_at_most` (the terminal conversation, whose stderr is
/// the person's screen) nothing below a warning is written whatever it says.
pub fn init(default_filter: &str, format: LogFormat, warnings_at_most: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let filter = if warnings_at_most && filter.max_level_hint().is_none_or(|level| level > LevelFilter::WARN) {
        EnvFilter::new("warn")
    } else {
        filter
    };
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests) is harmless; the first subscriber stays.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
}
