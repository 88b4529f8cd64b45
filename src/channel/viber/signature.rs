//! `X-Viber-Content-Signature`: the lowercase hex HMAC-SHA256 of the raw body,
//! keyed with the bot's auth token. Checked in constant time before the body
//! is parsed.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Whether `signature` (hex, as in the header) signs `body` with `token`.
pub fn verify(token: &str, body: &[u8], signature: &str) -> bool {
    let Some(expected) = decode_hex(signature.trim()) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(token.as_bytes()) else {
        return false;
    };
    mac.update(body);
    // verify_slice compares in constant time.
    mac.verify_slice(&expected).is_ok()
}

/// The signature of a body, for tests and tools that sign callbacks.
pub fn sign(token: &str, body: &[u8]) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(token.as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    crate::channel::hex(&mac.finalize().into_bytes())
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3";
    const BODY: &str = r#"{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}"#;
    const SIGNATURE: &str = "d21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef";

    #[test]
    fn the_known_viber_test_vector_verifies() {
        assert_eq!(sign(KEY, BODY.as_bytes()), SIGNATURE);
        assert!(verify(KEY, BODY.as_bytes(), SIGNATURE));
        assert!(verify(KEY, BODY.as_bytes(), &SIGNATURE.to_uppercase()), "hex case does not matter");
    }

    #[test]
    fn a_changed_body_key_or_signature_fails() {
        assert!(!verify(KEY, format!("{BODY} ").as_bytes(), SIGNATURE));
        assert!(!verify("another-token", BODY.as_bytes(), SIGNATURE));
        let mut flipped = SIGNATURE.to_owned();
        flipped.replace_range(0..1, "e");
        assert!(!verify(KEY, BODY.as_bytes(), &flipped));
        for bad in ["", "zz", &SIGNATURE[..63], &format!("{SIGNATURE}00"), "ж".repeat(32).as_str()] {
            assert!(!verify(KEY, BODY.as_bytes(), bad), "{bad:?}");
        }
    }
}
