-- Group programmes: a programme (UNICEF "Parenting Without Stress", WHO
-- Self-Help Plus…) runs as cohorts at centres; a cohort has sessions and a
-- capacity; people sign up or wait for a seat.

CREATE TABLE programme (
    id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,40}$'),
    kind            text NOT NULL CHECK (kind IN ('parenting', 'self-help-plus', 'support-group', 'other')),
    title_uk        text NOT NULL CHECK (title_uk <> ''),
    title_en        text NOT NULL CHECK (title_en <> ''),
    description_uk  text NOT NULL DEFAULT '',
    description_en  text NOT NULL DEFAULT ''
);

-- "group" is an SQL keyword, hence "cohort". Whether a cohort is full or has
-- started is derived from its sign-ups and sessions, so it can never disagree
-- with them; only cancellation is stored.
CREATE TABLE cohort (
    id            text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,40}$'),
    programme_id  text NOT NULL REFERENCES programme (id),
    centre_id     text NOT NULL REFERENCES centre (id),
    language      text NOT NULL CHECK (language IN ('uk', 'en')),
    format        text NOT NULL CHECK (format IN ('in_person', 'online')),
    capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
    cancelled     boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cohort_centre ON cohort (centre_id);

CREATE TABLE cohort_session (
    cohort_id         text NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    number            integer NOT NULL CHECK (number >= 1),
    starts_at         timestamptz NOT NULL,
    duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
    PRIMARY KEY (cohort_id, number)
);

-- A sign-up. The identity id is the order of arrival: sign-ups of one cohort
-- are taken while its row is locked, so ids follow the order they were applied.
CREATE TABLE signup (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cohort_id    text NOT NULL REFERENCES cohort (id),
    channel      text NOT NULL,
    external_id  text NOT NULL,
    first_name   text CHECK (length(first_name) <= 60),
    phone        text CHECK (phone ~ '^\+380[1-9][0-9]{8}$'),
    status       text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'declined')),
    reminders    boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (channel, external_id) REFERENCES chat_user (channel, external_id) ON DELETE CASCADE
);
-- One place per person per cohort, confirmed or waiting.
CREATE UNIQUE INDEX signup_one_place ON signup (cohort_id, channel, external_id)
    WHERE status IN ('confirmed', 'waitlisted');
CREATE INDEX signup_person ON signup (channel, external_id);
