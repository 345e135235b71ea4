-- Schema version 8 for PostgreSQL: the audit trail, one row a security event, written in the same transaction as
-- the change it records. Never edit a version once applied: add a new version instead. Same columns as
-- db/sqlite/V8__audit_events.sql. No foreign key to users: a row outlives the account it is about.
-- No column could hold a password, a token or a hash.

CREATE TABLE audit_events (
    id             UUID   NOT NULL PRIMARY KEY,
    type           TEXT   NOT NULL,               -- its label: user.created, login.failed, ...
    at_ms          BIGINT NOT NULL,               -- milliseconds since 1970-01-01T00:00:00Z (UTC)
    user_id        UUID,                          -- whose account; NULL for a login with an unknown e-mail
    actor_id       UUID,                          -- the signed-in caller who did it; NULL without one
    client_address TEXT,                          -- the client's address as the server resolved it
    request_id     TEXT                           -- the request's X-Request-Id, or 'cli' for the admin command
);

-- The pages, newest first (ORDER BY at_ms DESC, id DESC), each walked backwards from its cursor down one of these
-- with no sort: the whole trail (also the retention sweep's, by at_ms), one user's, one type's, one user's of one type.
CREATE INDEX audit_events_by_time ON audit_events (at_ms, id);
CREATE INDEX audit_events_by_user ON audit_events (user_id, at_ms, id);
CREATE INDEX audit_events_by_type ON audit_events (type, at_ms, id);
CREATE INDEX audit_events_by_user_and_type ON audit_events (user_id, type, at_ms, id);
