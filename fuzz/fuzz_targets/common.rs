//! Checks shared by the channel targets.

use resilience_bot::conversation::Incoming;

/// What `Incoming::from_text` must guarantee for any text a person sends:
/// plain text is kept exactly, a deep-link payload is trimmed and non-empty,
/// and only a text starting with `/` (after spaces) is read as a command.
pub fn check_from_text(text: &str, incoming: &Incoming) {
    match incoming {
        Incoming::Text(kept) => assert_eq!(kept, text, "text must be kept as sent"),
        Incoming::Start { payload } => {
            assert!(text.trim().starts_with('/'), "{text:?} read as /start");
            if let Some(payload) = payload {
                assert!(!payload.is_empty() && payload.trim() == payload, "payload {payload:?}");
                assert!(text.contains(payload.as_str()));
            }
        }
        Incoming::Command(_) => assert!(text.trim().starts_with('/'), "{text:?} read as a command"),
        other => panic!("{text:?} read as {other:?}"),
    }
}
