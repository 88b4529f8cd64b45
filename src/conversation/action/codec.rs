//! How an [`Action`] travels as button data: at most 64 bytes of ASCII
//! (Telegram's callback limit), written by [`Action::encode`] and read back
//! from untrusted input by [`Action::parse`].

use super::edit::{field_code, pick_code};
use super::{Action, MAX_ACTION_BYTES, Skipped};
use crate::domain::wellbeing::{Answers, parse_answers};
use crate::domain::{CentreId, Language, is_identifier};

impl Action {
    /// The button data for this action, at most [`MAX_ACTION_BYTES`].
    pub fn encode(&self) -> String {
        match self {
            Action::Menu => "menu".into(),
            Action::Find => "find".into(),
            Action::HelpNow => "help".into(),
            Action::Language => "lang".into(),
            Action::About => "about".into(),
            Action::SetLanguage(language) => format!("lang:{}", language.code()),
            Action::More => "more".into(),
            Action::List => "list".into(),
            Action::Centre(id) => format!("c:{id}"),
            Action::Pin(id) => format!("pin:{id}"),
            Action::Oblast(code) => format!("o:{code}"),
            Action::Place(code) => format!("p:{code}"),
            Action::OtherPlaces { place, matched } => format!("po:{place}:{matched}"),
            Action::Groups => "groups".into(),
            Action::CentreGroups(id) => format!("gc:{id}"),
            Action::Cohort(id) => format!("g:{id}"),
            Action::Join(id) => format!("join:{id}"),
            Action::Skip(Skipped::Name(cohort)) => format!("skip:n:{cohort}"),
            Action::Skip(Skipped::Phone(cohort)) => format!("skip:p:{cohort}"),
            Action::Skip(Skipped::ReportDetails(centre)) => format!("skip:r:{centre}"),
            Action::Mine => "mine".into(),
            Action::Leave(signup) => format!("leave:{signup}"),
            Action::Decline(signup) => format!("decline:{signup}"),
            Action::CantCome { signup, session } => format!("absent:{session}:{signup}"),
            Action::StopReminders(signup) => format!("quiet:{signup}"),
            Action::Subscribe(centre) => format!("sub:{centre}"),
            Action::Unsubscribe(centre) => format!("unsub:{centre}"),
            Action::Coordinate => "k".into(),
            Action::CoordCohort(id) => format!("kg:{id}"),
            Action::CoordList { cohort, page } => format!("kl:{page}:{cohort}"),
            Action::CoordCsv(id) => format!("kf:{id}"),
            Action::CoordCapacity(id) => format!("kk:{id}"),
            Action::CoordCancel(id) => format!("kx:{id}"),
            Action::CoordCancelConfirmed(id) => format!("kxx:{id}"),
            Action::CoordNew(centre) => format!("kn:{centre}"),
            Action::DraftProgramme(id) => format!("kp:{id}"),
            Action::DraftLanguage(language) => format!("kdl:{}", language.code()),
            Action::DraftOnline(online) => if *online { "kdf:online" } else { "kdf:in_person" }.into(),
            Action::DraftCreate => "kdc".into(),
            Action::BroadcastNew(centre) => format!("kb:{centre}"),
            Action::BroadcastSchedule => "kbs".into(),
            Action::BroadcastLater => "kbt".into(),
            Action::BroadcastSend => "kbgo".into(),
            Action::Broadcasts(centre) => format!("kbm:{centre}"),
            Action::BroadcastCancel(id) => format!("kbx:{id}"),
            Action::CloseCentre(centre) => format!("kcl:{centre}"),
            Action::ReopenCentre(centre) => format!("kop:{centre}"),
            Action::Report(centre) => format!("rp:{centre}"),
            Action::ReportTopic(topic) => format!("rpt:{topic}"),
            Action::ReportHandled(id) => format!("rph:{id}"),
            Action::ReportConfirmed(id) => format!("rpc:{id}"),
            Action::ReportMute(id) => format!("rpm:{id}"),
            Action::Checkin => "w".into(),
            Action::CheckinBegin => "wb".into(),
            Action::CheckinAnswer { token, answers } => format!("wa:{token}:{}", digits(answers)),
            Action::CheckinDone { token, answers, oblast } => {
                format!("wd:{token}:{}:{}", digits(&answers.values()), oblast.as_deref().unwrap_or("-"))
            }
            Action::CheckinStop => "wx".into(),
            Action::CheckinRemind => "wr".into(),
            Action::CheckinRemindCancel => "wrx".into(),
            Action::CoordStats => "kst".into(),
            Action::Forget => "forget".into(),
            Action::ForgetConfirmed => "forget!".into(),
            Action::EditCentre(centre) => format!("ke:{centre}"),
            Action::EditField { centre, field } => format!("kef:{}:{centre}", field_code(*field)),
            Action::EditSave { centre, field, rev } => format!("kes:{rev}:{}:{centre}", field_code(*field)),
            Action::EditCancel { centre, field, rev } => format!("kec:{rev}:{}:{centre}", field_code(*field)),
            Action::EditHours { centre, rev, pick } => format!("keh:{rev}:{}:{centre}", pick_code(pick)),
        }
    }

