-- Most updates only move a person's conversation state. The bot reads the
-- person's row without a lock and then, in one statement, claims the
-- platform's delivery and writes the new state, but only if the row is still
-- the version it read (`xmin`; store/user_unlocked.rs). When the row moved
-- meanwhile, the delivery's claim made by that same statement must not
-- stay, or the update would be taken for applied: this function raises
-- serialization_failure, which undoes the whole statement, and the bot
-- applies the update again from a fresh read.
CREATE FUNCTION person_row_moved() RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION 'the person''s row changed since it was read'
        USING ERRCODE = 'serialization_failure';
END
$$;
