//! Who publishes the open data and under which licence, and the API's
//! switch and rate limit, as the command line and environment give them.

use clap::{Args, ValueEnum};

/// The sample publisher's details, used until an operator sets their own
/// (`example.org` is reserved for examples, RFC 2606).
pub const SAMPLE_PUBLISHER_NAME: &str = "Resilience bot operator (sample: set OPEN_DATA_PUBLISHER_NAME)";
pub const SAMPLE_PUBLISHER_WEBSITE: &str = "https://example.org/";
pub const SAMPLE_PUBLISHER_EMAIL: &str = "opendata@example.org";

/// The organisation that runs the bot, published as the HSDS `organization`
/// that provides every service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Publisher {
    pub name: String,
    pub website: String,
    pub email: String,
    /// The organisation's code in the Unified State Register (ЄДРПОУ, 8
    /// digits), published as an `organization_identifier` (scheme `UA-EDR`).
    pub edrpou: Option<String>,
    /// False while the sample details above are in use; the API metadata says so.
    pub configured: bool,
}

/// The licence the operator publishes the directory under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Licence {
    pub name: String,
    pub url: String,
}

/// Everything the published records depend on besides the directory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Publication {
    pub publisher: Publisher,
    pub licence: Licence,
}

/// The publisher and licence flags, shared by `serve` and `export`.
#[derive(Debug, Clone, Args)]
pub struct PublicationArgs {
    /// The organisation that runs the bot, as published in the open data.
    #[arg(long, env = "OPEN_DATA_PUBLISHER_NAME", default_value = SAMPLE_PUBLISHER_NAME)]
    pub publisher_name: String,
    /// Its website (http:// or https://).
    #[arg(long, env = "OPEN_DATA_PUBLISHER_WEBSITE", default_value = SAMPLE_PUBLISHER_WEBSITE)]
    pub publisher_website: String,
    /// Its e-mail address for questions about the data.
    #[arg(long, env = "OPEN_DATA_PUBLISHER_EMAIL", default_value = SAMPLE_PUBLISHER_EMAIL)]
    pub publisher_email: String,
    /// Its ЄДРПОУ code (8 digits), if it has one.
    #[arg(long, env = "OPEN_DATA_PUBLISHER_EDRPOU")]
    pub publisher_edrpou: Option<String>,
    /// The licence of the published data.
    #[arg(long, env = "OPEN_DATA_LICENSE_NAME", default_value = "CC BY 4.0")]
    pub license_name: String,
    /// Where the licence's text is.
    #[arg(long, env = "OPEN_DATA_LICENSE_URL", default_value = "https://creativecommons.org/licenses/by/4.0/")]
    pub license_url: String,
}

/// A publisher setting that cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicationError {
    #[error("OPEN_DATA_PUBLISHER_NAME is empty")]
    EmptyName,
    #[error("OPEN_DATA_PUBLISHER_WEBSITE {0:?} must be an http:// or https:// address")]
    Website(String),
    #[error("OPEN_DATA_PUBLISHER_EMAIL {0:?} is not an e-mail address")]
    Email(String),
    #[error("OPEN_DATA_PUBLISHER_EDRPOU {0:?} must be 8 digits")]
    Edrpou(String),
    #[error("OPEN_DATA_LICENSE_NAME is empty")]
    EmptyLicence,
    #[error("OPEN_DATA_LICENSE_URL {0:?} must be an http:// or https:// address")]
    LicenceUrl(String),
}

impl PublicationArgs {
    /// Checks the settings, so that what is published validates.
    pub fn parse(&self) -> Result<Publication, PublicationError> {
        let name = self.publisher_name.trim();
        if name.is_empty() {
            return Err(PublicationError::EmptyName);
        }
        let website = web_address(&self.publisher_website)
            .ok_or_else(|| PublicationError::Website(self.publisher_website.clone()))?;
        let email = self.publisher_email.trim();
        if !is_email(email) {
            return Err(PublicationError::Email(self.publisher_email.clone()));
        }
        let edrpou = match self.publisher_edrpou.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) if code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()) => Some(code.to_owned()),
            Some(code) => return Err(PublicationError::Edrpou(code.to_owned())),
        };
        let licence_name = self.license_name.trim();
        if licence_name.is_empty() {
            return Err(PublicationError::EmptyLicence);
        }
        let licence_url =
            web_address(&self.license_url).ok_or_else(|| PublicationError::LicenceUrl(self.license_url.clone()))?;
        let configured = name != SAMPLE_PUBLISHER_NAME;
        Ok(Publication {
            publisher: Publisher { name: name.to_owned(), website, email: email.to_owned(), edrpou, configured },
            licence: Licence { name: licence_name.to_owned(), url: licence_url },
        })
    }
}

