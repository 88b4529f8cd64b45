-- Indexes for the desk's issue-20 pages with 100,000 centres (measured by
-- benches/desk.rs; see README "The operator desk" → "Speed"). Without them
-- each of these pages scanned a whole table per request.

-- A centre's invitations, newest first (/centres/{id}/coordinators): a
-- sequential scan of every invitation took 20–50 ms with 150,000 of them.
-- Also serves the cascade when a centre is removed.
CREATE INDEX coordinator_invite_centre ON coordinator_invite (centre_id, created_at DESC);

-- A centre's ten latest messages (/centres/{id}/messages): a sequential scan
-- of every broadcast took 30 ms with 80,000 of them. Also serves the cascade.
CREATE INDEX broadcast_centre ON broadcast (centre_id, send_at DESC, id DESC);

-- The reports inbox's order (open first, newest first), so the first page is
-- read from the index and joined to its centres one by one instead of
-- joining every report to all 100,000 centres and sorting.
CREATE INDEX centre_report_inbox ON centre_report ((handled_at IS NOT NULL), created_at DESC, id DESC);
