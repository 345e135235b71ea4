package userapi.jdbc;

import userapi.auth.StoredToken;
import userapi.auth.TokenOwner;
import userapi.auth.TokenOwners;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * A token's owner and their account's standing in one statement, one round trip: the token by its hash (primary
 * key), joined to its user (primary key), with whether the present address is verified and whether an admin has
 * disabled the account (primary keys of verified_emails and disabled_users). The same statement on SQLite and
 * PostgreSQL, in auto-commit; nothing is kept, so every instance of one PostgreSQL sees a logout, a demotion, a
 * disable or a deletion on its very next request. The database is the users' repository's to close.
 */
public final class JdbcTokenOwners implements TokenOwners {
    private static final String FIND = "SELECT t.created_at_ms, t.expires_at_ms, "
            + "u.id, u.name, u.email, u.password_hash, u.role, u.created_at_ms, u.version, "
            + "EXISTS (SELECT 1 FROM verified_emails v WHERE v.user_id = u.id AND v.email = u.email), "
            + "EXISTS (SELECT 1 FROM disabled_users d WHERE d.user_id = u.id) "
            + "FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.expires_at_ms > ?";

    private final Database database;

    public JdbcTokenOwners(Database database) {
        this.database = database;
    }

    @Override
    public Optional<TokenOwner> find(String tokenHash, Instant now) {
        return database.run(FIND, find -> {
            find.setString(1, tokenHash);
            find.setLong(2, now.toEpochMilli());
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                var user = JdbcUserRepository.user(row, 3);
                StoredToken token = new StoredToken(tokenHash, user.id(), Instant.ofEpochMilli(row.getLong(1)),
                        Instant.ofEpochMilli(row.getLong(2)));
                return Optional.of(new TokenOwner(token, user, row.getBoolean(10), row.getBoolean(11)));
            }
        });
    }
}
