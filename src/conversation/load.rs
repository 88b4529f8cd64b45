//! What a step needs from the database besides the person's row, loaded
//! before the pure flow runs: the groups board, or a coordinator's desk with
//! what their screen shows (see `Action::needs`).

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::action::{DeskNeeds, Needs};
use super::state::State;
use super::{Conversation, ConversationError, flow};
use crate::directory::Directory;
use crate::domain::{ChannelKind, Person};
use crate::store::UserRecord;

/// Everything one step reads besides the person's row: the directory as it
/// is now, the time, and what the input needs from the database.
pub(super) struct Loaded {
    directory: Arc<Directory>,
    board: Option<flow::Board>,
    desk: Option<flow::Desk>,
    pub(super) now: DateTime<Utc>,
    kyiv_now: NaiveDateTime,
}

impl Conversation {
    /// Loads what `input` needs in `state`.
    pub(super) async fn load_for(
        &self,
        person: &Person,
        input: &flow::Input,
        state: &State,
    ) -> Result<Loaded, ConversationError> {
        let directory = self.directory.current();
        let now = self.clock.utc_now();
        let (board, desk) = self.load(person, &input.needs(state), now).await?;
        Ok(Loaded { directory, board, desk, now, kyiv_now: self.clock.kyiv_now() })
    }

    /// The context a step of this person's runs in.
    pub(super) fn context<'a>(
        &'a self,
        loaded: &'a Loaded,
        record: &UserRecord,
        channel: ChannelKind,
    ) -> flow::Context<'a> {
        flow::Context {
            directory: &loaded.directory,
            gazetteer: &self.gazetteer,
            hotlines: &self.hotlines,
            distress: &self.distress,
            now: loaded.kyiv_now,
            language: record.language,
            is_new: record.is_new,
            groups: loaded.board.as_ref(),
            desk: loaded.desk.as_ref(),
            channel,
        }
    }

    /// The board or the desk the step needs, if any.
    async fn load(
        &self,
        person: &Person,
        needs: &Needs,
        now: DateTime<Utc>,
    ) -> Result<(Option<flow::Board>, Option<flow::Desk>), ConversationError> {
        Ok(match needs {
            Needs::Nothing => (None, None),
            Needs::Groups => {
                let (cohorts, mine) = self.store.group_board(person, now).await?;
                (Some(flow::Board { cohorts, mine }), None)
            }
            Needs::Desk(needs) => (None, Some(self.desk(person, needs, now).await?)),
        })
    }

    /// A coordinator's centres and their running groups, and one group's
    /// sign-up list when asked for (only if it is theirs).
    async fn desk(
        &self,
        person: &Person,
        needs: &DeskNeeds,
        now: DateTime<Utc>,
    ) -> Result<flow::Desk, ConversationError> {
        let centres = self.store.coordinated_centres(person).await?;
        if centres.is_empty() {
            return Ok(flow::Desk::default());
        }
        let cohorts = self.store.running_cohorts(&centres, now).await?;
        let subscribers = self.store.subscriber_counts(&centres).await?;
        let signups = match &needs.signups_of {
            Some(cohort) => self.store.signup_list(person, cohort).await?,
            None => None,
        };
        let broadcasts = match &needs.broadcasts_of {
            Some(centre) if centres.contains(centre) => Some(self.store.broadcasts(centre).await?),
            _ => None,
        };
        let programmes = self.programmes.to_vec();
        let stats = if needs.stats {
            let weeks = crate::domain::checkin_stats::complete_weeks(self.clock.kyiv_now().date(), flow::stats::WEEKS);
            Some(self.store.checkin_table(weeks).await?)
        } else {
            None
        };
        Ok(flow::Desk { centres, cohorts, signups, programmes, subscribers, broadcasts, stats })
    }
}
