//! Rows behind the desk's issue-20 pages for the desk bench, written with
//! set-based SQL (generate_series) straight into the tables: going through
//! the store one row at a time would take minutes at 100,000 centres.
//!
//! With `count` centres `bench-0` … `bench-{count-1}`:
//! - every 5th centre (`bench-0`, `bench-5`, …) runs two groups of one
//!   programme (`bench-{i}-0`, `bench-{i}-1`), each with 6 weekly sessions
//!   (the first a week ago) and 14 sign-ups (12 confirmed, 2 waiting), has
//!   10 subscribers and 4 messages (2 sent, 1 scheduled, 1 cancelled);
//! - every 2nd centre has 2 coordinators and 3 invitations (one used);
//! - `count / 20` open reports and `count / 5` closed ones (5,000 and
//!   20,000 at 100,000 centres), spread over the centres;
//! - whatever the count, 52 weeks of usage counters, 52 weeks × 1,500
//!   hromadas of far searches (78,000 rows) and 52 weeks × 2,000 check-ins
//!   over 25 oblasts (104,000 rows).
//!
//! 5,000 people (`bench-user-{n}`) sign up, subscribe and report.

use resilience_bot::store::Store;
use sqlx::AssertSqlSafe;

/// Statements in order; `{n}` is the number of centres.
const STATEMENTS: &[&str] = &[
    "INSERT INTO programme (id, kind, title_uk, title_en) \
     VALUES ('bench', 'support-group', 'Група підтримки', 'Support group')",
    "INSERT INTO chat_user (channel, external_id, language) \
     SELECT 'telegram', 'bench-user-' || u, CASE WHEN u % 10 = 0 THEN 'en' ELSE 'uk' END \
     FROM generate_series(0, 4999) u",
    "INSERT INTO cohort (id, programme_id, centre_id, language, format, capacity) \
     SELECT 'bench-' || c || '-' || k, 'bench', 'bench-' || c, 'uk', \
            CASE WHEN k = 0 THEN 'in_person' ELSE 'online' END, 12 \
     FROM generate_series(0, {n} - 1, 5) c, generate_series(0, 1) k",
    "INSERT INTO cohort_session (cohort_id, number, starts_at, duration_minutes) \
     SELECT id, s, date_trunc('hour', now()) + (s - 2) * interval '7 days', 90 \
     FROM cohort, generate_series(1, 6) s",
    "INSERT INTO signup (cohort_id, channel, external_id, first_name, phone, status, confirmed_at) \
     SELECT id, 'telegram', 'bench-user-' || ((abs(hashtext(id)) + p) % 5000), 'Олена', \
            '+38067' || lpad((abs(hashtext(id)) % 100000 * 14 + p)::text, 7, '0'), \
            CASE WHEN p < 12 THEN 'confirmed' ELSE 'waitlisted' END, \
            CASE WHEN p < 12 THEN now() END \
     FROM cohort, generate_series(0, 13) p",
    "INSERT INTO subscription (centre_id, channel, external_id) \
     SELECT 'bench-' || c, 'telegram', 'bench-user-' || ((c + s * 499) % 5000) \
     FROM generate_series(0, {n} - 1, 5) c, generate_series(0, 9) s",
    "INSERT INTO broadcast (centre_id, author_channel, author_id, kind, body, send_at, status, finished_at) \
     SELECT 'bench-' || c, 'telegram', 'bench-coordinator-' || c || '-0', 'message', \
            'Завтра о 18:00 зустріч групи підтримки в малій залі.', \
            now() + (m - 2) * interval '3 days', \
            (ARRAY['done', 'done', 'scheduled', 'cancelled'])[m + 1], \
            CASE WHEN m < 2 THEN now() + (m - 2) * interval '3 days' END \
     FROM generate_series(0, {n} - 1, 5) c, generate_series(0, 3) m",
    "INSERT INTO coordinator (centre_id, channel, external_id) \
     SELECT 'bench-' || c, 'telegram', 'bench-coordinator-' || c || '-' || k \
     FROM generate_series(0, {n} - 1, 2) c, generate_series(0, 1) k",
    "INSERT INTO coordinator_invite (code_hash, centre_id, expires_at, created_by_channel, created_by_id, \
                                     used_at, used_by_channel, used_by_id) \
     SELECT md5('bench' || c || '-' || k) || md5(k || '-' || c || 'bench'), 'bench-' || c, \
            now() + (k - 1) * interval '3 days', 'console', 'bench-operator', \
            CASE WHEN k = 0 THEN now() - interval '5 days' END, \
            CASE WHEN k = 0 THEN 'telegram' END, \
            CASE WHEN k = 0 THEN 'bench-coordinator-' || c || '-0' END \
     FROM generate_series(0, {n} - 1, 2) c, generate_series(0, 2) k",
    "INSERT INTO centre_report (centre_id, topic, details, created_at, handled_at, resolution, \
                                reporter_channel, reporter_id) \
     SELECT 'bench-' || (r * 7919 % {n}), \
            (ARRAY['address', 'phone', 'hours', 'closed', 'other'])[r % 5 + 1], \
            CASE WHEN r % 3 = 0 THEN 'Телефон не відповідає вже тиждень.' END, \
            now() - r * interval '7 minutes', \
            CASE WHEN r >= {n} / 20 THEN now() - r * interval '7 minutes' + interval '1 day' END, \
            CASE WHEN r >= {n} / 20 THEN (ARRAY['handled', 'fixed'])[r % 2 + 1] END, \
            'telegram', 'bench-user-' || (r % 5000) \
     FROM generate_series(0, {n} / 4 - 1) r",
    "INSERT INTO usage_week (week, searches, cards, signups, subscriptions) \
     SELECT date_trunc('week', now())::date - 7 * w, 40000 + w * 97, 25000 + w * 61, 900 + w, 400 + w \
     FROM generate_series(0, 51) w",
    "INSERT INTO unmet_demand (week, hromada, searches) \
     SELECT date_trunc('week', now())::date - 7 * w, 'UA' || lpad((10000000000 + h * 7919)::text, 17, '0'), \
            1 + (h * 31 + w * 17) % 60 \
     FROM generate_series(0, 51) w, generate_series(0, 1499) h",
    "INSERT INTO checkin (week, language, channel, oblast, cheerful, calm, active, rested, interested) \
     SELECT date_trunc('week', now())::date - 7 * w, CASE WHEN i % 10 = 0 THEN 'en' ELSE 'uk' END, 'telegram', \
            CASE WHEN i % 25 = 0 THEN NULL ELSE 'UA' || lpad((i % 25)::text, 2, '0') || '000000000000000' END, \
            i % 6, (i / 6) % 6, (i / 36) % 6, (i / 216) % 6, (i + w) % 6 \
     FROM generate_series(0, 51) w, generate_series(0, 1999) i",
    "ANALYZE",
];

/// Writes the rows above into `store`'s database, which already holds the
/// `count` centres.
pub async fn seed(store: &Store, count: usize) {
    for statement in STATEMENTS {
        let sql = statement.replace("{n}", &count.to_string());
        sqlx::query(AssertSqlSafe(sql)).execute(store.pool()).await.expect("a bench row statement");
    }
}
