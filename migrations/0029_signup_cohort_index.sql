-- A group's sign-up list (the bot's and the desk's, `store::coordination::
-- signups`) reads every sign-up of one group, whatever its status; the only
-- index by group is partial (places held), so with 560,000 sign-ups this was
-- a scan of the whole table, 48 ms (benches/desk.rs).
CREATE INDEX signup_cohort ON signup (cohort_id, id);
