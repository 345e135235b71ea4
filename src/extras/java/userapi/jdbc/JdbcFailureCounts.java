package userapi.jdbc;

import userapi.auth.FailureCounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The password brake's failures in the SQL database (table login_failures, schema V6), so every instance on one
 * PostgreSQL counts the same failures: five wrong passwords spread over three servers are five. One row a failure
 * under each key, read through the index on (key, time). Bounded: each add also deletes the key's rows older than
 * its newest {@code keep}, so no key grows past a few rows however often it fails; the background sweep deletes
 * every row that has left the window; and every counted failure costs a password hash first (the bounded hasher),
 * so rows arrive no faster than the servers can hash. A flood of random e-mails or addresses thus fills at most
 * (hash rate x window) rows, each of fixed size (keys are hashes), and they are gone one sweep after the window.
 */
public final class JdbcFailureCounts implements FailureCounts {
    private static final String INSERT = "INSERT INTO login_failures (failure_key, at_ms) VALUES (?, ?)";
    /** Keeps the key's newest rows: those at or after the keep-th newest time (a tie keeps one or two more). */
    private static final String TRIM = """
            DELETE FROM login_failures WHERE failure_key = ? AND at_ms < (
                SELECT MIN(at_ms) FROM (
                    SELECT at_ms FROM login_failures WHERE failure_key = ? ORDER BY at_ms DESC LIMIT ?) newest)""";
    private static final String NEWEST =
            "SELECT at_ms FROM login_failures WHERE failure_key = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT ?";
    private static final String CLEAR = "DELETE FROM login_failures WHERE failure_key = ?";
    private static final String DELETE_UP_TO = "DELETE FROM login_failures WHERE at_ms <= ?";

    private final Database database;

    public JdbcFailureCounts(Database database) {
        this.database = database;
    }

    /** The insert and the trim in one transaction on one connection. */
    @Override
    public void add(String key, Instant at, int keep) {
        database.inTransaction(statements -> {
            PreparedStatement insert = statements.prepared(INSERT);
            insert.setString(1, key);
            insert.setLong(2, at.toEpochMilli());
            insert.executeUpdate();
            PreparedStatement trim = statements.prepared(TRIM);
            trim.setString(1, key);
            trim.setString(2, key);
            trim.setInt(3, keep);
            return trim.executeUpdate();
        });
    }

    @Override
    public List<Instant> newest(String key, Instant since, int limit) {
        return database.run(NEWEST, select -> {
            select.setString(1, key);
            select.setLong(2, since.toEpochMilli());
            select.setInt(3, limit);
            List<Instant> newest = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    newest.add(Instant.ofEpochMilli(rows.getLong(1)));
                }
            }
            return newest;
        });
    }

    @Override
    public void clear(String key) {
        database.run(CLEAR, delete -> {
            delete.setString(1, key);
            return delete.executeUpdate();
        });
    }

    @Override
    public int deleteUpTo(Instant before) {
        return database.run(DELETE_UP_TO, delete -> {
            delete.setLong(1, before.toEpochMilli());
            return delete.executeUpdate();
        });
    }
}
