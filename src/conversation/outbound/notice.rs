//! Sending notices (see `store::notice`): the reminder schedule and the loop
//! that words each claimed notice in its recipient's language and hands it
//! to the recipient's channel.

use chrono::Timelike;

use super::{NoticeSender, Sent};
use crate::conversation::{Conversation, ConversationError, Outgoing, flow};
use crate::domain::checkin_stats::complete_weeks;
use crate::domain::{ChannelKind, Person};
use crate::store::{Notice, NoticeOutcome, PendingNotice};

/// Reminders are queued from 18:00 the day before a session; one that could
/// not go by 21:00 (the bot was down) waits for 09:00, unless the session is
/// by then less than an hour away. Nobody is woken at night.
const QUIET_FROM_HOUR: u32 = 21;
const QUIET_UNTIL_HOUR: u32 = 9;
/// Notices claimed at once.
const BATCH: i64 = 50;
/// No notice starts later than this into a round (one send may take about
/// 32 s through an outage): the round stays inside the claims' lease, so no
/// other worker sends a notice still being sent. The rest are given back.
const SEND_WINDOW: std::time::Duration = std::time::Duration::from_secs(45);

impl Conversation {
    /// Queues the reminders due now, outside quiet hours.
    pub async fn schedule_reminders(&self) -> Result<u64, ConversationError> {
        if self.is_quiet() {
            return Ok(0);
        }
        let sessions = self.store.schedule_reminders(self.clock.utc_now()).await?;
        let today = self.clock.kyiv_now().date();
        let checkins = self.store.queue_checkin_reminders(today).await?;
        let (last_week, _) = complete_weeks(today, 1);
        let stats = self.store.queue_weekly_stats(last_week).await?;
        Ok(sessions + checkins + stats)
    }

    fn is_quiet(&self) -> bool {
        !(QUIET_UNTIL_HOUR..QUIET_FROM_HOUR).contains(&self.clock.kyiv_now().hour())
    }

    /// The next 09:00 in Kyiv.
    fn next_morning(&self) -> chrono::DateTime<chrono::Utc> {
        let now = self.clock.kyiv_now();
        let today = now.date().and_hms_opt(QUIET_UNTIL_HOUR, 0, 0).unwrap_or(now);
        let morning = if now < today { today } else { today + chrono::Duration::days(1) };
        crate::cohort::schedule::kyiv(morning).unwrap_or_else(|| self.clock.utc_now() + chrono::Duration::hours(1))
    }

    /// Sends the notices due to the senders' channels (or to one person),
    /// one claimed batch. Returns how many were handled.
    pub async fn deliver_notices(
        &self,
        senders: &[&dyn NoticeSender],
        only: Option<&Person>,
    ) -> Result<usize, ConversationError> {
        let channels: Vec<ChannelKind> = senders.iter().map(|s| s.channel()).collect();
        let claimed = self.store.claim_notices(&channels, only, BATCH, self.clock.utc_now()).await?;
        let started = std::time::Instant::now();
        for pending in &claimed {
            if started.elapsed() > SEND_WINDOW {
                self.store.postpone_notice(pending.id, self.clock.utc_now()).await?;
                continue;
            }
            // A reminder is never sent at night, even one delayed by an outage.
            if matches!(pending.notice, Notice::Reminder { .. } | Notice::CheckinReminder | Notice::WeeklyStats { .. })
                && self.is_quiet()
            {
                self.store.postpone_notice(pending.id, self.next_morning()).await?;
                continue;
            }
            let Some(sender) = senders.iter().find(|s| s.channel() == pending.to.channel) else { continue };
            match self.render_notice(pending).await? {
                Ok(outgoing) => {
                    let sent = sender.send(&pending.to.external_id, outgoing).await;
                    self.metrics.delivery(crate::metrics::DeliveryKind::Notice, pending.to.channel, sent.into());
                    match sent {
                        Sent::Yes => self.store.finish_notice(pending.id, NoticeOutcome::Sent).await?,
                        Sent::Unreachable => self.store.finish_notice(pending.id, NoticeOutcome::Unreachable).await?,
                        Sent::Later => self.store.release_notice(pending.id, self.clock.utc_now()).await?,
                    }
                }
                Err(outcome) => self.store.finish_notice(pending.id, outcome).await?,
            }
        }
        Ok(claimed.len())
    }

