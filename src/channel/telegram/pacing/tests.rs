//! Tests of [`super`]: the order of turns, the limits, and paid turns.

use super::*;

/// Each message's turn, in milliseconds after `start`, all asked for at once.
async fn offsets(pacing: &Pacing, chats: &[i64], start: Instant) -> Vec<u128> {
    let mut times = Vec::new();
    for &chat in chats {
        times.push((pacing.turn(chat, Class::Reply).await.at - start).as_millis());
    }
    times
}

#[tokio::test(start_paused = true)]
async fn one_chat_gets_a_burst_of_three_then_one_message_a_second() {
    let pacing = Pacing::telegram();
    let start = Instant::now();
    // The global spacing (1/29 s) still applies within the burst.
    assert_eq!(offsets(&pacing, &[1, 1, 1, 1, 1, 1], start).await, vec![0, 34, 68, 1000, 2000, 3000]);
}

#[tokio::test(start_paused = true)]
async fn many_chats_share_thirty_messages_a_second() {
    let pacing = Pacing::telegram();
    let start = Instant::now();
    let chats: Vec<i64> = (0..90).collect();
    let times = offsets(&pacing, &chats, start).await;
    // One every 1/29 s: 90 messages take 3.07 seconds, never 30 in a second.
    let last = *times.last().unwrap_or(&0);
    assert!((3_060..=3_075).contains(&last), "{last}");
    for window in times.windows(30) {
        assert!(window[29] - window[0] >= 999, "30 or more in a second: {window:?}");
    }
}

/// The turns given: chat, when, and whether paid.
type Turns = Arc<Mutex<Vec<(i64, Instant, bool)>>>;

/// Asks for a turn in a task of its own, and returns once it waits.
async fn ask(pacing: &Pacing, chat: i64, class: Class, turns: &Turns) {
    let waiting = pacing.waiting().len();
    let (pacing_, turns) = (pacing.clone(), turns.clone());
    tokio::spawn(async move {
        let turn = pacing_.turn(chat, class).await;
        turns.lock().unwrap_or_else(PoisonError::into_inner).push((chat, turn.at, turn.paid));
    });
    while pacing.waiting().len() == waiting {
        tokio::task::yield_now().await;
    }
}

