//! Logging through `tracing`, to stderr. Never log secrets, message text,
//! names or phone numbers: log ids, counts and outcomes.

use tracing_subscriber::EnvFilter;

/// Installs the subscriber. `RUST_LOG` overrides `default_filter`.
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    // A second init (tests) is harmless; the first subscriber stays.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
