-- The operator desk (issue 19): operators, one-time sign-in links, sessions
-- and the audit log. Links and sessions are stored only as SHA-256 hashes of
-- their random secrets, so a copy of the database signs nobody in.
CREATE TABLE operator (
    channel      text NOT NULL CHECK (channel IN ('telegram', 'viber', 'console')),
    external_id  text NOT NULL CHECK (external_id <> ''),
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, external_id)
);

-- A sign-in link works once, for ten minutes.
CREATE TABLE desk_link (
    token_hash   text PRIMARY KEY,
    channel      text NOT NULL,
    external_id  text NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX desk_link_expires ON desk_link (expires_at);

CREATE TABLE desk_session (
    id_hash      text PRIMARY KEY,
    channel      text NOT NULL,
    external_id  text NOT NULL,
    -- Sent with every form and checked on every POST.
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desk_session_person ON desk_session (channel, external_id);

-- Everything changed through the desk: who, when, what, old → new.
CREATE TABLE desk_audit (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    channel      text NOT NULL,
    external_id  text NOT NULL,
    action       text NOT NULL,
    subject      text NOT NULL,
    old_value    text,
    new_value    text
);
CREATE INDEX desk_audit_at ON desk_audit (at DESC);
