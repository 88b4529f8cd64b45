-- Centres imported from the Ministry's list come without coordinates: they
-- are placed at their settlement or hromada, and say so (location_source),
-- until a geocoder or their coordinator gives the door.
ALTER TABLE centre ADD COLUMN settlement text;
ALTER TABLE centre ADD COLUMN location_source text NOT NULL DEFAULT 'given'
    CHECK (location_source IN ('given', 'settlement', 'hromada', 'geocoder', 'coordinator'));

-- Every change to a centre's fields, by an import or by one of its
-- coordinators: what it was, what it became, when and who. A re-import
-- keeps a field whose latest change is a coordinator's (unless told to
-- overwrite). /forget keeps a coordinator's rows but removes who made them.
CREATE TABLE centre_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    centre_id    text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    field        text NOT NULL,
    old_value    text,
    new_value    text,
    source       text NOT NULL CHECK (source IN ('import', 'coordinator')),
    changed_at   timestamptz NOT NULL DEFAULT now(),
    by_channel   text,
    by_id        text,
    CHECK (source = 'coordinator' OR (by_channel IS NULL AND by_id IS NULL))
);
CREATE INDEX centre_history_field ON centre_history (centre_id, field, id);
CREATE INDEX centre_history_by ON centre_history (by_channel, by_id) WHERE by_id IS NOT NULL;

-- A coordinator's change is told to the centre's other coordinators.
ALTER TABLE notice DROP CONSTRAINT notice_kind_check;
ALTER TABLE notice ADD CONSTRAINT notice_kind_check
    CHECK (kind IN ('promoted', 'cohort_cancelled', 'reminder', 'cant_come', 'broadcast_report', 'centre_report',
                    'checkin_reminder', 'weekly_stats', 'centre_edited'));
