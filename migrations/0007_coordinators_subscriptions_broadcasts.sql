-- One-time codes that make whoever sends them a centre's coordinator. Only
-- a SHA-256 of the code is kept; a code works once and until it expires.
CREATE TABLE coordinator_invite (
    code_hash    text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
    centre_id    text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    used_at      timestamptz
);

-- People who asked for updates from a centre.
CREATE TABLE subscription (
    centre_id    text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    channel      text NOT NULL,
    external_id  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_id, channel, external_id),
    FOREIGN KEY (channel, external_id) REFERENCES chat_user (channel, external_id) ON DELETE CASCADE
);
CREATE INDEX subscription_person ON subscription (channel, external_id);

-- A coordinator's message to a centre's subscribers: their own text, or the
-- week's schedule generated from the centre's groups in each reader's
-- language. Sent at send_at (now, or a scheduled time) unless cancelled.
CREATE TABLE broadcast (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id       text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    author_channel  text NOT NULL,
    author_id       text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('message', 'schedule')),
    body            text CHECK (length(body) <= 3000),
    send_at         timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'sending', 'done', 'cancelled')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    CHECK ((kind = 'message') = (body IS NOT NULL))
);
CREATE INDEX broadcast_due ON broadcast (send_at) WHERE status IN ('scheduled', 'sending');

-- One row per recipient, written when the broadcast starts, so that the
-- recipients are fixed and every one is claimed (FOR UPDATE SKIP LOCKED) by
-- one worker and marked when the platform accepted the message.
CREATE TABLE broadcast_delivery (
    broadcast_id   bigint NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    channel        text NOT NULL,
    external_id    text NOT NULL,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'blocked', 'failed')),
    claimed_until  timestamptz,
    attempts       integer NOT NULL DEFAULT 0,
    done_at        timestamptz,
    PRIMARY KEY (broadcast_id, channel, external_id)
);
CREATE INDEX broadcast_delivery_pending ON broadcast_delivery (broadcast_id) WHERE status = 'pending';

-- A coordinator's final report is a notice like the others.
ALTER TABLE notice DROP CONSTRAINT notice_kind_check;
ALTER TABLE notice ADD CONSTRAINT notice_kind_check
    CHECK (kind IN ('promoted', 'cohort_cancelled', 'reminder', 'cant_come', 'broadcast_report'));
