-- Anonymous WHO-5 check-ins, kept for aggregate statistics only. A row holds
-- the five answers (0-5), the Kyiv day it was made, the language and channel
-- kind, and an oblast only if the person chose to share it. There is no user
-- or chat id, no time of day, no place finer than an oblast and no foreign key
-- to anyone; the id is random (not a sequence), so ids do not order rows by
-- person or time. tests/api/checkins.rs fails if a column is added here.
CREATE TABLE checkin (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    day       date NOT NULL,
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
CREATE INDEX checkin_day ON checkin (day);

-- "Remind me in two weeks": who and when only, nothing about the check-in.
-- Deleted with the person, and when the reminder is queued as a notice.
CREATE TABLE checkin_reminder (
    channel      text NOT NULL,
    external_id  text NOT NULL,
    due_on       date NOT NULL,
    PRIMARY KEY (channel, external_id),
    FOREIGN KEY (channel, external_id) REFERENCES chat_user (channel, external_id) ON DELETE CASCADE
);
CREATE INDEX checkin_reminder_due ON checkin_reminder (due_on);

ALTER TABLE notice DROP CONSTRAINT notice_kind_check;
ALTER TABLE notice ADD CONSTRAINT notice_kind_check
    CHECK (kind IN ('promoted', 'cohort_cancelled', 'reminder', 'cant_come', 'broadcast_report', 'centre_report',
                    'checkin_reminder', 'weekly_stats'));
