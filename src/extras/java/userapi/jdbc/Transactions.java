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
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(true); // ends the empty transaction sqlite-jdbc's rollback() began
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure); // the caller closes or evicts the connection
            }
            throw e;
        }
    }
}
