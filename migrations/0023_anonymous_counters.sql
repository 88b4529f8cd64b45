-- Anonymous weekly counters (issue 20, parts 6 and 7): how the bot is used,
-- and where people search from with no centre within 25 km.
--
-- A row is a week (its Monday, Kyiv time) and, for far searches, a hromada
-- (KATOTTH code), with counts that only ever grow. Nothing names a person, a
-- point or a moment: no row per search, no updated_at. Increments are not
-- written in the person's transaction (its id would sit next to theirs): the
-- process holds them in memory and adds them in batches at a random moment
-- (conversation::checkin_writer), so a row's transaction id tells at most
-- which batch last touched it.
CREATE TABLE usage_week (
    week          date PRIMARY KEY CHECK (extract(isodow FROM week) = 1),
    searches      bigint NOT NULL DEFAULT 0 CHECK (searches >= 0),
    cards         bigint NOT NULL DEFAULT 0 CHECK (cards >= 0),
    signups       bigint NOT NULL DEFAULT 0 CHECK (signups >= 0),
    subscriptions bigint NOT NULL DEFAULT 0 CHECK (subscriptions >= 0)
);

CREATE TABLE unmet_demand (
    week     date NOT NULL CHECK (extract(isodow FROM week) = 1),
    hromada  text NOT NULL CHECK (hromada ~ '^UA[0-9]{17}$'),
    searches bigint NOT NULL CHECK (searches > 0),
    PRIMARY KEY (week, hromada)
);
