package userapi.jdbc;

import userapi.auth.TokenRepository;

import userapi.auth.StoredToken;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Tokens in the users' SQL database (table tokens, schema V4), through the pool and migrations of its
 * JdbcUserRepository: the same statements on SQLite and PostgreSQL, so a token issued by one instance works on
 * every instance of one PostgreSQL, and a logout on one is seen by all at once. Each method is one statement in
 * auto-commit on an index (the token's hash, its user, its expiry); any database failure is StorageUnavailable.
 */
public final class JdbcTokenRepository implements TokenRepository {
    private final JdbcUserRepository users;

    public JdbcTokenRepository(JdbcUserRepository users) {
        this.users = users;
    }

    /** A token of a user deleted at this very moment fails on the foreign key: 503, and nothing is stored. */
    @Override
    public void insert(StoredToken token) {
        run("INSERT INTO tokens (token_hash, user_id, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)", statement -> {
            statement.setString(1, token.hash());
            statement.setObject(2, token.userId());
            statement.setLong(3, token.createdAt().toEpochMilli());
            statement.setLong(4, token.expiresAt().toEpochMilli());
            return statement.executeUpdate();
        });
    }

    @Override
    public Optional<StoredToken> findValid(String hash, Instant now) {
        return run("SELECT user_id, created_at_ms, expires_at_ms FROM tokens WHERE token_hash = ? AND expires_at_ms > ?",
                statement -> {
                    statement.setString(1, hash);
                    statement.setLong(2, now.toEpochMilli());
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(new StoredToken(hash, UUID.fromString(rows.getString(1)),
                                Instant.ofEpochMilli(rows.getLong(2)), Instant.ofEpochMilli(rows.getLong(3))))
                                : Optional.empty();
                    }
                });
    }

    @Override
    public boolean delete(String hash) {
        return run("DELETE FROM tokens WHERE token_hash = ?", statement -> {
            statement.setString(1, hash);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public int deleteAllOf(UUID userId, String keepHash) {
        return run("DELETE FROM tokens WHERE user_id = ? AND token_hash <> ?", statement -> {
            statement.setObject(1, userId);
            statement.setString(2, keepHash == null ? "" : keepHash); // no hash is empty: "" keeps none
            return statement.executeUpdate();
        });
    }

    @Override
    public int deleteExpired(Instant now) {
        return run("DELETE FROM tokens WHERE expires_at_ms <= ?", statement -> {
            statement.setLong(1, now.toEpochMilli());
            return statement.executeUpdate();
        });
    }

    /** On the users' pool, prepared once per connection; a database failure becomes StorageUnavailable. */
    private <T> T run(String sql, JdbcUserRepository.StatementWork<T> work) {
        return users.withStatement(sql, work);
    }
}
