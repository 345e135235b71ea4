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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * The one SQL database the JDBC repositories share: its pool, its dialect and its schema (migrated at open, or in
 * the background once a server down at start answers, or again once a table of ours is found missing), each
 * connection's prepared statements, and what a failure means (StorageUnavailable, the connection evicted), and the
 * unit of work a thread may run its statements in
 * ({@link #inUnitOfWork}). The repositories hold only their own statements.
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
    /** A SELECT that locks rows (PostgreSQL's FOR UPDATE, FOR SHARE ...): a write as far as a unit of work goes. */
    private static final Pattern LOCKING_READ = Pattern.compile("\\bFOR\\s+(NO\\s+KEY\\s+)?(KEY\\s+)?(UPDATE|SHARE)\\b",
            Pattern.CASE_INSENSITIVE);

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final LateMigration migration;
    /** Each physical connection's statements by SQL, prepared once; neither the driver nor the pool keeps them. */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new ConcurrentHashMap<>();
    /** Statements run through this database, each one round trip to a database server: for /metrics. */
    private final LongAdder statementsRun = new LongAdder();
    /**
     * SQLite's one writer at a time, taken in Java before a connection: a writer that found the file locked would
     * wait inside the native library holding its carrier thread, and enough of them would take every carrier from
     * the virtual thread that holds the lock and is parked between two statements of its unit, which could then never
     * commit. Waiting here parks instead. Null on PostgreSQL, whose writers wait on row locks in the server.
     */
    private final ReentrantLock writer;
    /** The unit of work the current thread runs, if any: see {@link #inUnitOfWork}. */
    private final ThreadLocal<Unit> units = new ThreadLocal<>();

    /** One thread's unit of work: its connection, lent from its first write until it ends. */
    private static final class Unit {
        /** Null until the first write; from then on, every statement of the thread runs on it, in one transaction. */
        Connection connection;
        /** The first failure of a statement in the unit: the unit rolls back even if the work caught it. */
        RuntimeException failure;
        /** A failure that may have broken the connection: it is evicted rather than lent out again. */
        boolean broken;
    }

    private Database(HikariDataSource pool, Dialect dialect, LateMigration migration) {
        this.pool = pool;
        this.dialect = dialect;
        this.migration = migration;
        this.writer = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
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

    /** @return how many versions it applied */
    private static int migrate(HikariDataSource pool, Dialect dialect) throws SQLException {
        try (Connection connection = dialect.migrationConnection(pool)) {
            return SchemaMigrations.apply(connection, dialect);
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
        Unit unit = units.get();
        if (unit != null && (unit.connection != null || !reads(sql))) {
            return inUnit(unit, connection -> work.run(prepared(connection, sql)), uniqueViolation);
        }
        boolean writes = writer != null && !reads(sql);
        if (writes) {
            lockWriter();
        }
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
            noticeMissingTable(e);
            throw new StorageUnavailable(e);
        } finally {
            if (writes) {
                writer.unlock();
            }
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
        Unit unit = units.get();
        if (unit != null) { // joins it: committed or rolled back with the rest of the unit
            return inUnit(unit, connection -> work.run(sql -> prepared(connection, sql)), NONE_EXPECTED);
        }
        if (writer != null) {
            lockWriter();
        }
        try (Connection connection = pool.getConnection()) {
            try {
                return Transactions.run(connection, c -> work.run(sql -> prepared(c, sql)));
            } catch (SQLException e) {
                pool.evictConnection(connection); // as in run: a connection that failed may be broken
                throw e;
            }
        } catch (SQLException e) {
            noticeMissingTable(e);
            throw new StorageUnavailable(e);
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
    }

    /**
     * Runs the work as one unit: every statement it runs on this thread from its first write on (an INSERT, UPDATE
     * or DELETE, or a transaction of {@link #inTransaction}) runs on one connection in one transaction, committed
     * when the work returns, rolled back whole when it throws or when any of those statements failed, even if the
     * work caught that failure (then StorageUnavailable is thrown). A unit inside a unit joins it.
     * <p>
     * Reads before the first write run as they always do, on any pooled connection in auto-commit, so a unit holds
     * no connection while it hashes a password, and on SQLite its transaction begins with a write: it takes the
     * file's write lock at once rather than failing to upgrade a read snapshot another writer made stale. Reads
     * after it see the unit's own writes. Work meant to be atomic belongs after the first write, as a change and
     * the audit row that records it do.
     */
    public <T> T inUnitOfWork(Supplier<T> work) {
        if (units.get() != null) {
            return work.get();
        }
        Unit unit = new Unit();
        units.set(unit);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            units.remove();
            end(unit, e);
            throw e;
        }
        units.remove();
        end(unit, null);
        return result;
    }

    /** How many statements ran so far (a transaction's BEGIN and COMMIT not counted): what a request costs in round trips. */
    public long statementsRun() {
        return statementsRun.sum();
    }

    /**
     * True while this thread's unit of work has written and not yet ended: what it reads may not be committed, so
     * the read cache neither answers from nor keeps it.
     */
    public boolean writingInUnitOfWork() {
        Unit unit = units.get();
        return unit != null && unit.connection != null;
    }

    /** A statement that only reads: a SELECT that locks nothing. Anything else begins the unit's transaction. */
    static boolean reads(String sql) {
        String statement = sql.stripLeading();
        return statement.regionMatches(true, 0, "SELECT", 0, 6) && !LOCKING_READ.matcher(statement).find();
    }

    /** One step of a unit, on its connection, lent and put in a transaction at the unit's first write. */
    private <T> T inUnit(Unit unit, Transactions.Work<T> work, UniqueViolation uniqueViolation) {
        if (unit.failure != null) { // its transaction is lost: nothing more may be written in it
            throw new StorageUnavailable(new SQLException("an earlier statement of this unit of work failed", unit.failure));
        }
        try {
            if (unit.connection == null) {
                if (writer != null) {
                    lockWriter(); // held until the unit ends
                }
                Connection connection;
                try {
                    connection = pool.getConnection();
                    Transactions.begin(connection);
                } catch (SQLException | RuntimeException e) {
                    if (writer != null) {
                        writer.unlock();
                    }
                    throw e;
                }
                unit.connection = connection;
            }
            return work.run(unit.connection);
        } catch (SQLException e) {
            noticeMissingTable(e);
            RuntimeException meaning = dialect.isUniqueViolation(e) ? uniqueViolation.meaning(e) : null;
            unit.broken = meaning == null;
            unit.failure = meaning != null ? meaning : new StorageUnavailable(e);
            throw unit.failure;
        } catch (RuntimeException e) {
            unit.failure = e; // the work's own, inside a statement: what it wrote may be half done
            throw e;
        }
    }

    /**
     * Commits the unit (thrown is null and no statement failed) or rolls it back, then gives the connection back,
     * or evicts it if it may be broken. A unit that wrote nothing has nothing to end.
     */
    private void end(Unit unit, Throwable thrown) {
        Connection connection = unit.connection;
        if (connection == null) {
            if (thrown == null && unit.failure != null) {
                throw unit.failure; // the first write failed to get a connection, and the work went on
            }
            return;
        }
        boolean commit = thrown == null && unit.failure == null;
        try {
            if (commit) {
                Transactions.commit(connection);
            } else {
                Transactions.rollback(connection);
            }
        } catch (SQLException e) {
            unit.broken = true;
            if (thrown != null) {
                thrown.addSuppressed(e);
            } else {
                release(unit);
                throw new StorageUnavailable(e);
            }
        }
        release(unit);
        if (thrown == null && unit.failure != null) { // the work caught a failure: what it did is rolled back
            throw new StorageUnavailable(new SQLException("a statement of this unit of work failed, so none of it "
                    + "was committed", unit.failure));
        }
    }

    private void release(Unit unit) {
        Connection connection = unit.connection;
        unit.connection = null;
        try (connection) {
            if (unit.broken) {
                pool.evictConnection(connection); // as in run: a connection that failed may be broken
            }
        } catch (SQLException e) {
            LOG.fine(() -> "closing a unit of work's connection failed: " + e.getMessage());
        } finally {
            if (writer != null) {
                writer.unlock();
            }
        }
    }

    /** Waits, parked, for SQLite's one writer turn, as long as SQLite itself would wait for its lock. */
    private void lockWriter() {
        try {
            if (!writer.tryLock(Dialect.BUSY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StorageUnavailable(new SQLException("no turn to write within " + Dialect.BUSY_TIMEOUT.toSeconds()
                        + " s: other writers hold the database"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailable(new SQLException("interrupted while waiting for a turn to write", e));
        }
    }

    /**
     * A table of ours is gone: the database was dropped and re-created empty (or restored without us) while we run.
     * Every statement would fail the same way for good, so, as for a database down at start, the server turns not
     * ready (requireSchema, and so /health/ready, answer 503) until the background migration has created the schema
     * again. Only a missing table: any other failure is the request's 503 and nothing more.
     */
    private void noticeMissingTable(SQLException e) {
        if (dialect.isMissingTable(e)) {
            migration.schemaLost(e);
        }
    }

    /**
     * Until the schema is in place (a database down at start, or a table found missing since): StorageUnavailable,
     * and the migration tries again.
     */
    private void requireSchema() {
        SQLException notMigrated = migration.failure();
        if (notMigrated != null) {
            migration.retryNow();
            throw new StorageUnavailable(notMigrated);
        }
    }

    /** The statement of the physical connection behind the pool's wrapper, prepared on its first use there. */
    private PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
        statementsRun.increment();
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

    /** True while the schema is not known to be in place: a database down at start, or a table found missing since. */
    boolean notMigrated() {
        return migration.failure() != null;
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
