package userapi.jdbc;

import userapi.account.AccountStanding;
import userapi.account.AccountStandings;
import userapi.model.User;

import java.sql.ResultSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The standing of accounts in one statement: for one user, or for a page of them (their ids in one IN list), whether
 * the present address is verified (verified_emails) and whether an admin disabled it (disabled_users), each on its
 * primary key. The same statements on SQLite and PostgreSQL, in auto-commit.
 */
public final class JdbcAccountStandings implements AccountStandings {
    private static final String STANDING = "EXISTS (SELECT 1 FROM verified_emails v WHERE v.user_id = u.id AND v.email = u.email), "
            + "EXISTS (SELECT 1 FROM disabled_users d WHERE d.user_id = u.id)";
    private static final String OF = "SELECT " + STANDING + " FROM users u WHERE u.id = ?";

    private final Database database;

    public JdbcAccountStandings(Database database) {
        this.database = database;
    }

    /** A user deleted meanwhile has no standing to speak of: neither verified nor disabled. */
    @Override
    public AccountStanding of(User user) {
        return database.run(OF, find -> {
            find.setObject(1, user.id());
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? new AccountStanding(row.getBoolean(1), row.getBoolean(2)) : new AccountStanding(false, false);
            }
        });
    }

    /** One statement per page size: each size's is prepared once per connection, as every statement here is. */
    @Override
    public Map<UUID, AccountStanding> ofAll(List<User> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT u.id, " + STANDING + " FROM users u WHERE u.id IN ("
                + String.join(", ", Collections.nCopies(users.size(), "?")) + ")";
        return database.run(sql, find -> {
            for (int i = 0; i < users.size(); i++) {
                find.setObject(i + 1, users.get(i).id());
            }
            Map<UUID, AccountStanding> standings = new HashMap<>();
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    standings.put(UUID.fromString(rows.getString(1)), new AccountStanding(rows.getBoolean(2), rows.getBoolean(3)));
                }
            }
            return standings;
        });
    }
}
