-- Schema version 9 for SQLite: the indexes the admin's list pages on (GET /users?sort=...&after=...). Never edit a
-- version once applied: add a new version instead. Each sort is walked from its cursor down one index with no sort
-- step: creation time then id (the id breaks ties the same way in every store), the e-mail (unique: its
-- constraint's index, users_email_unique, serves it), the name then id. A q (substring) search has no index: it scans.
CREATE INDEX users_by_creation_and_id ON users (created_at_ms, id);
CREATE INDEX users_by_name ON users (name, id);
