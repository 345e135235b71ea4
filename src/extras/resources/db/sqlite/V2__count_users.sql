-- Schema version 2 for SQLite: the number of users in one row, so a page of the list says the total without
-- counting the table. Triggers keep it in the same transaction as every INSERT and DELETE, whichever process
-- (a second server, a command-line tool) writes the file. Never edit a version once applied: add V3__....sql.
-- A trigger's body stays on one line: a ';' at the end of a line ends the statement (see V1).

CREATE TABLE user_count (
    id INTEGER PRIMARY KEY CHECK (id = 1),  -- exactly one row
    n  INTEGER NOT NULL
);

INSERT INTO user_count (id, n) SELECT 1, COUNT(*) FROM users;

CREATE TRIGGER users_count_insert AFTER INSERT ON users BEGIN UPDATE user_count SET n = n + 1; END;

CREATE TRIGGER users_count_delete AFTER DELETE ON users BEGIN UPDATE user_count SET n = n - 1; END;