async fn until_none_wait(pacing: &Pacing) {
    while !pacing.waiting().is_empty() || pacing.lock().dispatching {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(start_paused = true)]
async fn first_replies_go_first_then_replies_notices_and_broadcasts_each_by_arrival() {
    let pacing = Pacing::telegram();
    let turns = Arc::new(Mutex::new(Vec::new()));
    // The limit is busy: everything below waits for a turn.
    pacing.turn(0, Class::Reply).await;
    let arrivals = [
        (1, Class::Broadcast),
        (2, Class::Notice),
        (3, Class::Reply),
        (4, Class::FirstReply),
        (5, Class::Broadcast),
        (6, Class::Reply),
        (7, Class::FirstReply),
        (8, Class::Notice),
    ];
    for (chat, class) in arrivals {
        ask(&pacing, chat, class, &turns).await;
    }
    assert_eq!(pacing.waiting().len(), 8, "nobody got a turn before the slot came");
    until_none_wait(&pacing).await;
    let turns = turns.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let order: Vec<i64> = turns.iter().map(|(chat, ..)| *chat).collect();
    assert_eq!(order, vec![4, 7, 3, 6, 2, 8, 1, 5]);
    for pair in turns.windows(2) {
        assert!(pair[1].1 - pair[0].1 >= Duration::from_millis(34), "still paced: {turns:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_reply_arriving_behind_a_hundred_broadcasts_takes_the_next_turn() {
    let pacing = Pacing::telegram();
    let turns = Arc::new(Mutex::new(Vec::new()));
    pacing.turn(0, Class::Broadcast).await;
    for chat in 1..=100 {
        ask(&pacing, chat, Class::Broadcast, &turns).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let asked = Instant::now();
    let got = pacing.turn(1_000, Class::Reply).await.at;
    assert!(got - asked <= Duration::from_millis(35), "waited {:?}", got - asked);
    let broadcasts_before = turns.lock().unwrap_or_else(PoisonError::into_inner).len();
    assert!(broadcasts_before < 20, "only the broadcasts due before it went: {broadcasts_before}");
    until_none_wait(&pacing).await;
    assert_eq!(turns.lock().unwrap_or_else(PoisonError::into_inner).len(), 100, "every broadcast still goes");
}

#[tokio::test(start_paused = true)]
async fn a_chat_at_its_own_limit_does_not_hold_up_other_chats() {
    let pacing = Pacing::telegram();
    let start = Instant::now();
    for _ in 0..3 {
        pacing.turn(1, Class::FirstReply).await;
    }
    let turns = Arc::new(Mutex::new(Vec::new()));
    // Chat 1's fourth message waits for its chat (a second), not in the queue.
    let (pacing_, turns_) = (pacing.clone(), turns.clone());
    tokio::spawn(async move {
        let turn = pacing_.turn(1, Class::FirstReply).await;
        turns_.lock().unwrap_or_else(PoisonError::into_inner).push((1, turn.at));
    });
    let other = pacing.turn(2, Class::Broadcast).await.at;
    assert!(other - start < Duration::from_millis(150), "{:?}", other - start);
    until_none_wait(&pacing).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let turns = turns.lock().unwrap_or_else(PoisonError::into_inner).clone();
    assert_eq!(turns.len(), 1);
    assert!(turns[0].1 - start >= Duration::from_secs(1), "chat 1 still one a second");
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_holds_every_message_until_it_passes() {
    let pacing = Pacing::telegram();
    let start = Instant::now();
    pacing.pause(start + Duration::from_secs(5));
    assert_eq!(offsets(&pacing, &[1, 2], start).await, vec![5000, 5034]);
}

/// Asks for `replies` first replies and `broadcasts` broadcasts while the
/// limit is busy, lets every turn come, and returns them in the order given.
async fn surge(pacing: &Pacing, replies: i64, broadcasts: i64) -> Vec<(i64, Instant, bool)> {
    let turns = Arc::new(Mutex::new(Vec::new()));
    pacing.turn(0, Class::Reply).await;
    for chat in 1..=broadcasts {
        ask(pacing, -chat, Class::Broadcast, &turns).await;
    }
    for chat in 1..=replies {
        ask(pacing, chat, Class::FirstReply, &turns).await;
    }
    until_none_wait(pacing).await;
    turns.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

fn paid(per_second: u32, daily_limit: u32) -> Pacing {
    Pacing::telegram().with_paid(Some(PaidRate { per_second, daily_limit }))
}

#[tokio::test(start_paused = true)]
async fn paid_turns_go_to_replies_only_while_they_would_wait_over_ten_seconds_and_never_above_the_rate() {
    let pacing = paid(10, 10_000);
    let turns = surge(&pacing, 400, 5).await;
    assert_eq!(turns.len(), 405, "everyone gets a turn");
    let paid: Vec<usize> = turns.iter().enumerate().filter(|(_, t)| t.2).map(|(i, _)| i).collect();
    assert!(!paid.is_empty(), "400 replies take 13.8 s at the free rate");
    assert!(turns.iter().filter(|t| t.2).all(|t| t.0 > 0), "never a broadcast");
    // Paid turns only while more than 290 replies (10 s at 29 a second) wait:
    // among the first 110 turns given.
    assert!(paid.iter().all(|&i| i < 110), "{paid:?}");
    let paid_at: Vec<Instant> = turns.iter().filter(|t| t.2).map(|t| t.1).collect();
    for pair in paid_at.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(99), "10 a second at most: {paid_at:?}");
    }
    let free_at: Vec<Instant> = turns.iter().filter(|t| !t.2).map(|t| t.1).collect();
    for window in free_at.windows(30) {
        assert!(window[29] - window[0] >= Duration::from_millis(999), "free turns keep their limit");
    }
    assert_eq!(pacing.paid_total(), paid.len() as u64);
}

#[tokio::test(start_paused = true)]
async fn paid_turns_stop_at_the_daily_limit() {
    let pacing = paid(100, 5);
    let turns = surge(&pacing, 400, 0).await;
    assert_eq!(turns.iter().filter(|t| t.2).count(), 5);
    assert_eq!(pacing.paid_total(), 5);
}

#[tokio::test(start_paused = true)]
async fn without_a_paid_rate_or_below_ten_seconds_of_replies_nothing_is_paid() {
    let turns = surge(&Pacing::telegram(), 400, 0).await;
    assert!(turns.iter().all(|t| !t.2));
    let pacing = paid(100, 10_000);
    let turns = surge(&pacing, 290, 50).await;
    assert!(turns.iter().all(|t| !t.2), "290 replies take 10 s: no more");
    assert_eq!(pacing.paid_total(), 0);
}
