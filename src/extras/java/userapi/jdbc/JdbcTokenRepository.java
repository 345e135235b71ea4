package userapi.jdbc;

import userapi.auth.TokenRepository;

import userapi.auth.StoredToken;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tokens in the users' SQL database (table tokens, schema V4), the tokens' statements run by the {@link Database}
 * they share with JdbcUserRepository: the same statements on SQLite and PostgreSQL, so a token issued by one
 * instance works on every instance of one PostgreSQL, and a logout on one is seen by all at once. Each method is one
 * statement in auto-commit on an index (the token's hash, its user, its expiry); any database failure is
 * StorageUnavailable. The database is the users' repository's to close.
 */
public final class JdbcTokenRepository implements TokenRepository {
    private static final String INSERT =
            "INSERT INTO tokens (token_hash, user_id, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)";
    private static final String FIND_VALID =
            "SELECT user_id, created_at_ms, expires_at_ms FROM tokens WHERE token_hash = ? AND expires_at_ms > ?";
    private static final String DELETE = "DELETE FROM tokens WHERE token_hash = ?";
    private static final String DELETE_ALL_OF = "DELETE FROM tokens WHERE user_id = ? AND token_hash <> ?";
    /**
     * One statement, so parallel logins cannot each keep a different newest set and leave more than keep: the
     * user's tokens but the kept one and the newest valid others, in StoredToken.NEWEST_FIRST's order.
     */
    private static final String DELETE_ALL_BUT_NEWEST_OF = "DELETE FROM tokens WHERE user_id = ? AND token_hash <> ? "
            + "AND token_hash NOT IN (SELECT token_hash FROM tokens WHERE user_id = ? AND token_hash <> ? "
            + "AND expires_at_ms > ? ORDER BY created_at_ms DESC, token_hash LIMIT ?)";
    /** On the index tokens_by_user; the order is StoredToken.NEWEST_FIRST's. */
    private static final String FIND_VALID_OF = "SELECT token_hash, created_at_ms, expires_at_ms FROM tokens "
            + "WHERE user_id = ? AND expires_at_ms > ? ORDER BY created_at_ms DESC, token_hash";
    private static final String DELETE_OF = "DELETE FROM tokens WHERE token_hash = ? AND user_id = ?";
    private static final String DELETE_EXPIRED = "DELETE FROM tokens WHERE expires_at_ms <= ?";

    private final Database database;

    public JdbcTokenRepository(Database database) {
        this.database = database;
    }

    /** A token of a user deleted at this very moment fails on the foreign key: 503, and nothing is stored. */
    @Override
    public void insert(StoredToken token) {
        database.run(INSERT, insert -> {
            insert.setString(1, token.hash());
            insert.setObject(2, token.userId());
            insert.setLong(3, token.createdAt().toEpochMilli());
            insert.setLong(4, token.expiresAt().toEpochMilli());
            return insert.executeUpdate();
        });
    }

    @Override
    public Optional<StoredToken> findValid(String hash, Instant now) {
        return database.run(FIND_VALID, find -> {
            find.setString(1, hash);
            find.setLong(2, now.toEpochMilli());
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.of(new StoredToken(hash, UUID.fromString(rows.getString(1)),
                        Instant.ofEpochMilli(rows.getLong(2)), Instant.ofEpochMilli(rows.getLong(3))))
                        : Optional.empty();
            }
        });
    }

    @Override
    public boolean delete(String hash) {
        return database.run(DELETE, delete -> {
            delete.setString(1, hash);
            return delete.executeUpdate() == 1;
        });
    }

    @Override
    public int deleteAllOf(UUID userId, String keepHash) {
        return database.run(DELETE_ALL_OF, delete -> {
            delete.setObject(1, userId);
            delete.setString(2, keepHash == null ? "" : keepHash); // no hash is empty: "" keeps none
            return delete.executeUpdate();
        });
    }

    @Override
    public int deleteAllButNewestOf(UUID userId, String keepHash, int keep, Instant now) {
        return database.run(DELETE_ALL_BUT_NEWEST_OF, delete -> {
            delete.setObject(1, userId);
            delete.setString(2, keepHash);
            delete.setObject(3, userId);
            delete.setString(4, keepHash);
            delete.setLong(5, now.toEpochMilli());
            delete.setInt(6, Math.max(0, keep - 1));
            return delete.executeUpdate();
        });
    }

    @Override
    public List<StoredToken> findValidOf(UUID userId, Instant now) {
        return database.run(FIND_VALID_OF, find -> {
            find.setObject(1, userId);
            find.setLong(2, now.toEpochMilli());
            List<StoredToken> found = new ArrayList<>();
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    found.add(new StoredToken(rows.getString(1), userId, Instant.ofEpochMilli(rows.getLong(2)),
                            Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
            return found;
        });
    }

    /**
     * The handle is computed from the hash, not stored: the user's valid tokens are read (a user has few), the one
     * with this handle deleted by its hash. Two statements, no transaction: a token deleted in between is gone
     * either way, and this answers false.
     */
    @Override
    public boolean deleteOf(UUID userId, String handle, Instant now) {
        for (StoredToken token : findValidOf(userId, now)) {
            if (token.handle().equals(handle)) {
                return database.run(DELETE_OF, delete -> {
                    delete.setString(1, token.hash());
                    delete.setObject(2, userId);
                    return delete.executeUpdate() == 1;
                });
            }
        }
        return false;
    }

    @Override
    public int deleteExpired(Instant now) {
        return database.run(DELETE_EXPIRED, delete -> {
            delete.setLong(1, now.toEpochMilli());
            return delete.executeUpdate();
        });
    }
}
