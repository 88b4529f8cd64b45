-- People who coordinate a centre's groups. Bound by an operator on the command
-- line (invitations with one-time codes come later); the person need not
-- have written to the bot yet.
CREATE TABLE coordinator (
    centre_id    text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    channel      text NOT NULL CHECK (channel IN ('telegram', 'viber', 'console')),
    external_id  text NOT NULL CHECK (external_id <> ''),
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_id, channel, external_id)
);
