-- Schema version 6 for PostgreSQL: the password brake's failures, shared by every instance on this database.
-- Never edit a version once applied: add a new version instead. Same columns as db/sqlite/V6__login_failures.sql.

-- One row a failed password check, under each key it counts for: (e-mail, address) and address, each key a
-- SHA-256 in hex with its kind in front, never an e-mail or an address in clear. Each key keeps only its newest few
-- rows, and the background sweep deletes what has left the window.
CREATE TABLE login_failures (
    failure_key TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL   -- milliseconds since 1970-01-01T00:00:00Z (UTC)
);

CREATE INDEX login_failures_by_key ON login_failures (failure_key, at_ms);  -- a key's newest failures
CREATE INDEX login_failures_by_time ON login_failures (at_ms);             -- the sweep
