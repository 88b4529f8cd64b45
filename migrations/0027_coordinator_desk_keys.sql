-- The desk's revoke form named a coordinator by a hash of their channel and
-- platform id. With the last three digits the page shows, a numeric
-- Telegram id came back from that hash in seconds (tests/api/desk_attacks.rs).
-- Each coordinator row now carries a random key instead, which says nothing
-- about the person.
ALTER TABLE coordinator ADD COLUMN desk_key uuid NOT NULL DEFAULT gen_random_uuid();
