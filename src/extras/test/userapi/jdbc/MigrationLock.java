package userapi.jdbc;

import userapi.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL migration's advisory lock, held by a test: every migration of the TEST_DATABASE_URL database waits
 * until it is closed, so a state that lasts only until the next migration can be looked at. Hold it briefly: it
 * holds up the migrations of every test on that database.
 */
final class MigrationLock implements AutoCloseable {
    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    static MigrationLock take() throws SQLException {
        Connection connection = DriverManager.getConnection(TestDatabase.url());
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(" + Dialect.MIGRATION_LOCK + ")");
            return new MigrationLock(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Ends the transaction, and with it the lock. */
    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.rollback();
        }
    }
}