/// An http(s) address as a URI (international domain names in punycode,
/// other characters percent-encoded), or `None` when it is not one.
pub fn web_address(raw: &str) -> Option<String> {
    let url = reqwest::Url::parse(raw.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host().is_some()).then(|| url.to_string())
}

/// Whether `raw` is a plain ASCII address (`user@host.tld`) that every
/// e-mail validator accepts; others are left out of the published data.
pub fn is_email(raw: &str) -> bool {
    let Some((user, host)) = raw.split_once('@') else {
        return false;
    };
    let atom = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    !user.is_empty()
        && !user.starts_with('.')
        && !user.ends_with('.')
        && !user.contains("..")
        && user.chars().all(atom)
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// `OPEN_DATA`: whether `serve` answers the open data API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

/// The open data API's settings of `serve`.
#[derive(Debug, Clone, Args)]
pub struct OpenDataArgs {
    /// `off` turns the open data API (/api/hsds/…, /api/centres.geojson) off.
    #[arg(long = "open-data", env = "OPEN_DATA", value_enum, default_value = "on")]
    pub switch: Switch,
    /// Requests a second each client address may keep making.
    #[arg(long, env = "OPEN_DATA_RATE", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub open_data_rate: u32,
    /// Requests a client address may make at once before the rate applies.
    #[arg(long, env = "OPEN_DATA_BURST", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub open_data_burst: u32,
    #[command(flatten)]
    pub publication: PublicationArgs,
}

/// How many requests a client address may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_second: std::num::NonZeroU32,
    pub burst: std::num::NonZeroU32,
}

/// The open data API as configured.
#[derive(Debug, Clone)]
pub struct OpenDataConfig {
    pub publication: Publication,
    pub rate: RateLimit,
}

impl OpenDataArgs {
    /// The API's configuration, or `None` when `OPEN_DATA=off`.
    pub fn config(&self) -> Result<Option<OpenDataConfig>, PublicationError> {
        if self.switch == Switch::Off {
            return Ok(None);
        }
        let publication = self.publication.parse()?;
        if !publication.publisher.configured {
            tracing::warn!("open data: OPEN_DATA_PUBLISHER_NAME is unset; publishing the sample publisher's details");
        }
        let nonzero = |n: u32| std::num::NonZeroU32::new(n).unwrap_or(std::num::NonZeroU32::MIN);
        let rate = RateLimit { per_second: nonzero(self.open_data_rate), burst: nonzero(self.open_data_burst) };
        Ok(Some(OpenDataConfig { publication, rate }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> PublicationArgs {
        PublicationArgs {
            publisher_name: "ГО «Приклад»".into(),
            publisher_website: "https://приклад.укр/про-нас".into(),
            publisher_email: "data@example.org".into(),
            publisher_edrpou: Some("12345678".into()),
            license_name: "CC BY 4.0".into(),
            license_url: "https://creativecommons.org/licenses/by/4.0/".into(),
        }
    }

    #[test]
    fn a_publisher_with_an_international_domain_is_published_as_a_uri() {
        let publication = args().parse().expect("valid");
        assert!(publication.publisher.website.starts_with("https://xn--"), "{}", publication.publisher.website);
        assert!(publication.publisher.website.is_ascii());
        assert!(publication.publisher.configured);
    }

    #[test]
    fn bad_publisher_settings_are_refused_with_the_setting_named() {
        let with = |change: fn(&mut PublicationArgs)| {
            let mut args = args();
            change(&mut args);
            args.parse()
        };
        assert_eq!(with(|a| a.publisher_name = " ".into()), Err(PublicationError::EmptyName));
        assert!(matches!(with(|a| a.publisher_website = "ftp://x.org".into()), Err(PublicationError::Website(_))));
        assert!(matches!(with(|a| a.publisher_email = "нема".into()), Err(PublicationError::Email(_))));
        assert!(matches!(with(|a| a.publisher_edrpou = Some("1234".into())), Err(PublicationError::Edrpou(_))));
        assert!(matches!(with(|a| a.license_url = "licence".into()), Err(PublicationError::LicenceUrl(_))));
        assert_eq!(with(|a| a.publisher_edrpou = Some(String::new())).map(|p| p.publisher.edrpou), Ok(None));
    }

    #[test]
    fn only_plain_ascii_addresses_count_as_email() {
        for good in ["a@b.ua", "centre.lviv+info@gmail.com"] {
            assert!(is_email(good), "{good}");
        }
        for bad in ["", "a", "a@b", "@b.ua", "a b@c.ua", "центр@пошта.укр", "a..b@c.ua", "a@-b.ua", "a@b..ua"]
        {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
