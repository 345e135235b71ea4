-- Schema version 4 for SQLite (issue 9, sign-in): every user's role, and the bearer tokens of logged-in users.
-- Never edit a version once applied: add V5__....sql instead. Same rules of layout as V1.

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin'));

CREATE TABLE tokens (
    token_hash    TEXT    NOT NULL PRIMARY KEY,  -- SHA-256 of the token, hex: the token itself is never stored
    user_id       TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,  -- a token dies with its user
    created_at_ms INTEGER NOT NULL,              -- milliseconds since 1970-01-01T00:00:00Z (UTC)
    expires_at_ms INTEGER NOT NULL
);

CREATE INDEX tokens_by_user ON tokens (user_id);          -- revoke all of a user's tokens; the cascade on delete
CREATE INDEX tokens_by_expiry ON tokens (expires_at_ms);  -- the background sweep of expired tokens
