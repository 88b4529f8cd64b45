-- "This is wrong" reports are bounded per person: three a day, and one open
-- report per person and centre; a coordinator can mute a person's reports
-- to their centre without learning who they are.
--
-- A report now names its reporter, for those limits and for muting only: no
-- coordinator is shown it. The reference goes when the person does (/forget
-- deletes their chat_user row: SET NULL here, CASCADE below), and with the
-- report, 90 days after it is closed.
ALTER TABLE centre_report
    ADD COLUMN reporter_channel text,
    ADD COLUMN reporter_id      text,
    ADD CONSTRAINT centre_report_reporter_fkey FOREIGN KEY (reporter_channel, reporter_id)
        REFERENCES chat_user (channel, external_id) ON DELETE SET NULL;

-- One open report per person and centre, whatever the replicas and double
-- taps do: the second insert conflicts.
CREATE UNIQUE INDEX centre_report_one_open ON centre_report (centre_id, reporter_channel, reporter_id)
    WHERE handled_at IS NULL AND reporter_id IS NOT NULL;

-- Reports sent per person and Kyiv day; counted up by an upsert that stops at
-- the quota, so concurrent reports cannot pass it. Rows older than two days
-- are pruned.
CREATE TABLE report_quota (
    channel      text NOT NULL,
    external_id  text NOT NULL,
    day          date NOT NULL,
    used         smallint NOT NULL CHECK (used > 0),
    PRIMARY KEY (channel, external_id, day),
    FOREIGN KEY (channel, external_id) REFERENCES chat_user (channel, external_id) ON DELETE CASCADE
);

-- Whose reports a centre's coordinators no longer receive. Pruned 180 days
-- after muting.
CREATE TABLE report_mute (
    centre_id    text NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
    channel      text NOT NULL,
    external_id  text NOT NULL,
    muted_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_id, channel, external_id),
    FOREIGN KEY (channel, external_id) REFERENCES chat_user (channel, external_id) ON DELETE CASCADE
);
