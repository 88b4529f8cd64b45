-- When a sign-up got its seat (taken at once or promoted from the waiting
-- list). A reminder due before that moment is not sent: the confirmation,
-- which lists every session, has just told the person.
ALTER TABLE signup ADD COLUMN confirmed_at timestamptz;
UPDATE signup SET confirmed_at = updated_at WHERE status = 'confirmed';

-- Messages the bot sends on its own rather than as a reply: a seat freed up,
-- a group was cancelled, a session is tomorrow, a participant cannot come.
-- A row is written in the same transaction as the change that causes it, so
-- a change is never committed without its message. Workers in any replica
-- claim due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_until), so
-- a row is sent by one worker; a worker that dies mid-send leaves the lease
-- to expire and the row is sent again (at least once, see README).
CREATE TABLE notice (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel        text NOT NULL CHECK (channel IN ('telegram', 'viber', 'console')),
    external_id    text NOT NULL CHECK (external_id <> ''),
    kind           text NOT NULL CHECK (kind IN ('promoted', 'cohort_cancelled', 'reminder', 'cant_come')),
    payload        jsonb NOT NULL,
    -- Reminders and "cannot come" notes are keyed, so that the scheduler in
    -- every replica may insert the same one and it still exists once.
    dedupe_key     text UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    claimed_until  timestamptz,
    attempts       integer NOT NULL DEFAULT 0,
    sent_at        timestamptz,
    -- sent, unreachable, expired (the session began), gone (group or person gone), failed
    outcome        text
);
CREATE INDEX notice_pending ON notice (id) WHERE sent_at IS NULL;
CREATE INDEX notice_sent_at ON notice (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX cohort_session_starts_at ON cohort_session (starts_at);
