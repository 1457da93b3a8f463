-- The projection of the event pipeline: what the analysts' query API reads.
-- Every timestamp is timestamptz, so the session time zone never changes what is stored.

-- One row per event, written once. The primary key and the unique (source, id) make a redelivered,
-- duplicated or replayed message an insert that does nothing.
CREATE TABLE event_log (
    stream       text        NOT NULL,
    sequence     bigint      NOT NULL,
    id           text        NOT NULL,
    source       text        NOT NULL,
    type         text        NOT NULL,
    time         timestamptz,
    received_at  timestamptz NOT NULL,
    projected_at timestamptz NOT NULL DEFAULT now(),
    -- The CloudEvents time, or when ingest received the event if the producer sent none: what filters and
    -- the ordering of GET /events use, so every event has a place in it.
    event_time   timestamptz NOT NULL GENERATED ALWAYS AS (coalesce(time, received_at)) STORED,
    -- jsonb serves containment queries but reorders keys and rewrites numbers like 1e3;
    -- data_text keeps the JSON exactly as the producer sent it, which is what the API returns.
    data         jsonb,
    data_text    text,
    PRIMARY KEY (stream, sequence),
    CONSTRAINT event_log_source_id_key UNIQUE (source, id)
);

-- Keyset pagination of GET /events: (event_time, stream, sequence) is unique and never changes.
CREATE INDEX event_log_event_time_idx ON event_log (event_time, stream, sequence);
CREATE INDEX event_log_type_event_time_idx ON event_log (type, event_time, stream, sequence);
CREATE INDEX event_log_source_event_time_idx ON event_log (source, event_time, stream, sequence);
-- GET /events?data=: containment (@>) only, which jsonb_path_ops serves with a smaller index.
CREATE INDEX event_log_data_idx ON event_log USING gin (data jsonb_path_ops);
-- GET /stats/lag: the newest projected event.
CREATE INDEX event_log_received_at_idx ON event_log (received_at);

-- One row per stream. last_sequence only ever moves to the exact next sequence, which is what makes
-- the projection apply a stream in order and hold back a gap.
CREATE TABLE stream_summary (
    stream        text        PRIMARY KEY,
    last_sequence bigint      NOT NULL,
    event_count   bigint      NOT NULL,
    first_time    timestamptz NOT NULL,
    last_time     timestamptz NOT NULL,
    last_type     text        NOT NULL
);

-- Events per type and UTC minute, counted only for rows actually inserted into event_log.
CREATE TABLE type_minute_count (
    type        text        NOT NULL,
    minute      timestamptz NOT NULL,
    event_count bigint      NOT NULL,
    PRIMARY KEY (type, minute)
);
CREATE INDEX type_minute_count_minute_idx ON type_minute_count (minute, type);
