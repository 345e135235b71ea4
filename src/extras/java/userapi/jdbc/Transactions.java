package userapi.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** The one way this package runs several statements as one transaction: committed whole or rolled back whole. */
final class Transactions {
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs the work in a transaction and leaves the connection in auto-commit, with no transaction open.
     * It commits by going back to auto-commit (JDBC says that commits): sqlite-jdbc's commit() and rollback()
     * would each open the next transaction at once, a BEGIN left waiting on the connection.
     */
    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        begin(connection);
        try {
            T result = work.run(connection);
            commit(connection);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                rollback(connection);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure); // the caller closes or evicts the connection
            }
            throw e;
        }
    }

    /** The next statement on the connection begins a transaction (SQLite: a deferred one, locking at its first write). */
    static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    /** Commits by going back to auto-commit, leaving no transaction open. */
    static void commit(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
    }

    /** Rolls back, and ends the empty transaction sqlite-jdbc's rollback() began. */
    static void rollback(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }
}
