//! Paid messages, opt-in: Telegram sends a message marked
//! `allow_paid_broadcast` beyond the free 30 a second (up to 1,000 a second,
//! billed in Stars per message). The bot uses them only for replies, only
//! while the replies waiting would make the last of them wait over
//! [`PAID_AFTER`], at most at the configured rate and up to a daily limit.

use std::time::Duration;

use tokio::time::Instant;

/// How long the replies waiting may take at the free rate before paid
/// messages help: a person who has just written waits at most this long.
pub const PAID_AFTER: Duration = Duration::from_secs(10);

/// How long a daily limit's day lasts, from the first paid message in it.
pub const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// `TELEGRAM_PAID_RATE` and `TELEGRAM_PAID_DAILY_LIMIT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidRate {
    /// Paid messages a second, at most (Telegram allows up to 1,000).
    pub per_second: u32,
    /// Paid messages in a day, at most; then replies wait for free turns.
    pub daily_limit: u32,
}

/// The paid lane's schedule and its daily count.
#[derive(Debug)]
pub struct Paid {
    interval: Duration,
    due: Option<Instant>,
    daily_limit: u32,
    /// When the current day began (its first paid message), and how many went in it.
    day: Option<(Instant, u32)>,
    /// Paid messages booked since start, for the metrics.
    total: u64,
}

impl Paid {
    pub fn new(rate: PaidRate) -> Self {
        let interval = Duration::from_secs(1) / rate.per_second.max(1);
        Self { interval, due: None, daily_limit: rate.daily_limit, day: None, total: 0 }
    }

    /// When the next paid message may go, or `None` once today's limit is
    /// reached. Not clamped to `now`: a caller woken late books the slot.
    pub fn ready(&mut self, now: Instant) -> Option<Instant> {
        if let Some((began, _)) = self.day
            && now.duration_since(began) >= DAY
        {
            self.day = None;
        }
        let today = self.day.map_or(0, |(_, count)| count);
        (today < self.daily_limit).then(|| self.due.unwrap_or(now))
    }

    /// Books a paid message at `at`.
    pub fn book(&mut self, at: Instant) {
        self.due = Some(self.due.map_or(at, |due| due.max(at)) + self.interval);
        let (began, count) = self.day.unwrap_or((at, 0));
        self.day = Some((began, count + 1));
        self.total += 1;
    }

    /// Paid messages booked since start.
    pub fn total(&self) -> u64 {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn paid_messages_keep_their_rate_and_stop_at_the_daily_limit_until_a_day_passed() {
        let mut paid = Paid::new(PaidRate { per_second: 100, daily_limit: 3 });
        let start = Instant::now();
        let mut booked = Vec::new();
        while let Some(at) = paid.ready(start) {
            booked.push(at);
            paid.book(at);
        }
        let gaps: Vec<Duration> = booked.iter().map(|at| *at - start).collect();
        assert_eq!(gaps, vec![Duration::ZERO, Duration::from_millis(10), Duration::from_millis(20)]);
        assert_eq!(paid.total(), 3);
        assert_eq!(paid.ready(start + DAY - Duration::from_secs(1)), None, "still today");
        assert!(paid.ready(start + DAY).is_some(), "a new day");
    }
}
