-- Schema version 5 for PostgreSQL: account recovery. The one-time tokens sent by mail (password reset, e-mail
-- verification), the address each user has proved to be theirs, and the outbox of mails waiting to be sent.
-- Never edit a version once applied: add V6__....sql instead. Same columns as db/sqlite/V5__account_recovery.sql.

CREATE TABLE account_tokens (
    token_hash    TEXT   NOT NULL PRIMARY KEY,   -- SHA-256 of the secret, hex: the secret is only in the mail
    user_id       UUID   NOT NULL REFERENCES users (id) ON DELETE CASCADE,  -- a token dies with its user
    purpose       TEXT   NOT NULL CONSTRAINT account_tokens_purpose_known CHECK (purpose IN ('reset', 'verify')),
    email         TEXT   NOT NULL,               -- the address the mail went to
    created_at_ms BIGINT NOT NULL,               -- milliseconds since 1970-01-01T00:00:00Z (UTC)
    expires_at_ms BIGINT NOT NULL,
    used_at_ms    BIGINT                         -- NULL while unused; set when used or ended by a newer token
);

-- A user's tokens of one purpose in the last hour (the limit), the unused ones to end; the cascade on delete.
CREATE INDEX account_tokens_by_user ON account_tokens (user_id, purpose, created_at_ms);

-- The sweep of spent tokens.
CREATE INDEX account_tokens_by_creation ON account_tokens (created_at_ms);

-- The address proved, not a flag: a user is verified while their e-mail equals it, so a change of address
-- un-verifies without touching the users table.
CREATE TABLE verified_emails (
    user_id UUID NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email   TEXT NOT NULL
);

CREATE TABLE mail_outbox (
    id              UUID    NOT NULL PRIMARY KEY,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,              -- may carry a token's link: never logged
    attempts        INTEGER NOT NULL DEFAULT 0,    -- claims so far
    queued_at_ms    BIGINT  NOT NULL,              -- milliseconds since 1970-01-01T00:00:00Z (UTC): oldest first
    next_attempt_ms BIGINT  NOT NULL               -- due from then on; a claim moves it to the end of its lease
);

-- What is due.
CREATE INDEX mail_outbox_by_next_attempt ON mail_outbox (next_attempt_ms);
