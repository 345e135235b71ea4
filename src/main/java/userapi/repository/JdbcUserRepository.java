package userapi.repository;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import userapi.error.EmailAlreadyRegistered;
import userapi.error.StaleVersion;
import userapi.error.StorageUnavailable;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserChanges;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Users in a SQL database through plain JDBC: the same statements on SQLite (one file, the default) and on
 * PostgreSQL (shared by several instances). The database keeps the e-mail unique, so a racing duplicate fails
 * inside the INSERT itself; any other database failure becomes StorageUnavailable, and a write either
 * commits whole or is rolled back.
 */
public final class JdbcUserRepository implements UserRepository {
    private static final Logger LOG = Logger.getLogger(JdbcUserRepository.class.getName());
    private static final String COLUMNS = "id, name, email, password_hash, created_at_ms";
    private static final String COLUMNS_READ = COLUMNS + ", version"; // version: 1 on insert, the column's default

    /** The database cannot be used at all; its message is one line for the person starting the server. */
    public static final class CannotOpen extends RuntimeException {
        CannotOpen(String message) {
            super(message);
        }
    }

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final Object migrationLock = new Object();
    private volatile boolean schemaReady;

    private JdbcUserRepository(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /**
     * Opens the pool and brings the schema up to date. A database file that is corrupt, locked or not writable,
     * or a server that refuses us, throws CannotOpen. A PostgreSQL server that cannot be reached does not stop
     * the start: the repository answers StorageUnavailable and migrates as soon as the server answers.
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
        JdbcUserRepository repository = new JdbcUserRepository(pool, dialect);
        try {
            repository.migrate();
        } catch (SQLException e) {
            if (!dialect.isUnreachable(e)) {
                pool.close();
                throw new CannotOpen(e instanceof SchemaMigrations.NewerSchema ? e.getMessage()
                        : dialect.cannotOpen(jdbcUrl, e));
            }
            LOG.severe(() -> "the database cannot be reached (" + Dialect.oneLine(e) + "): starting anyway; "
                    + "requests answer 503 and /health DOWN until it can");
        }
        return repository;
    }

    @Override
    public void insert(User user) {
        write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                insert.setObject(1, user.id());
                insert.setString(2, user.name());
                insert.setString(3, user.email());
                insert.setString(4, user.passwordHash());
                insert.setLong(5, user.createdAt().toEpochMilli());
                insert.executeUpdate();
                return null;
            }
        });
    }

    /**
     * One UPDATE sets only the fields that change: COALESCE keeps the stored value where the change is null, and
     * the database evaluates it on the latest row once it holds the lock to write it (PostgreSQL's row lock,
     * SQLite's write lock), so a concurrent update of another field is never written back over. The row is read
     * back in the same transaction, before anyone else can change it. The id and the creation time never change.
     */
    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
        return write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET name = COALESCE(?, name), "
                    + "email = COALESCE(?, email), password_hash = COALESCE(?, password_hash), version = version + 1 "
                    + "WHERE id = ?" + (expectedVersion.isPresent() ? " AND version = ?" : ""))) {
                update.setString(1, changes.name());
                update.setString(2, changes.email());
                update.setString(3, changes.passwordHash());
                update.setObject(4, id);
                if (expectedVersion.isPresent()) {
                    update.setLong(5, expectedVersion.getAsLong());
                }
                if (update.executeUpdate() == 0) {
                    return notChanged(connection, id);
                }
            }
            return selectById(connection, id);
        });
    }

    /**
     * The version is checked in the statement's own WHERE, which the database evaluates on the latest row under
     * its write lock (PostgreSQL re-checks it after waiting for a concurrent writer): no read-then-write gap.
     */
    @Override
    public boolean delete(UUID id, OptionalLong expectedVersion) {
        return write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?"
                    + (expectedVersion.isPresent() ? " AND version = ?" : ""))) {
                delete.setObject(1, id);
                if (expectedVersion.isPresent()) {
                    delete.setLong(2, expectedVersion.getAsLong());
                }
                return delete.executeUpdate() == 1 || notChanged(connection, id).isPresent();
            }
        });
    }

    /** Nothing matched: empty if no user has the id; StaleVersion if one has, with another version. */
    private static Optional<User> notChanged(Connection connection, UUID id) throws SQLException {
        if (selectById(connection, id).isPresent()) {
            throw new StaleVersion(id);
        }
        return Optional.empty();
    }

    @Override
    public Optional<User> findById(UUID id) {
        return read(connection -> selectById(connection, id));
    }

    @Override
    public boolean existsByEmail(String email) {
        return read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM users WHERE email = ?")) {
                select.setString(1, email);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Oldest first; seq (the insertion order) breaks ties between users created in the same millisecond. */
    @Override
    public Page<User> list(int limit, int offset) {
        return read(connection -> {
            // Two statements in one read transaction: the page walks the users_by_creation index and stops after
            // offset + limit rows, and COUNT(*) is the store's own fast count. (A COUNT(*) OVER () window in the
            // page query would read and sort the whole table on every page: 20x slower at 200,000 users.)
            connection.setAutoCommit(false);
            try {
                List<User> items = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS_READ + " FROM users ORDER BY created_at_ms, seq LIMIT ? OFFSET ?")) {
                    select.setInt(1, limit);
                    select.setInt(2, offset);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            items.add(user(rows));
                        }
                    }
                }
                long total;
                try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM users");
                     ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
                connection.commit();
                return new Page<>(items, total, limit, offset);
            } finally {
                connection.rollback(); // nothing to undo after the commit; ends the transaction if a read failed
                connection.setAutoCommit(true);
            }
        });
    }

    /** True if a connection can be had and the schema is in place; waits at most the pool's timeout. */
    @Override
    public boolean reachable() {
        try {
            return read(connection -> {
                try (PreparedStatement probe = connection.prepareStatement("SELECT MAX(version) FROM schema_version");
                     ResultSet rows = probe.executeQuery()) {
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
        pool.close();
    }

    /** The pool's live numbers (active, idle, waiting threads), read by /metrics. */
    public HikariPoolMXBean poolStatistics() {
        return pool.getHikariPoolMXBean();
    }

    /** Connections the pool has lent out right now: 0 whenever no request is running, or one has leaked. */
    int connectionsInUse() {
        return pool.getHikariPoolMXBean().getActiveConnections();
    }

    private void migrate() throws SQLException {
        synchronized (migrationLock) {
            if (schemaReady) {
                return;
            }
            try (Connection connection = dialect.migrationConnection(pool)) {
                SchemaMigrations.apply(connection, dialect);
            }
            schemaReady = true;
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try {
            if (!schemaReady) {
                migrate();
            }
            try (Connection connection = pool.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new StorageUnavailable(e);
        }
    }

    /** One transaction: committed whole, or rolled back whole when any statement (or the commit) fails. */
    private <T> T write(Work<T> work) {
        try {
            if (!schemaReady) {
                migrate();
            }
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            if (dialect.isEmailTaken(e)) {
                throw new EmailAlreadyRegistered();
            }
            throw new StorageUnavailable(e);
        }
    }

    /** Rolls back, keeping the original failure as the one reported if the rollback fails too. */
    static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static Optional<User> selectById(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS_READ + " FROM users WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(user(rows)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(UUID.fromString(row.getString("id")), row.getString("name"), row.getString("email"),
                row.getString("password_hash"), Instant.ofEpochMilli(row.getLong("created_at_ms")), row.getLong("version"));
    }
}
