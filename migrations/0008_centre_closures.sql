-- A coordinator's "closed until … because …" for their centre (no power, an
-- air-raid damage, a holiday not in the opening hours). Cards and nearest
-- answers show it until it ends; subscribers are told by a broadcast.
CREATE TABLE centre_closure (
    centre_id       text PRIMARY KEY REFERENCES centre (id) ON DELETE CASCADE,
    reason          text NOT NULL CHECK (reason <> '' AND length(reason) <= 300),
    until           timestamptz NOT NULL,
    set_by_channel  text NOT NULL,
    set_by          text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE broadcast DROP CONSTRAINT broadcast_kind_check;
ALTER TABLE broadcast ADD CONSTRAINT broadcast_kind_check CHECK (kind IN ('message', 'schedule', 'closure'));
