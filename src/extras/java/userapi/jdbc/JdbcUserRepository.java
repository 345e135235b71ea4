package userapi.jdbc;

import userapi.repository.UserRepository;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.StaleVersion;
import userapi.exception.StorageUnavailable;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Users in a SQL database through plain JDBC: the same statements on SQLite (one file, the default) and on
 * PostgreSQL (shared by several instances). Every method is one statement, so it is atomic without a transaction
 * of ours; the database keeps the e-mail unique, so a racing duplicate fails inside the INSERT itself; any other
 * database failure becomes StorageUnavailable. The schema is migrated before the first request, never by one.
 */
public final class JdbcUserRepository implements UserRepository {
    private static final Logger LOG = Logger.getLogger(JdbcUserRepository.class.getName());

    /** The database cannot be used at all; its message is one line for the person starting the server. */
    public static final class CannotOpen extends RuntimeException {
        CannotOpen(String message) {
            super(message);
        }
    }

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final LateMigration lateMigration;
    /** Each physical connection's statements, prepared once; neither the driver nor the pool keeps them. */
    private final Map<Connection, Statements> statements = new ConcurrentHashMap<>();

    private JdbcUserRepository(HikariDataSource pool, Dialect dialect, LateMigration lateMigration) {
        this.pool = pool;
        this.dialect = dialect;
        this.lateMigration = lateMigration;
    }

    /**
     * Opens the pool and brings the schema up to date before returning. A database file that is corrupt, locked
     * or not writable, a server that refuses us, a schema newer than this server or an applied schema file that
     * was edited throws CannotOpen. A PostgreSQL server that cannot be reached does not stop the start: the
     * repository answers StorageUnavailable until one background thread has migrated it.
     *
     * @param timeout how long a caller waits for a connection before StorageUnavailable is thrown
     */
    public static JdbcUserRepository open(String jdbcUrl, Duration timeout) {
        return open(jdbcUrl, null, 0, timeout);
    }

    /**
     * @param password given outside the URL, or null
     * @param poolSize connections at most, 0 for the database's default (4 for SQLite, 10 for PostgreSQL)
     */
    public static JdbcUserRepository open(String jdbcUrl, String password, int poolSize, Duration timeout) {
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
        return new JdbcUserRepository(pool, dialect, migration);
    }

    private static void migrate(HikariDataSource pool, Dialect dialect) throws SQLException {
        try (Connection connection = dialect.migrationConnection(pool)) {
            SchemaMigrations.apply(connection, dialect);
        }
    }

    @Override
    public void insert(User user) {
        use(statements -> {
            PreparedStatement insert = statements.insert;
            insert.setObject(1, user.id());
            insert.setString(2, user.name());
            insert.setString(3, user.email());
            insert.setString(4, user.passwordHash());
            insert.setString(5, user.role().label());
            insert.setLong(6, user.createdAt().toEpochMilli());
            insert.executeUpdate();
            return null;
        });
    }

