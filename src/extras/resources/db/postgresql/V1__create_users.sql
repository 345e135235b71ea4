-- Schema version 1 for PostgreSQL: the users table. Applied once at start, in one transaction with every other
-- missing version, and recorded in schema_version. Never edit a version once applied: add V2__....sql instead.
-- Each statement ends with ';' at the end of a line; lines starting with '--' are comments.
-- Same columns as db/sqlite/V1__create_users.sql; only the types and the row sequence are PostgreSQL's own.

CREATE TABLE users (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- grows with every insert: the order of creation
    id            UUID   NOT NULL,
    name          TEXT   NOT NULL,
    email         TEXT   NOT NULL,                                  -- already lower-cased by the service
    password_hash TEXT   NOT NULL,
    created_at_ms BIGINT NOT NULL,                                  -- milliseconds since 1970-01-01T00:00:00Z (UTC)
    CONSTRAINT users_id_unique UNIQUE (id),
    CONSTRAINT users_email_unique UNIQUE (email)  -- shared by every instance: exactly one of two racing inserts wins
);

CREATE INDEX users_by_creation ON users (created_at_ms, seq);
