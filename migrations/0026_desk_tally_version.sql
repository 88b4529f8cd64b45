-- The desk shows, for every centre, how many coordinators it has and how
-- many of its reports are open (overview, list, a centre's page). Grouping
-- both tables on each request took 200 ms with 100,000 centres (benches/
-- desk.rs), so each desk process keeps the counts and reads them again only
-- when this version has moved since. Any change to either table that can
-- change a count moves it in the same transaction, so a reader who sees the
-- new version sees the change.
CREATE TABLE desk_tally_version (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version   bigint NOT NULL,
    -- The transaction that moved it last: a transaction changing many rows
    -- moves it once.
    moved_by  xid8
);
INSERT INTO desk_tally_version (version) VALUES (0);

CREATE FUNCTION move_desk_tally_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE desk_tally_version SET version = version + 1, moved_by = pg_current_xact_id()
     WHERE moved_by IS DISTINCT FROM pg_current_xact_id();
    RETURN NULL;
END $$;

-- Deferred to the commit, after every other row the transaction locks: the
-- one version row is then locked last and briefly, so two transactions that
-- change the same coordinators or reports in turn cannot deadlock on it. Only
-- changes that can change a count move it (not, say, the deletion of old
-- handled reports).
CREATE CONSTRAINT TRIGGER coordinator_moves_desk_tallies
    AFTER INSERT OR DELETE OR UPDATE OF centre_id ON coordinator
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION move_desk_tally_version();
CREATE CONSTRAINT TRIGGER centre_report_filed_moves_desk_tallies
    AFTER INSERT ON centre_report
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.handled_at IS NULL) EXECUTE FUNCTION move_desk_tally_version();
CREATE CONSTRAINT TRIGGER centre_report_handled_moves_desk_tallies
    AFTER UPDATE OF handled_at, centre_id ON centre_report
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.handled_at IS DISTINCT FROM NEW.handled_at OR OLD.centre_id IS DISTINCT FROM NEW.centre_id)
    EXECUTE FUNCTION move_desk_tally_version();
CREATE CONSTRAINT TRIGGER centre_report_removed_moves_desk_tallies
    AFTER DELETE ON centre_report
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.handled_at IS NULL) EXECUTE FUNCTION move_desk_tally_version();

-- Row triggers do not see TRUNCATE: a statement trigger moves it then.
CREATE TRIGGER coordinator_truncate_moves_desk_tallies
    AFTER TRUNCATE ON coordinator
    FOR EACH STATEMENT EXECUTE FUNCTION move_desk_tally_version();
CREATE TRIGGER centre_report_truncate_moves_desk_tallies
    AFTER TRUNCATE ON centre_report
    FOR EACH STATEMENT EXECUTE FUNCTION move_desk_tally_version();