    /**
     * One UPDATE sets only the fields that change: COALESCE keeps the stored value where the change is null, and
     * the database evaluates it on the latest row once it holds the lock to write it (PostgreSQL's row lock,
     * SQLite's write lock), so a concurrent update of another field is never written back over. RETURNING gives
     * the row as this statement left it. The id and the creation time never change; the version grows by one.
     * An expected version is checked in the same WHERE, on that same latest row (PostgreSQL re-checks it after
     * waiting for a concurrent writer): of two writers that read one version, one matches and one does not.
     */
    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
        Optional<User> updated = use(statements -> {
            PreparedStatement update = expectedVersion.isPresent() ? statements.updateIfVersion : statements.update;
            update.setString(1, changes.name());
            update.setString(2, changes.email());
            update.setString(3, changes.passwordHash());
            update.setObject(4, id);
            if (expectedVersion.isPresent()) {
                update.setLong(5, expectedVersion.getAsLong());
            }
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(user(rows, 1)) : Optional.empty();
            }
        });
        if (updated.isEmpty() && expectedVersion.isPresent()) {
            staleUnlessGone(id);
        }
        return updated;
    }

    @Override
    public boolean delete(UUID id, OptionalLong expectedVersion) {
        boolean deleted = use(statements -> {
            PreparedStatement delete = expectedVersion.isPresent() ? statements.deleteIfVersion : statements.delete;
            delete.setObject(1, id);
            if (expectedVersion.isPresent()) {
                delete.setLong(2, expectedVersion.getAsLong());
            }
            return delete.executeUpdate() == 1;
        });
        if (!deleted && expectedVersion.isPresent()) {
            staleUnlessGone(id);
        }
        return deleted;
    }

    /**
     * A conditional write matched no row: the user is gone (the caller answers not found) or has another version.
     * Versions only grow, so a user found now did not have the expected one when the write ran.
     */
    private void staleUnlessGone(UUID id) {
        if (findById(id).isPresent()) {
            throw new StaleVersion(id);
        }
    }

    @Override
    public Optional<User> findById(UUID id) {
        return use(statements -> {
            statements.byId.setObject(1, id);
            try (ResultSet rows = statements.byId.executeQuery()) {
                return rows.next() ? Optional.of(user(rows, 1)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean existsByEmail(String email) {
        return use(statements -> {
            statements.byEmail.setString(1, email);
            try (ResultSet rows = statements.byEmail.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return use(statements -> {
            statements.userByEmail.setString(1, email);
            try (ResultSet rows = statements.userByEmail.executeQuery()) {
                return rows.next() ? Optional.of(user(rows, 1)) : Optional.empty();
            }
        });
    }

    /** Compare-and-set in one UPDATE: the WHERE sees the latest row under the write lock. */
    @Override
    public boolean replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return use(statements -> {
            statements.replaceHash.setString(1, newHash);
            statements.replaceHash.setObject(2, id);
            statements.replaceHash.setString(3, expectedHash);
            return statements.replaceHash.executeUpdate() == 1;
        });
    }

    @Override
    public boolean setRole(UUID id, Role role) {
        return use(statements -> {
            statements.setRole.setString(1, role.label());
            statements.setRole.setObject(2, id);
            return statements.setRole.executeUpdate() == 1;
        });
    }

    /**
     * Oldest first; seq (the insertion order) breaks ties between users created in the same millisecond. One
     * statement reads the page and the total together, so both come from the same moment: the counter row
     * joined with the page, which walks the users_by_creation index and stops after offset + limit rows.
     * A page past the end is the counter row alone.
     */
    @Override
    public Page<User> list(int limit, int offset) {
        return use(statements -> {
            statements.page.setInt(1, limit);
            statements.page.setInt(2, offset);
            List<User> items = new ArrayList<>();
            long total = 0;
            try (ResultSet rows = statements.page.executeQuery()) {
                while (rows.next()) {
                    total = rows.getLong(1);
                    if (rows.getString(2) != null) {
                        items.add(user(rows, 2));
                    }
                }
            }
            return new Page<>(items, total, limit, offset);
        });
    }

    /** True if the schema is in place and a connection can be had; waits at most the pool's timeout. */
    @Override
    public boolean reachable() {
        try {
            return use(statements -> {
                try (ResultSet rows = statements.probe.executeQuery()) {
                    return rows.next();
                }
            });
        } catch (StorageUnavailable e) {
            return false;
        }
    }

    /** Closes every connection; SQLite checkpoints its WAL into the database file as the last one closes. */
    @Override
    public void close() {
        lateMigration.close();
        pool.close();
    }

    /** One statement for the other JDBC repository of this database (tokens). */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs one statement of the other JDBC repository of this database (tokens), which shares this pool, its
     * dialect and its migrations: prepared once per connection, like ours, and with the same failure handling.
     */
    <T> T withStatement(String sql, StatementWork<T> work) {
        return use(statements -> work.run(statements.prepared(sql)));
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

    /** Connections the pool has lent out right now: 0 whenever no request is running, or one has leaked. */
    int connectionsInUse() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Statements statements) throws SQLException;
    }

    /**
     * Runs one statement on a pooled connection. Until the schema is in place (a database down at start) it
     * answers StorageUnavailable at once and asks the background migration to try again.
     */
    private <T> T use(Work<T> work) {
        SQLException notMigrated = lateMigration.failure();
        if (notMigrated != null) {
            lateMigration.retryNow();
            throw new StorageUnavailable(notMigrated);
        }
        try (Connection connection = pool.getConnection()) {
            try {
                return work.run(statementsOf(connection));
            } catch (SQLException e) {
                if (!dialect.isEmailTaken(e)) {
                    // Our statements bypass the pool's own check of failures: a connection that failed may be
                    // broken (a restarted server), so it is not lent out again.
                    pool.evictConnection(connection);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (dialect.isEmailTaken(e)) {
                throw new EmailAlreadyRegistered();
            }
            throw new StorageUnavailable(e);
        }
    }

    /** The statements of the physical connection behind the pool's wrapper, prepared on its first use. */
    private Statements statementsOf(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Statements prepared = statements.get(physical);
        if (prepared == null) {
            statements.keySet().removeIf(JdbcUserRepository::isClosed); // of connections the pool has retired
            prepared = new Statements(physical);
            statements.put(physical, prepared);
        }
        return prepared;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static final String COLUMNS = "id, name, email, password_hash, role, created_at_ms";
    /** What is read back: the columns written, and the version (1 on insert, the column's default). */
    private static final String READ = COLUMNS + ", version";

    /** One connection's prepared statements; used by one thread at a time, as the connection is. */
    private static final class Statements {
        final PreparedStatement insert;
        final PreparedStatement update;
        final PreparedStatement updateIfVersion;
        final PreparedStatement delete;
        final PreparedStatement deleteIfVersion;
        final PreparedStatement byId;
        final PreparedStatement byEmail;
        final PreparedStatement userByEmail;
        final PreparedStatement replaceHash;
        final PreparedStatement setRole;
        final PreparedStatement page;
        final PreparedStatement probe;
        /** Statements of the other repositories on this pool (tokens), by their SQL, prepared on first use. */
        private final Map<String, PreparedStatement> others = new HashMap<>();
        private final Connection connection;

        PreparedStatement prepared(String sql) throws SQLException {
            PreparedStatement statement = others.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                others.put(sql, statement);
            }
            return statement;
        }

        Statements(Connection connection) throws SQLException {
            this.connection = connection;
            insert = connection.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
            String set = "UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email), "
                    + "password_hash = COALESCE(?, password_hash), version = version + 1 WHERE id = ?";
            update = connection.prepareStatement(set + " RETURNING " + READ);
            updateIfVersion = connection.prepareStatement(set + " AND version = ? RETURNING " + READ);
            delete = connection.prepareStatement("DELETE FROM users WHERE id = ?");
            deleteIfVersion = connection.prepareStatement("DELETE FROM users WHERE id = ? AND version = ?");
            byId = connection.prepareStatement("SELECT " + READ + " FROM users WHERE id = ?");
            byEmail = connection.prepareStatement("SELECT 1 FROM users WHERE email = ?");
            userByEmail = connection.prepareStatement("SELECT " + READ + " FROM users WHERE email = ?");
            // a re-hash or a role is not a change of the user's fields: the version (the ETag) stays
            replaceHash = connection.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?");
            setRole = connection.prepareStatement("UPDATE users SET role = ? WHERE id = ?");
            page = connection.prepareStatement("SELECT c.n, u.id, u.name, u.email, u.password_hash, u.role, "
                    + "u.created_at_ms, u.version FROM user_count c LEFT JOIN (SELECT " + READ + ", seq FROM users "
                    + "ORDER BY created_at_ms, seq LIMIT ? OFFSET ?) u ON 1 = 1 ORDER BY u.created_at_ms, u.seq");
            probe = connection.prepareStatement("SELECT n FROM user_count");
        }
    }

    /** The seven user columns of READ from the given column on, read by position. */
    private static User user(ResultSet row, int first) throws SQLException {
        return new User(UUID.fromString(row.getString(first)), row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), Role.ofLabel(row.getString(first + 4)), Instant.ofEpochMilli(row.getLong(first + 5)),
                row.getLong(first + 6));
    }
}
