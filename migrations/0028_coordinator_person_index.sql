-- A person's centres (`Store::coordinated_centres`), read on every desk
-- request of a coordinator and whenever the bot checks a coordinator: the
-- primary key starts with the centre, so with 100,000 coordinators this was
-- a scan of the whole table.
CREATE INDEX coordinator_person ON coordinator (channel, external_id);
