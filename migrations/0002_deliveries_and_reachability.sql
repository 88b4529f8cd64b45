-- A person who blocked the bot (or left Viber) is not messaged again until
-- they write to it; a new message from them sets this back to true.
ALTER TABLE chat_user ADD COLUMN active boolean NOT NULL DEFAULT true;

-- Platform deliveries already applied (Telegram update_id, Viber
-- message_token), so that a redelivery is applied once. Written in the same
-- transaction as the person's new state. Old rows are pruned: platforms stop
-- redelivering after a day.
CREATE TABLE applied_delivery (
    channel     text NOT NULL,
    key         text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, key)
);
CREATE INDEX applied_delivery_applied_at ON applied_delivery (applied_at);

-- Group chats already told that the bot works in private chats only.
CREATE TABLE group_notice (
    channel    text NOT NULL,
    chat_id    text NOT NULL,
    told_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, chat_id)
);