    /// Parses button data; anything malformed, oversized or unknown is `None`.
    pub fn parse(data: &str) -> Option<Self> {
        if data.len() > MAX_ACTION_BYTES {
            return None;
        }
        let action = match data.split_once(':') {
            None => match data {
                "menu" => Action::Menu,
                "find" => Action::Find,
                "help" => Action::HelpNow,
                "lang" => Action::Language,
                "about" => Action::About,
                "more" => Action::More,
                "list" => Action::List,
                "groups" => Action::Groups,
                "mine" => Action::Mine,
                "k" => Action::Coordinate,
                "kdc" => Action::DraftCreate,
                "kbs" => Action::BroadcastSchedule,
                "kbt" => Action::BroadcastLater,
                "kbgo" => Action::BroadcastSend,
                "w" => Action::Checkin,
                "wb" => Action::CheckinBegin,
                "wx" => Action::CheckinStop,
                "wr" => Action::CheckinRemind,
                "wrx" => Action::CheckinRemindCancel,
                "kst" => Action::CoordStats,
                "forget" => Action::Forget,
                "forget!" => Action::ForgetConfirmed,
                _ => return None,
            },
            Some(("lang", code)) => Action::SetLanguage(Language::parse(code)?),
            Some(("c", id)) => Action::Centre(CentreId::parse(id).ok()?),
            Some(("pin", id)) => Action::Pin(CentreId::parse(id).ok()?),
            Some(("o", code)) if is_katottg_code(code) => Action::Oblast(code.into()),
            Some(("p", code)) if is_katottg_code(code) => Action::Place(code.into()),
            Some(("po", rest)) => {
                let (place, matched) = rest.split_once(':')?;
                let skeleton =
                    !matched.is_empty() && matched.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
                if !is_katottg_code(place) || !skeleton {
                    return None;
                }
                Action::OtherPlaces { place: place.into(), matched: matched.into() }
            }
            Some(("gc", id)) => Action::CentreGroups(CentreId::parse(id).ok()?),
            Some(("g", id)) if is_identifier(id) => Action::Cohort(id.into()),
            Some(("join", id)) if is_identifier(id) => Action::Join(id.into()),
            Some(("skip", rest)) => Action::Skip(match rest.split_once(':')? {
                ("n", cohort) if is_identifier(cohort) => Skipped::Name(cohort.into()),
                ("p", cohort) if is_identifier(cohort) => Skipped::Phone(cohort.into()),
                ("r", centre) => Skipped::ReportDetails(CentreId::parse(centre).ok()?),
                _ => return None,
            }),
            Some(("leave", signup)) => Action::Leave(positive(signup)?),
            Some(("decline", signup)) => Action::Decline(positive(signup)?),
            Some(("absent", rest)) => {
                let (session, signup) = rest.split_once(':')?;
                let session = session.parse().ok().filter(|s: &i32| *s > 0)?;
                Action::CantCome { signup: positive(signup)?, session }
            }
            Some(("quiet", signup)) => Action::StopReminders(positive(signup)?),
            Some(("sub", id)) => Action::Subscribe(CentreId::parse(id).ok()?),
            Some(("unsub", id)) => Action::Unsubscribe(CentreId::parse(id).ok()?),
            Some(("kg", id)) if is_identifier(id) => Action::CoordCohort(id.into()),
            Some(("kl", rest)) => {
                let (page, id) = rest.split_once(':')?;
                if !is_identifier(id) || !page.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Action::CoordList { cohort: id.into(), page: page.parse().ok()? }
            }
            Some(("kf", id)) if is_identifier(id) => Action::CoordCsv(id.into()),
            Some(("kk", id)) if is_identifier(id) => Action::CoordCapacity(id.into()),
            Some(("kx", id)) if is_identifier(id) => Action::CoordCancel(id.into()),
            Some(("kxx", id)) if is_identifier(id) => Action::CoordCancelConfirmed(id.into()),
            Some(("kn", id)) => Action::CoordNew(CentreId::parse(id).ok()?),
            Some(("kp", id)) if is_identifier(id) => Action::DraftProgramme(id.into()),
            Some(("kdl", code)) => Action::DraftLanguage(Language::parse(code)?),
            Some(("kb", id)) => Action::BroadcastNew(CentreId::parse(id).ok()?),
            Some(("kbm", id)) => Action::Broadcasts(CentreId::parse(id).ok()?),
            Some(("kbx", id)) => Action::BroadcastCancel(positive(id)?),
            Some(("kcl", id)) => Action::CloseCentre(CentreId::parse(id).ok()?),
            Some(("kop", id)) => Action::ReopenCentre(CentreId::parse(id).ok()?),
            Some(("rp", id)) => Action::Report(CentreId::parse(id).ok()?),
            Some(("rpt", topic)) if crate::store::TOPICS.contains(&topic) => Action::ReportTopic(topic.into()),
            Some(("rph", id)) => Action::ReportHandled(positive(id)?),
            Some(("rpc", id)) => Action::ReportConfirmed(positive(id)?),
            Some(("rpm", id)) => Action::ReportMute(positive(id)?),
            Some(("wa", rest)) => {
                let (token, answers) = rest.split_once(':')?;
                Action::CheckinAnswer { token: checkin_token(token)?, answers: parse_answers(answers)? }
            }
            Some(("wd", rest)) => {
                let mut parts = rest.split(':');
                let (token, answers, oblast) = (parts.next()?, parts.next()?, parts.next()?);
                if parts.next().is_some() {
                    return None;
                }
                let answers = Answers::new(&parse_answers(answers)?)?;
                let oblast = match oblast {
                    "-" => None,
                    code if is_katottg_code(code) => Some(code.to_owned()),
                    _ => return None,
                };
                Action::CheckinDone { token: checkin_token(token)?, answers, oblast }
            }
            Some((prefix @ ("ke" | "kef" | "kes" | "kec" | "keh"), rest)) => super::edit::parse(prefix, rest)?,
            Some(("kdf", "online")) => Action::DraftOnline(true),
            Some(("kdf", "in_person")) => Action::DraftOnline(false),
            Some(_) => return None,
        };
        Some(action)
    }
}

