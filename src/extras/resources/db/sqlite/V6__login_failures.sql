-- Schema version 6 for SQLite: the password brake's failures. A server on SQLite keeps them in memory (one process
-- serves); the table keeps both dialects at one schema version. Never edit a version once applied: add a new
-- version instead. Same columns as db/postgresql/V6__login_failures.sql.

CREATE TABLE login_failures (
    failure_key TEXT    NOT NULL,  -- the kind of key, then a SHA-256 in hex: never an e-mail or an address in clear
    at_ms       INTEGER NOT NULL   -- milliseconds since 1970-01-01T00:00:00Z (UTC)
);

CREATE INDEX login_failures_by_key ON login_failures (failure_key, at_ms);  -- a key's newest failures
CREATE INDEX login_failures_by_time ON login_failures (at_ms);             -- the sweep
