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

/// A short keyed hash of a platform id, for logs: the same person gets the
/// same tag while this process runs, so a log can follow them, but the id
/// cannot be read back (the key is random per process, and ids are too few
/// to guess without it), and nothing in the logs outlives `/forget`.
pub fn log_tag(id: &str) -> String {
    use hmac::{Hmac, Mac};
    static KEY: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        let mut key = [0u8; 32];
        if getrandom::getrandom(&mut key).is_err() {
            // Never seen on Linux; a randomly keyed hasher is the fallback.
            use std::hash::{BuildHasher, Hasher};
            for chunk in key.chunks_mut(8) {
                let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
                chunk.copy_from_slice(&random.to_le_bytes());
            }
        }
        key
    });
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key) else { return String::from("?") };
    mac.update(id.as_bytes());
    mac.finalize().into_bytes().iter().take(4).map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::log_tag;

    #[test]
    fn a_log_tag_is_short_stable_and_hides_the_id() {
        let tag = log_tag("123456789");
        assert_eq!(tag.len(), 8);
        assert_eq!(tag, log_tag("123456789"), "the same person, the same tag");
        assert_ne!(tag, log_tag("123456780"));
        assert!(!tag.contains("1234"));
    }
}
