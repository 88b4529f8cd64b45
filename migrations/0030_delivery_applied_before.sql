-- Most updates only move a person's conversation state. The bot reads the
-- person's row without a lock and then, in one statement, writes the new
-- state only if the row is still the version it read (`xmin`), and claims
-- the platform's delivery from what it wrote (store/user_unlocked.rs). A
-- delivery already claimed means the update was applied before: the state
-- that statement wrote must not stay, so this function raises, undoing the
-- whole statement, and the bot drops the update as a repeat. SQLSTATE RB001
-- is this project's own, so no other failure is taken for a repeat.
--
-- VOLATILE matters: the planner may evaluate an IMMUTABLE or STABLE call
-- with constant arguments ahead of time, which would raise every time.
CREATE FUNCTION delivery_applied_before() RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION 'this delivery was applied before'
        USING ERRCODE = 'RB001';
END
$$;
