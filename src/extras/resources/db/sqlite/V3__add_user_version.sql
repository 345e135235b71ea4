-- Schema version 3 for SQLite: every user gets a version, 1 when created, one more with every change. GET sends it
-- as the ETag; PATCH and DELETE with If-Match change the row only WHERE version = the one the client read.
-- Never edit a version once applied (its checksum is recorded): add V4__....sql instead.

ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
