package userapi.jdbc;

import userapi.account.DisabledAccounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Disabled accounts in the users' SQL database (table disabled_users, schema V7), run by the {@link Database}
 * shared with JdbcUserRepository; the same SQL on SQLite and PostgreSQL. Disable and demote are each one
 * transaction that first locks the one row of last_admin_lock (PostgreSQL's row lock, held to commit; on SQLite the
 * file's write lock), then counts the other admins who are not disabled: two such changes at once, from any
 * instance, run one after the other, and the second counts what the first committed. Enable and isDisabled are one
 * statement each. Any database failure is StorageUnavailable. The database is the users' repository's to close.
 */
public final class JdbcDisabledAccounts implements DisabledAccounts {
    /** A write that changes nothing, to hold the lock until commit; it comes first, before anything is read. */
    private static final String LOCK = "UPDATE last_admin_lock SET id = id WHERE id = 1";
    /** The user's role, and whether they are disabled; no row: no such user. */
    private static final String FIND = "SELECT u.role, d.user_id FROM users u "
            + "LEFT JOIN disabled_users d ON d.user_id = u.id WHERE u.id = ?";
    private static final String OTHER_ACTIVE_ADMINS = "SELECT COUNT(*) FROM users u WHERE u.role = 'admin' "
            + "AND u.id <> ? AND NOT EXISTS (SELECT 1 FROM disabled_users d WHERE d.user_id = u.id)";
    private static final String DISABLE = "INSERT INTO disabled_users (user_id, disabled_at_ms) VALUES (?, ?)";
    private static final String DEMOTE = "UPDATE users SET role = 'user' WHERE id = ?";
    private static final String ENABLE = "DELETE FROM disabled_users WHERE user_id = ?";
    private static final String EXISTS = "SELECT 1 FROM users WHERE id = ?";
    private static final String IS_DISABLED = "SELECT 1 FROM disabled_users WHERE user_id = ?";

    private final Database database;

    public JdbcDisabledAccounts(Database database) {
        this.database = database;
    }

    @Override
    public Outcome disable(UUID userId, Instant at) {
        return database.inTransaction(statements -> {
            statements.prepared(LOCK).executeUpdate();
            Found found = find(statements.prepared(FIND), userId);
            if (found == null) {
                return Outcome.NO_SUCH_USER;
            }
            if (found.disabled()) {
                return Outcome.UNCHANGED;
            }
            if (found.admin() && otherActiveAdmins(statements.prepared(OTHER_ACTIVE_ADMINS), userId) == 0) {
                return Outcome.LAST_ADMIN;
            }
            PreparedStatement disable = statements.prepared(DISABLE);
            disable.setObject(1, userId);
            disable.setLong(2, at.toEpochMilli());
            disable.executeUpdate();
            return Outcome.CHANGED;
        });
    }

    @Override
    public Outcome demote(UUID userId) {
        return database.inTransaction(statements -> {
            statements.prepared(LOCK).executeUpdate();
            Found found = find(statements.prepared(FIND), userId);
            if (found == null) {
                return Outcome.NO_SUCH_USER;
            }
            if (!found.admin()) {
                return Outcome.UNCHANGED;
            }
            if (!found.disabled() && otherActiveAdmins(statements.prepared(OTHER_ACTIVE_ADMINS), userId) == 0) {
                return Outcome.LAST_ADMIN;
            }
            PreparedStatement demote = statements.prepared(DEMOTE);
            demote.setObject(1, userId);
            return demote.executeUpdate() == 1 ? Outcome.CHANGED : Outcome.NO_SUCH_USER;
        });
    }

    /** The mark goes in one statement; only when there was none is the user looked for, to tell why. */
    @Override
    public Outcome enable(UUID userId) {
        boolean removed = database.run(ENABLE, enable -> {
            enable.setObject(1, userId);
            return enable.executeUpdate() == 1;
        });
        if (removed) {
            return Outcome.CHANGED;
        }
        return database.run(EXISTS, exists -> {
            exists.setObject(1, userId);
            try (ResultSet rows = exists.executeQuery()) {
                return rows.next() ? Outcome.UNCHANGED : Outcome.NO_SUCH_USER;
            }
        });
    }

    @Override
    public boolean isDisabled(UUID userId) {
        return database.run(IS_DISABLED, find -> {
            find.setObject(1, userId);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next();
            }
        });
    }

    /** A user's role and mark, as read under the lock. */
    private record Found(boolean admin, boolean disabled) {
    }

    private static Found find(PreparedStatement find, UUID userId) throws SQLException {
        find.setObject(1, userId);
        try (ResultSet rows = find.executeQuery()) {
            return rows.next() ? new Found("admin".equals(rows.getString(1)), rows.getString(2) != null) : null;
        }
    }

    private static long otherActiveAdmins(PreparedStatement count, UUID userId) throws SQLException {
        count.setObject(1, userId);
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
