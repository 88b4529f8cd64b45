-- The states this process remembers for its recent people, saved together:
-- one call and one commit for every save waiting (store/save_queue.rs), each
-- with the rules of a save on its own (store/state_save.rs). In order, for
-- each save:
-- 1. Lock the person's row if it is still the version saved last (`xmin`),
--    skipping it if another transaction holds it (a locked update of the
--    same person): waiting would hold every save of the batch for up to
--    `lock_timeout`. A row moved or held is "moved": nothing is written,
--    and the bot applies the update again from a fresh read. NO KEY, as the
--    locked path takes it: a row referred to by a foreign key being written
--    elsewhere (a subscription, a reminder) is not held against it.
-- 2. Claim the delivery, if there is one. A claim that exists (a redelivery,
--    committed or committing) makes it a repeat: nothing is written. Every
--    claim is made holding the person's row, which step 1 skips, so the
--    claim waits only for the pruning of old ids deleting that very id; at most
--    a second (the function's `lock_timeout`), after which the call fails and
--    the bot saves each again on its own.
-- 3. Write the state; return the row's new version.
-- Two saves of one person in a batch: the first is written, and the second
-- finds the row moved by it. A plain loop of simple statements rather than
-- one statement over the arrays: Postgres reuses the loop's plans, while a
-- statement joining arrays of each call's length is planned on every call,
-- which cost more than saving together saved.
CREATE FUNCTION save_states(
    channels text[], external_ids text[], languages text[], states jsonb[], versions text[], keys text[]
) RETURNS TABLE (n bigint, version text, applied_before boolean)
LANGUAGE plpgsql VOLATILE
SET lock_timeout = '1s'
AS $$
DECLARE
    save record;
BEGIN
    FOR save IN
        SELECT * FROM unnest(channels, external_ids, languages, states, versions, keys)
            WITH ORDINALITY AS s (channel, external_id, language, state, version, key, n)
    LOOP
        n := save.n;
        version := NULL;
        applied_before := false;
        PERFORM FROM chat_user u
        WHERE u.channel = save.channel AND u.external_id = save.external_id AND u.xmin = save.version::xid
        FOR NO KEY UPDATE SKIP LOCKED;
        IF FOUND AND save.key IS NOT NULL THEN
            INSERT INTO applied_delivery (channel, key) VALUES (save.channel, save.key) ON CONFLICT DO NOTHING;
            applied_before := NOT FOUND;
        END IF;
        IF FOUND THEN
            UPDATE chat_user u
            SET language = save.language, state = save.state, active = true, seen_on = current_date
            WHERE u.channel = save.channel AND u.external_id = save.external_id
            RETURNING u.xmin::text INTO version;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
