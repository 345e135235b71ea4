-- Schema version 2 for PostgreSQL: the number of users in one row, so a page of the list says the total without
-- counting the table. A trigger keeps it in the same transaction as every INSERT and DELETE, from any instance.
-- Never edit a version once applied: add V3__....sql. The function's body stays free of ';' at the end of a line
-- (a ';' there ends the statement, see V1).

-- Instances of the previous version may still be inserting: hold their writes until this version commits, so
-- the count below and the trigger see the same rows.
LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE user_count (
    id INTEGER PRIMARY KEY CHECK (id = 1),  -- exactly one row
    n  BIGINT  NOT NULL
);

INSERT INTO user_count (id, n) SELECT 1, COUNT(*) FROM users;

CREATE FUNCTION users_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE user_count SET n = n + (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END); RETURN NULL; END
$$;

CREATE TRIGGER users_count_change AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_count_change();
