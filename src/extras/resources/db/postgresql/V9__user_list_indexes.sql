-- Schema version 9 for PostgreSQL: the indexes the admin's list pages on (GET /users?sort=...&after=...). Never edit
-- a version once applied: add a new version instead. Text is sorted by code point (COLLATE "C"), as on SQLite and in
-- memory, whatever the database's collation: the unique e-mail's own index follows that collation, so the e-mail gets
-- one in "C". A q (substring) search has no index: it scans.
CREATE INDEX users_by_creation_and_id ON users (created_at_ms, id);
CREATE INDEX users_by_email_c ON users (email COLLATE "C");
CREATE INDEX users_by_name ON users (name COLLATE "C", id);
