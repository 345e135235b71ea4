package userapi.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import userapi.exception.StorageUnavailable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The one SQL database the JDBC repositories share: its pool, its dialect and its schema (migrated at open, or in
 * the background once a server down at start answers), each connection's prepared statements, and what a failure
 * means (StorageUnavailable, the connection evicted). The repositories hold only their own statements.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** The database cannot be used at all; its message is one line for the person starting the server. */
    public static final class CannotOpen extends RuntimeException {
        CannotOpen(String message) {
            super(message);
        }
    }

    /** One statement's work: set its parameters, execute it, read its result. */
    @FunctionalInterface
    interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * What a unique constraint's refusal means to the caller (a duplicate e-mail is the client's, 409), or null if
     * it is a failure of the store like any other (a colliding id).
     */
    @FunctionalInterface
    interface UniqueViolation {
        RuntimeException meaning(SQLException violation);
    }

    /** The statements of one connection by their SQL, each prepared once there, as {@link #run} prepares its one. */
    @FunctionalInterface
    interface Statements {
        PreparedStatement prepared(String sql) throws SQLException;
    }

    /** Several statements' work, run in one transaction by {@link #inTransaction}. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Statements statements) throws SQLException;
    }

    private static final UniqueViolation NONE_EXPECTED = violation -> null;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final LateMigration migration;
    /** Each physical connection's statements by SQL, prepared once; neither the driver nor the pool keeps them. */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new ConcurrentHashMap<>();

    private Database(HikariDataSource pool, Dialect dialect, LateMigration migration) {
        this.pool = pool;
        this.dialect = dialect;
        this.migration = migration;
    }

    /** {@link #open(String, String, int, Duration)} with no password beside the URL and the database's pool size. */
    public static Database open(String jdbcUrl, Duration timeout) {
        return open(jdbcUrl, null, 0, timeout);
    }

    /**
     * Opens the pool and brings the schema up to date before returning. A database file that is corrupt, locked
     * or not writable, a server that refuses us, a schema newer than this server or an applied schema file that
     * was edited throws CannotOpen. A PostgreSQL server that cannot be reached does not stop the start: every
     * statement answers StorageUnavailable until one background thread has migrated the schema.
     *
     * @param password given outside the URL, or null
     * @param poolSize connections at most, 0 for the database's default (4 for SQLite, 10 for PostgreSQL)
     * @param timeout  how long a caller waits for a connection before StorageUnavailable is thrown
     */
    public static Database open(String jdbcUrl, String password, int poolSize, Duration timeout) {
        Dialect dialect = Dialect.of(jdbcUrl);
        dialect.prepare(jdbcUrl);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(dialect.poolConfig(jdbcUrl, password, poolSize, timeout));
        } catch (HikariPool.PoolInitializationException e) {
            throw new CannotOpen(e.getCause() instanceof SQLException cause ? dialect.cannotOpen(jdbcUrl, cause)
                    : Dialect.oneLine(e));
        }
        LateMigration migration = new LateMigration(() -> migrate(pool, dialect), dialect::isUnreachable,
                pool.getPoolName() + " migration");
        try {
            migrate(pool, dialect); // up to date at start: the LateMigration never has anything to do
        } catch (SQLException e) {
            if (!dialect.isUnreachable(e)) {
                pool.close();
                throw new CannotOpen(e instanceof SchemaMigrations.NewerSchema || e instanceof SchemaMigrations.EditedMigration
                        ? e.getMessage() : dialect.cannotOpen(jdbcUrl, e));
            }
            LOG.severe(() -> "the database cannot be reached (" + Dialect.oneLine(e) + "): starting anyway; "
                    + "requests answer 503 and /health DOWN until it can");
            migration.startRetrying(e);
        }
        return new Database(pool, dialect, migration);
    }

    private static void migrate(HikariDataSource pool, Dialect dialect) throws SQLException {
        try (Connection connection = dialect.migrationConnection(pool)) {
            SchemaMigrations.apply(connection, dialect);
        }
    }

    /** Runs one statement; every database failure, a unique constraint's included, is StorageUnavailable. */
    <T> T run(String sql, Work<T> work) {
        return run(sql, work, NONE_EXPECTED);
    }

    /**
     * Runs one statement, in auto-commit, on a pooled connection that has it prepared (on its first use there).
     * Until the schema is in place (a database down at start) it answers StorageUnavailable at once and asks the
     * background migration to try again. A failure evicts the connection and becomes StorageUnavailable, except a
     * unique constraint's refusal that uniqueViolation gives a meaning to: that is thrown, the connection kept.
     */
    <T> T run(String sql, Work<T> work, UniqueViolation uniqueViolation) {
        requireSchema();
        try (Connection connection = pool.getConnection()) {
            try {
                return work.run(prepared(connection, sql));
            } catch (SQLException e) {
                RuntimeException meaning = dialect.isUniqueViolation(e) ? uniqueViolation.meaning(e) : null;
                if (meaning != null) {
                    throw meaning; // the data's fault, not the connection's: it goes back to the pool
                }
                // Our statements bypass the pool's own check of failures: a connection that failed may be
                // broken (a restarted server), so it is not lent out again.
                pool.evictConnection(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageUnavailable(e);
        }
    }

    /**
     * Runs several statements as one transaction ({@link Transactions#run}) on one pooled connection, each statement
     * prepared there as run's are: committed whole, or rolled back whole and thrown. Every database failure is
     * StorageUnavailable and evicts the connection, as with run; an exception of the work's own is thrown as it is,
     * after the rollback.
     */
    <T> T inTransaction(TransactionWork<T> work) {
        requireSchema();
        try (Connection connection = pool.getConnection()) {
            try {
                return Transactions.run(connection, c -> work.run(sql -> prepared(c, sql)));
            } catch (SQLException e) {
                pool.evictConnection(connection); // as in run: a connection that failed may be broken
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageUnavailable(e);
        }
    }

    /** Until the schema is in place (a database down at start): StorageUnavailable, and the migration tries again. */
    private void requireSchema() {
        SQLException notMigrated = migration.failure();
        if (notMigrated != null) {
            migration.retryNow();
            throw new StorageUnavailable(notMigrated);
        }
    }

    /** The statement of the physical connection behind the pool's wrapper, prepared on its first use there. */
    private PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> ofConnection = statements.get(physical);
        if (ofConnection == null) {
            statements.keySet().removeIf(Database::isClosed); // of connections the pool has retired
            ofConnection = new HashMap<>(); // used by one thread at a time, as its connection is
            statements.put(physical, ofConnection);
        }
        PreparedStatement statement = ofConnection.get(sql);
        if (statement == null) {
            statement = physical.prepareStatement(sql);
            ofConnection.put(sql, statement);
        }
        return statement;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * True on SQLite: one file on this machine, so one connection of our own sees every commit to it, whoever
     * makes it (the read cache's change watch). Not on PostgreSQL, which instances elsewhere write to.
     */
    public boolean isSqlite() {
        return dialect == Dialect.SQLITE;
    }

    /** On SQLite, a connection of its own outside the pool, with the pool's settings; the caller closes it. */
    public Connection openOutsidePool() throws SQLException {
        if (dialect != Dialect.SQLITE) {
            throw new UnsupportedOperationException("only SQLite connections are opened outside the pool");
        }
        return Dialect.outsidePool(pool, new Properties());
    }

    /** The pool's live numbers (active, idle, waiting threads), read by /metrics. */
    public HikariPoolMXBean poolStatistics() {
        return pool.getHikariPoolMXBean();
    }

    /** Connections the pool has lent out right now: 0 whenever no statement is running, or one has leaked. */
    int connectionsInUse() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    /** Stops the background migration, closes every connection; SQLite checkpoints its WAL as the last one closes. */
    @Override
    public void close() {
        migration.close();
        pool.close();
    }
}
