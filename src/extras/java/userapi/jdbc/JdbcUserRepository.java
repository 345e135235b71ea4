package userapi.jdbc;

import userapi.repository.UserRepository;

import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.StaleVersion;
import userapi.exception.StorageUnavailable;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Users in a SQL database through plain JDBC: the users' statements, the same on SQLite (one file, the default)
 * and on PostgreSQL (shared by several instances), each run by its {@link Database}. Every method is one statement,
 * so it is atomic without a transaction of ours; the database keeps the e-mail unique, so a racing duplicate fails
 * inside the INSERT itself and becomes EmailAlreadyRegistered; any other failure is the Database's StorageUnavailable.
 */
public final class JdbcUserRepository implements UserRepository {
    private static final String COLUMNS = "id, name, email, password_hash, role, created_at_ms";
    /** What is read back: the columns written, and the version (1 on insert, the column's default). */
    private static final String READ = COLUMNS + ", version";

    private static final String INSERT = "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SET = "UPDATE users SET name = COALESCE(?, name), email = COALESCE(?, email), "
            + "password_hash = COALESCE(?, password_hash), version = version + 1 WHERE id = ?";
    private static final String UPDATE = SET + " RETURNING " + READ;
    private static final String UPDATE_IF_VERSION = SET + " AND version = ? RETURNING " + READ;
    private static final String DELETE = "DELETE FROM users WHERE id = ?";
    private static final String DELETE_IF_VERSION = "DELETE FROM users WHERE id = ? AND version = ?";
    private static final String BY_ID = "SELECT " + READ + " FROM users WHERE id = ?";
    private static final String EXISTS_BY_EMAIL = "SELECT 1 FROM users WHERE email = ?";
    private static final String BY_EMAIL = "SELECT " + READ + " FROM users WHERE email = ?";
    // a re-hash or a role is not a change of the user's fields: the version (the ETag) stays
    private static final String REPLACE_HASH = "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?";
    private static final String SET_ROLE = "UPDATE users SET role = ? WHERE id = ?";
    private static final String PAGE = "SELECT c.n, u.id, u.name, u.email, u.password_hash, u.role, "
            + "u.created_at_ms, u.version FROM user_count c LEFT JOIN (SELECT " + READ + ", seq FROM users "
            + "ORDER BY created_at_ms, seq LIMIT ? OFFSET ?) u ON 1 = 1 ORDER BY u.created_at_ms, u.seq";
    private static final String PROBE = "SELECT n FROM user_count";

    private final Database database;

    /** On the database given, which this repository closes (the tokens' repository shares it, closing nothing). */
    public JdbcUserRepository(Database database) {
        this.database = database;
    }

    /**
     * A repository on a database of its own, opened and migrated as {@link Database#open(String, String, int,
     * Duration)} says; closing the repository closes it.
     */
    public static JdbcUserRepository open(String jdbcUrl, Duration timeout) {
        return new JdbcUserRepository(Database.open(jdbcUrl, timeout));
    }

    /** With a password beside the URL (or null) and a pool size (0: the database's default: 4 SQLite, 10 PostgreSQL). */
    public static JdbcUserRepository open(String jdbcUrl, String password, int poolSize, Duration timeout) {
        return new JdbcUserRepository(Database.open(jdbcUrl, password, poolSize, timeout));
    }

    /** The database the users are in, which the tokens' repository and /metrics share. */
    public Database database() {
        return database;
    }

    @Override
    public void insert(User user) {
        run(INSERT, insert -> {
            insert.setObject(1, user.id());
            insert.setString(2, user.name());
            insert.setString(3, user.email());
            insert.setString(4, user.passwordHash());
            insert.setString(5, user.role().label());
            insert.setLong(6, user.createdAt().toEpochMilli());
            return insert.executeUpdate();
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
        Optional<User> updated = run(expectedVersion.isPresent() ? UPDATE_IF_VERSION : UPDATE, update -> {
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
        boolean deleted = run(expectedVersion.isPresent() ? DELETE_IF_VERSION : DELETE, delete -> {
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
        return run(BY_ID, byId -> {
            byId.setObject(1, id);
            try (ResultSet rows = byId.executeQuery()) {
                return rows.next() ? Optional.of(user(rows, 1)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean existsByEmail(String email) {
        return run(EXISTS_BY_EMAIL, byEmail -> {
            byEmail.setString(1, email);
            try (ResultSet rows = byEmail.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return run(BY_EMAIL, byEmail -> {
            byEmail.setString(1, email);
            try (ResultSet rows = byEmail.executeQuery()) {
                return rows.next() ? Optional.of(user(rows, 1)) : Optional.empty();
            }
        });
    }

    /** Compare-and-set in one UPDATE: the WHERE sees the latest row under the write lock. */
    @Override
    public boolean replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return run(REPLACE_HASH, replace -> {
            replace.setString(1, newHash);
            replace.setObject(2, id);
            replace.setString(3, expectedHash);
            return replace.executeUpdate() == 1;
        });
    }

    @Override
    public boolean setRole(UUID id, Role role) {
        return run(SET_ROLE, setRole -> {
            setRole.setString(1, role.label());
            setRole.setObject(2, id);
            return setRole.executeUpdate() == 1;
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
        return run(PAGE, page -> {
            page.setInt(1, limit);
            page.setInt(2, offset);
            List<User> items = new ArrayList<>();
            long total = 0;
            try (ResultSet rows = page.executeQuery()) {
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
            return run(PROBE, probe -> {
                try (ResultSet rows = probe.executeQuery()) {
                    return rows.next();
                }
            });
        } catch (StorageUnavailable e) {
            return false;
        }
    }

    /** Closes the database; SQLite checkpoints its WAL into the database file as the last connection closes. */
    @Override
    public void close() {
        database.close();
    }

    /** One statement of ours: a refusal by the e-mail's unique constraint is the client's, any other failure not. */
    private <T> T run(String sql, Database.Work<T> work) {
        return database.run(sql, work, JdbcUserRepository::emailTaken);
    }

    /**
     * V1's constraint users_email_unique, as each database names it when it refuses a row: SQLite by its column,
     * PostgreSQL by its name. A colliding id (users_id_unique) is a failure of the store, never the client's fault.
     */
    private static RuntimeException emailTaken(SQLException violation) {
        String message = String.valueOf(violation.getMessage());
        boolean email = message.contains("users.email") || message.contains("users_email_unique");
        return email ? new EmailAlreadyRegistered() : null;
    }

    /** The seven user columns of READ from the given column on, read by position. */
    static User user(ResultSet row, int first) throws SQLException {
        return new User(UUID.fromString(row.getString(first)), row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), Role.ofLabel(row.getString(first + 4)), Instant.ofEpochMilli(row.getLong(first + 5)),
                row.getLong(first + 6));
    }
}
