-- Schema version 1 for SQLite: the users table. Applied once at start, in one transaction with every other
-- missing version, and recorded in schema_version. Never edit a version once applied: add V2__....sql instead.
-- Each statement ends with ';' at the end of a line; lines starting with '--' are comments.
-- Look inside with: sqlite3 data/users.db 'select id, email from users'

CREATE TABLE users (
    seq           INTEGER PRIMARY KEY,           -- the rowid: above every row so far, the order of creation
    id            TEXT    NOT NULL,              -- the UUID the service chose, as text
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,              -- already lower-cased by the service
    password_hash TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL,              -- milliseconds since 1970-01-01T00:00:00Z (UTC)
    CONSTRAINT users_id_unique UNIQUE (id),
    CONSTRAINT users_email_unique UNIQUE (email)  -- the database, not a check before the insert, keeps e-mails unique
);

CREATE INDEX users_by_creation ON users (created_at_ms, seq);
