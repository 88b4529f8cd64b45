//! Viber callbacks as they arrive at the webhook (after the signature check):
//! `Callback::parse` must refuse or read any bytes without panicking; a
//! message token is read exactly as the integer sent (never through a float,
//! tokens exceed 2^53); re-serialising the same JSON gives the same callback;
//! and a message means what its type says.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use resilience_bot::channel::viber::callback::{BUTTON_PREFIX, Callback, ViberLocation, ViberMessage};
use resilience_bot::conversation::Incoming;

fuzz_target!(|data: &[u8]| {
    let Ok(callback) = Callback::parse(data) else {
        return;
    };
    // The body is JSON, so it reads as a serde_json::Value too, except where the
    // typed parse skipped a value it need not read (a number beyond f64 in an
    // ignored field): then there is nothing to compare.
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        if let Callback::Message { message_token, .. } = &callback {
            assert_eq!(value.get("message_token").and_then(serde_json::Value::as_u64), Some(*message_token));
        }
        let again = serde_json::to_vec(&value).expect("a Value serialises");
        let again = Callback::parse(&again).expect("the same JSON, re-serialised, parses");
        assert_same(&callback, &again);
    }
    if let Callback::Message { message, .. } = &callback {
        check_incoming(message);
    }
});

/// Equal, except that a location may differ in the last bit: serde_json's
/// default float parsing is not guaranteed to round-trip exactly.
fn assert_same(a: &Callback, b: &Callback) {
    match (a, b) {
        (
            Callback::Message { message_token: ta, sender: sa, message: ma },
            Callback::Message { message_token: tb, sender: sb, message: mb },
        ) => {
            assert_eq!((ta, sa, &ma.kind, &ma.text), (tb, sb, &mb.kind, &mb.text));
            match (ma.location, mb.location) {
                (None, None) => {}
                (Some(la), Some(lb)) => assert!(close(la.lat, lb.lat) && close(la.lon, lb.lon), "{la:?} vs {lb:?}"),
                (la, lb) => panic!("location {la:?} vs {lb:?}"),
            }
        }
        _ => assert_eq!(a, b),
    }
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= f64::EPSILON * a.abs().max(b.abs())
}

fn check_incoming(message: &ViberMessage) {
    let incoming = message.incoming();
    match message.kind.as_str() {
        "text" => {
            let text = message.text.as_deref().unwrap_or_default();
            match text.strip_prefix(BUTTON_PREFIX) {
                Some(data) => assert_eq!(incoming, Incoming::Button(data.to_owned())),
                None => common::check_from_text(text, &incoming),
            }
        }
        "location" => match (message.location, &incoming) {
            (Some(ViberLocation { lat, lon }), Incoming::Location { lat: a, lon: b }) => {
                assert_eq!((lat.to_bits(), lon.to_bits()), (a.to_bits(), b.to_bits()));
            }
            // No coordinates: NaN, which the core refuses like any invalid point.
            (None, Incoming::Location { lat, lon }) => assert!(lat.is_nan() && lon.is_nan()),
            (_, other) => panic!("a location read as {other:?}"),
        },
        "contact" => assert_eq!(incoming, Incoming::Contact),
        _ => assert_eq!(incoming, Incoming::Unsupported),
    }
}
