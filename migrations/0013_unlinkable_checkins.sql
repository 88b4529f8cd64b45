-- Check-ins that cannot be linked to a person (issue 17).
--
-- A check-in keeps the ISO week (its Monday) instead of the day. The table
-- is rebuilt with its rows in random order, so that the rows written before
-- this migration (each in a transaction of its own, next to the person's)
-- no longer carry their transaction ids or physical order: every old row now
-- has this migration's transaction id, and its place in the file is random.
-- From now on check-ins are written by a writer that holds them in memory
-- and flushes them in shuffled batches (conversation::checkin_writer).
CREATE TABLE checkin_shuffled (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The Monday of the ISO week (Kyiv) of the check-in; nothing finer.
    week      date NOT NULL CHECK (extract(isodow FROM week) = 1),
    language  text NOT NULL CHECK (language IN ('uk', 'en')),
    channel   text NOT NULL CHECK (channel IN ('telegram', 'viber', 'console')),
    -- KATOTTH code of the oblast (or Kyiv, Sevastopol), only if shared.
    oblast    text CHECK (oblast ~ '^UA[0-9]{17}$'),
    cheerful     smallint NOT NULL CHECK (cheerful BETWEEN 0 AND 5),
    calm         smallint NOT NULL CHECK (calm BETWEEN 0 AND 5),
    active       smallint NOT NULL CHECK (active BETWEEN 0 AND 5),
    rested       smallint NOT NULL CHECK (rested BETWEEN 0 AND 5),
    interested   smallint NOT NULL CHECK (interested BETWEEN 0 AND 5)
);
INSERT INTO checkin_shuffled (id, week, language, channel, oblast, cheerful, calm, active, rested, interested)
SELECT gen_random_uuid(), date_trunc('week', day)::date, language, channel, oblast,
       cheerful, calm, active, rested, interested
FROM checkin ORDER BY random();
DROP TABLE checkin;
ALTER TABLE checkin_shuffled RENAME TO checkin;
ALTER INDEX checkin_shuffled_pkey RENAME TO checkin_pkey;
CREATE INDEX checkin_week ON checkin (week);

-- A person's row keeps the day they last wrote (for deleting people inactive
-- for a year), not the moment: a moment would tell when a check-in ended.
-- The moment they first wrote is not kept at all.
-- `last_checkin_week` counts one check-in per person per week in the
-- statistics; it says nothing of the answers, is erased by /forget, and is
-- cleared once its week is over.
ALTER TABLE chat_user ADD COLUMN seen_on date;
UPDATE chat_user SET seen_on = updated_at::date;
ALTER TABLE chat_user ALTER COLUMN seen_on SET NOT NULL;
ALTER TABLE chat_user ALTER COLUMN seen_on SET DEFAULT current_date;
ALTER TABLE chat_user DROP COLUMN updated_at;
ALTER TABLE chat_user DROP COLUMN created_at;
ALTER TABLE chat_user ADD COLUMN last_checkin_week date
    CHECK (extract(isodow FROM last_checkin_week) = 1);
CREATE INDEX chat_user_seen_on ON chat_user (seen_on);

-- A delivery id is written in the person's transaction: its moment would
-- date their last update to the second. The day is enough to prune it.
ALTER TABLE applied_delivery ADD COLUMN applied_on date;
UPDATE applied_delivery SET applied_on = applied_at::date;
ALTER TABLE applied_delivery ALTER COLUMN applied_on SET NOT NULL;
ALTER TABLE applied_delivery ALTER COLUMN applied_on SET DEFAULT current_date;
DROP INDEX applied_delivery_applied_at;
ALTER TABLE applied_delivery DROP COLUMN applied_at;
CREATE INDEX applied_delivery_applied_on ON applied_delivery (applied_on);

-- Viber's receipts were written and never read; each named a person and
-- the moment a message (a check-in's result among them) reached them.
DROP TABLE viber_receipt;
