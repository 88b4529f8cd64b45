-- The centre directory. Loaded whole into memory by every bot process; imports
-- replace rows in one transaction and announce it on the centre_changed channel.
CREATE TABLE centre (
    id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,40}$'),
    name_uk         text NOT NULL CHECK (name_uk <> ''),
    name_en         text NOT NULL CHECK (name_en <> ''),
    lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon             double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    oblast          text,
    hromada         text,
    address_uk      text,
    address_en      text,
    phones          text[] NOT NULL DEFAULT '{}',
    email           text,
    website         text,
    opening_hours   text,
    services        text[] NOT NULL DEFAULT '{}',
    notes           text,
    verified_on     date NOT NULL,
    serves_hromada  text,
    sample          boolean NOT NULL DEFAULT false,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One row per person per channel: their language and where they are in the
-- conversation. The row is locked (SELECT … FOR UPDATE) while an update of
-- theirs is applied, so their messages are applied one after the other even
-- across replicas.
CREATE TABLE chat_user (
    channel      text NOT NULL CHECK (channel IN ('telegram', 'viber', 'console')),
    external_id  text NOT NULL CHECK (external_id <> '' AND length(external_id) <= 128),
    language     text NOT NULL CHECK (language IN ('uk', 'en')),
    state        jsonb NOT NULL DEFAULT '{"kind": "idle"}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, external_id)
);
