-- What the optional geocoder answered for an address (lat/lon NULL: it
-- found nothing), so that a re-import asks nothing again.
CREATE TABLE geocoder_answer (
    query        text PRIMARY KEY CHECK (query <> '' AND length(query) <= 1000),
    lat          double precision CHECK (lat BETWEEN -90 AND 90),
    lon          double precision CHECK (lon BETWEEN -180 AND 180),
    answered_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((lat IS NULL) = (lon IS NULL))
);
