-- "This is wrong" from a centre's card: what is wrong and, if the person
-- wrote it, how. Who reported is not kept. The centre's coordinators are told
-- and mark it handled; confirming the data renews the card's verified date.
CREATE TABLE centre_report (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id   text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    topic       text NOT NULL CHECK (topic IN ('address', 'phone', 'hours', 'closed', 'other')),
    details     text CHECK (length(details) <= 500),
    created_at  timestamptz NOT NULL DEFAULT now(),
    handled_at  timestamptz
);
CREATE INDEX centre_report_open ON centre_report (centre_id) WHERE handled_at IS NULL;

ALTER TABLE notice DROP CONSTRAINT notice_kind_check;
ALTER TABLE notice ADD CONSTRAINT notice_kind_check
    CHECK (kind IN ('promoted', 'cohort_cancelled', 'reminder', 'cant_come', 'broadcast_report', 'centre_report'));