    /// Words a claimed notice for its recipient, or says why it is no longer
    /// worth sending.
    async fn render_notice(
        &self,
        pending: &PendingNotice,
    ) -> Result<Result<Outgoing, NoticeOutcome>, ConversationError> {
        let Some((language, active)) = self.store.recipient(&pending.to).await? else {
            return Ok(Err(NoticeOutcome::Gone));
        };
        if !active {
            return Ok(Err(NoticeOutcome::Unreachable));
        }
        if pending.notice == Notice::CheckinReminder {
            return Ok(Ok(Outgoing { language, replies: vec![flow::checkin::reminder_notice()] }));
        }
        if let Notice::WeeklyStats { week } = pending.notice {
            return self.weekly_stats(&pending.to, language, week).await;
        }
        // To an operator, while they still are one.
        if let Notice::InviteUsed { centre } = &pending.notice {
            if self.store.desk_role(&pending.to).await? != Some(crate::store::DeskRole::Operator) {
                return Ok(Err(NoticeOutcome::Gone));
            }
            let directory = self.directory.current();
            let ctx = self.notice_context(&directory, language, pending.to.channel);
            return Ok(Ok(Outgoing { language, replies: vec![flow::notices::invite_used(&ctx, centre)] }));
        }
        // Notices to a coordinator go only while they still are one.
        let centre_of_role = match &pending.notice {
            Notice::BroadcastReport { centre, .. }
            | Notice::CentreReport { centre, .. }
            | Notice::CentreEdited { centre, .. } => Some(centre.clone()),
            _ => None,
        };
        if let Some(centre) = centre_of_role {
            if !self.store.coordinates(&pending.to, &centre).await? {
                return Ok(Err(NoticeOutcome::Gone));
            }
            let details = match &pending.notice {
                Notice::CentreReport { report, .. } => self.store.report_details(*report).await?,
                _ => None,
            };
            let directory = self.directory.current();
            let ctx = self.notice_context(&directory, language, pending.to.channel);
            let reply = flow::notices::to_coordinator(&ctx, &pending.notice, details.as_deref()).unwrap_or_default();
            return Ok(Ok(Outgoing { language, replies: vec![reply] }));
        }
        let (cohort_id, signup) = match &pending.notice {
            Notice::Promoted { cohort, signup } | Notice::Reminder { cohort, signup, .. } => (cohort, Some(*signup)),
            Notice::CohortCancelled { cohort } => (cohort, None),
            Notice::CantCome { cohort, .. } => (cohort, None),
            Notice::BroadcastReport { .. }
            | Notice::CentreReport { .. }
            | Notice::CentreEdited { .. }
            | Notice::CheckinReminder
            | Notice::InviteUsed { .. }
            | Notice::WeeklyStats { .. } => return Ok(Err(NoticeOutcome::Gone)),
        };
        let Some(cohort) = self.store.cohort(cohort_id).await? else { return Ok(Err(NoticeOutcome::Gone)) };
        if matches!(pending.notice, Notice::CantCome { .. })
            && !self.store.coordinates(&pending.to, &cohort.centre).await?
        {
            return Ok(Err(NoticeOutcome::Gone));
        }
        let now = self.clock.utc_now();
        // A seat given up or a group cancelled since: nothing to tell.
        if let Some(signup) = signup
            && (cohort.cancelled || !self.store.signup_confirmed(signup).await?)
        {
            return Ok(Err(NoticeOutcome::Gone));
        }
        if let Notice::Reminder { session, .. } = &pending.notice
            && !flow::notices::reminder_is_timely(&cohort, *session, now)
        {
            return Ok(Err(NoticeOutcome::Expired));
        }
        let first_name = match &pending.notice {
            Notice::CantCome { signup, .. } => self.store.signup_first_name(*signup).await?,
            _ => None,
        };
        let directory = self.directory.current();
        let ctx = self.notice_context(&directory, language, pending.to.channel);
        let reply = flow::notices::render(&ctx, &pending.notice, &cohort, first_name.as_deref());
        if reply.paragraphs.is_empty() {
            return Ok(Err(NoticeOutcome::Gone));
        }
        Ok(Ok(Outgoing { language, replies: vec![reply] }))
    }

    /// A coordinator's weekly statistics, while they still coordinate and
    /// the week is still the last complete one.
    async fn weekly_stats(
        &self,
        to: &Person,
        language: crate::domain::Language,
        week: chrono::NaiveDate,
    ) -> Result<Result<Outgoing, NoticeOutcome>, ConversationError> {
        let today = self.clock.kyiv_now().date();
        if complete_weeks(today, 1).0 != week {
            return Ok(Err(NoticeOutcome::Expired));
        }
        let centres = self.store.coordinated_centres(to).await?;
        if centres.is_empty() {
            return Ok(Err(NoticeOutcome::Gone));
        }
        let stats = Some(self.store.checkin_table(complete_weeks(today, flow::stats::WEEKS)).await?);
        let desk = flow::Desk { centres, stats, ..flow::Desk::default() };
        let directory = self.directory.current();
        let ctx = flow::Context { desk: Some(&desk), ..self.notice_context(&directory, language, to.channel) };
        Ok(Ok(Outgoing { language, replies: vec![flow::stats::weekly(&ctx)] }))
    }
}
