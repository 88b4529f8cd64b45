-- Viber's delivered/seen/failed callbacks for messages the bot sent. Kept for
-- broadcast reports; pruned with the delivery ids (two days).
CREATE TABLE viber_receipt (
    message_token  text NOT NULL,
    user_id        text NOT NULL,
    event          text NOT NULL CHECK (event IN ('delivered', 'seen', 'failed')),
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_token, event)
);
