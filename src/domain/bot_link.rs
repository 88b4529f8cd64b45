//! Links that open the bot with a start payload: Telegram's deep link
//! (`https://t.me/<username>?start=<payload>`, delivered as `/start <payload>`)
//! and Viber's (`viber://pa?chatURI=<uri>&context=<payload>`, delivered as
//! the `context` of `conversation_started`). The payloads are the ones the
//! conversation understands on `/start`.

/// The start payload prefix of a coordinator invitation (`coord-<code>`).
pub const INVITE_PAYLOAD: &str = "coord-";
/// The start payload prefix of a centre's card (`centre-<id>`).
pub const CENTRE_PAYLOAD: &str = "centre-";

/// The bot's public names on each platform; a link is `None` for a platform
/// whose name is not configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BotLinks {
    /// The Telegram username, without `@` (`TELEGRAM_BOT_USERNAME`).
    pub telegram: Option<String>,
    /// The Viber bot's chat URI (`VIBER_CHAT_URI`).
    pub viber: Option<String>,
}

impl BotLinks {
    /// Names as configured; blank ones count as unset, a leading `@` is dropped.
    pub fn new(telegram: Option<&str>, viber: Option<&str>) -> Self {
        let clean =
            |name: Option<&str>| name.map(|n| n.trim().trim_start_matches('@').to_owned()).filter(|n| !n.is_empty());
        Self { telegram: clean(telegram), viber: clean(viber) }
    }

    /// `https://t.me/<username>?start=<payload>`.
    pub fn telegram(&self, payload: &str) -> Option<String> {
        self.telegram.as_ref().map(|bot| format!("https://t.me/{bot}?start={}", encode(payload)))
    }

    /// `viber://pa?chatURI=<uri>&context=<payload>`.
    pub fn viber(&self, payload: &str) -> Option<String> {
        self.viber.as_ref().map(|uri| format!("viber://pa?chatURI={}&context={}", encode(uri), encode(payload)))
    }
}

/// The payload of an invitation code.
pub fn invite_payload(code: &str) -> String {
    format!("{INVITE_PAYLOAD}{code}")
}

/// The payload of a centre's card.
pub fn centre_payload(centre: &str) -> String {
    format!("{CENTRE_PAYLOAD}{centre}")
}

/// Percent-encodes all but unreserved characters (payloads and ids are
/// plain already; this keeps a stray character from breaking the link).
fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_payload_and_only_for_configured_platforms() {
        let links = BotLinks::new(Some("@resilience_bot"), Some("resiliencebot"));
        assert_eq!(
            links.telegram(&centre_payload("sample-lvivska")).as_deref(),
            Some("https://t.me/resilience_bot?start=centre-sample-lvivska")
        );
        assert_eq!(
            links.viber(&invite_payload("00ff")).as_deref(),
            Some("viber://pa?chatURI=resiliencebot&context=coord-00ff")
        );
        let none = BotLinks::new(Some("  "), None);
        assert_eq!((none.telegram("x"), none.viber("x")), (None, None));
        assert_eq!(links.telegram("a b&c").as_deref(), Some("https://t.me/resilience_bot?start=a%20b%26c"));
    }
}
