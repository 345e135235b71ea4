-- Schema version 4 for PostgreSQL (issue 9, sign-in): every user's role, and the bearer tokens of logged-in users.
-- Never edit a version once applied: add V5__....sql instead. Same columns as db/sqlite/V4__tokens_and_roles.sql.

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CONSTRAINT users_role_known CHECK (role IN ('user', 'admin'));

CREATE TABLE tokens (
    token_hash    TEXT   NOT NULL PRIMARY KEY,   -- SHA-256 of the token, hex: the token itself is never stored
    user_id       UUID   NOT NULL REFERENCES users (id) ON DELETE CASCADE,  -- a token dies with its user
    created_at_ms BIGINT NOT NULL,               -- milliseconds since 1970-01-01T00:00:00Z (UTC)
    expires_at_ms BIGINT NOT NULL
);

CREATE INDEX tokens_by_user ON tokens (user_id);          -- revoke all of a user's tokens; the cascade on delete
CREATE INDEX tokens_by_expiry ON tokens (expires_at_ms);  -- the background sweep of expired tokens
