-- The desk's reports inbox and invitations (issue 20).
--
-- An invitation remembers who made it (an operator or coordinator in the
-- desk; NULL from the command line) and who used it, so operators can see
-- which invitation brought in which coordinator. No foreign key (the
-- person need not have written to the bot); /forget clears both, and the
-- desk shows a masked id, never the whole.
ALTER TABLE coordinator_invite
    ADD COLUMN created_by_channel text,
    ADD COLUMN created_by_id      text,
    ADD COLUMN used_by_channel    text,
    ADD COLUMN used_by_id         text;

-- A report closed in the desk says how: 'handled' (closed as it is) or
-- 'fixed' (the card was corrected from it); NULL for the bot's own closing.
ALTER TABLE centre_report
    ADD COLUMN resolution text CHECK (resolution IN ('handled', 'fixed'));

-- Operators are told in the bot when an invitation is used.
ALTER TABLE notice DROP CONSTRAINT notice_kind_check;
ALTER TABLE notice ADD CONSTRAINT notice_kind_check
    CHECK (kind IN ('promoted', 'cohort_cancelled', 'reminder', 'cant_come', 'broadcast_report', 'centre_report',
                    'checkin_reminder', 'weekly_stats', 'centre_edited', 'invite_used'));
