-- Schema version 7 for SQLite: accounts an admin has disabled, kept beside the users, and the one row that every
-- change able to leave no admin (disabling an admin, demoting one) locks first, so the last-admin rule holds when
-- two such changes run at once. Never edit a version once applied: add a new version instead. Same rules of
-- layout as V1.

CREATE TABLE disabled_users (
    user_id        TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    disabled_at_ms INTEGER NOT NULL              -- milliseconds since 1970-01-01T00:00:00Z (UTC)
);

-- Exactly one row, only ever locked (an UPDATE that changes nothing), never read for its value.
CREATE TABLE last_admin_lock (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1)
);

INSERT INTO last_admin_lock (id) VALUES (1);