/// A check-in's token: 1 to 10 lowercase hex digits.
fn checkin_token(raw: &str) -> Option<String> {
    let valid = (1..=10).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    valid.then(|| raw.to_owned())
}

/// Answers as button data: one digit each.
fn digits(answers: &[u8]) -> String {
    answers.iter().map(|a| char::from(b'0' + a.min(&9))).collect()
}

/// A database id: digits only, no sign, above zero.
fn positive(raw: &str) -> Option<i64> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok().filter(|id: &i64| *id > 0)
}

/// `UA` and 17 digits.
fn is_katottg_code(code: &str) -> bool {
    code.len() == 19 && code.starts_with("UA") && code[2..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_within_the_callback_limit() {
        let longest_id = CentreId::parse(&"x".repeat(CentreId::MAX_LEN)).expect("valid id");
        let actions = [
            Action::Menu,
            Action::Find,
            Action::HelpNow,
            Action::Language,
            Action::About,
            Action::SetLanguage(Language::En),
            Action::More,
            Action::List,
            Action::Centre(longest_id.clone()),
            Action::Pin(longest_id),
            Action::Oblast("UA23000000000064947".into()),
            Action::Place("UA32060010010025307".into()),
            Action::OtherPlaces { place: "UA32060010010025307".into(), matched: "x".repeat(41) },
            Action::Groups,
            Action::CentreGroups(CentreId::parse(&"y".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::Cohort("x".repeat(40)),
            Action::Join("x".repeat(40)),
            Action::Skip(Skipped::Name("x".repeat(40))),
            Action::Skip(Skipped::Phone("x".repeat(40))),
            Action::Skip(Skipped::ReportDetails(CentreId::parse(&"r".repeat(CentreId::MAX_LEN)).expect("valid id"))),
            Action::Mine,
            Action::Leave(i64::MAX),
            Action::Decline(i64::MAX),
            Action::CantCome { signup: i64::MAX, session: i32::MAX },
            Action::StopReminders(i64::MAX),
            Action::Subscribe(CentreId::parse(&"s".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::Unsubscribe(CentreId::parse(&"u".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::Coordinate,
            Action::CoordCohort("x".repeat(40)),
            Action::CoordList { cohort: "x".repeat(40), page: u16::MAX },
            Action::CoordCsv("x".repeat(40)),
            Action::CoordCapacity("x".repeat(40)),
            Action::CoordCancel("x".repeat(40)),
            Action::CoordCancelConfirmed("x".repeat(40)),
            Action::CoordNew(CentreId::parse(&"z".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::DraftProgramme("x".repeat(40)),
            Action::DraftLanguage(Language::Uk),
            Action::DraftOnline(true),
            Action::DraftOnline(false),
            Action::DraftCreate,
            Action::BroadcastNew(CentreId::parse(&"b".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::BroadcastSchedule,
            Action::BroadcastLater,
            Action::BroadcastSend,
            Action::Broadcasts(CentreId::parse(&"m".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::BroadcastCancel(i64::MAX),
            Action::CloseCentre(CentreId::parse(&"c".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::ReopenCentre(CentreId::parse(&"o".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::Report(CentreId::parse(&"r".repeat(CentreId::MAX_LEN)).expect("valid id")),
            Action::ReportTopic("address".into()),
            Action::ReportHandled(i64::MAX),
            Action::ReportConfirmed(i64::MAX),
            Action::ReportMute(i64::MAX),
            Action::Checkin,
            Action::CheckinBegin,
            Action::CheckinAnswer { token: "ffffffffff".into(), answers: Vec::new() },
            Action::CheckinAnswer { token: "1a".into(), answers: vec![5, 0, 3, 1, 4] },
            Action::CheckinDone {
                token: "ffffffffff".into(),
                answers: Answers::new(&[0, 1, 2, 3, 5]).expect("valid"),
                oblast: Some("UA80000000000093317".into()),
            },
            Action::CheckinDone {
                token: "0".into(),
                answers: Answers::new(&[5, 5, 5, 5, 5]).expect("valid"),
                oblast: None,
            },
            Action::CheckinStop,
            Action::CheckinRemind,
            Action::CheckinRemindCancel,
            Action::CoordStats,
            Action::Forget,
            Action::ForgetConfirmed,
        ];
        for action in actions {
            let data = action.encode();
            assert!(data.len() <= MAX_ACTION_BYTES, "{data}");
            assert_eq!(Action::parse(&data), Some(action));
        }
    }

    #[test]
    fn forged_or_malformed_button_data_is_refused() {
        for data in [
            "",
            "drop",
            "c:",
            "c:../../etc",
            "p:UA123",
            "p:XX23000000000064947",
            "o:UA2300000000006494x",
            "lang:fr",
            "c:'; DELETE FROM centre;--",
            "pin:",
            "pin:../x",
            "pin:a b",
            &"m".repeat(65),
            "menu:extra",
            "leave:-1",
            "leave:abc",
            "join:a b",
            "g:",
            "leave:+5",
            "decline:0",
            "absent:1",
            "absent:0:5",
            "absent:-1:5",
            "quiet:",
            "kl:x:g1",
            "kl:-1:g1",
            "kl:70000:g1",
            "kg:a/b",
            "kdf:hybrid",
            "kdl:ru",
            "kn:",
            "kbx:0",
            "kbx:abc",
            "kb:",
            "rpt:price",
            "rph:0",
            "wa:6",
            "wa:1a:6",
            "wa:1a:123456",
            "wa:1a:1 2",
            "wa::12",
            "wa:XYZ:12",
            "wa:fffffffffff:1",
            "wd:1a:1234:-",
            "wd:1a:12345",
            "wd:1a:12345:",
            "wd:1a:12345:UA80",
            "wd:1a:12346:-",
            "wd:1a:12345:-:x",
            "wd:12345:-",
            "forget:now",
        ] {
            assert_eq!(Action::parse(data), None, "{data:?}");
        }
    }
}
