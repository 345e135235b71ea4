package userapi.jdbc;

import userapi.directory.UserDirectory;
import userapi.directory.UserSort;
import userapi.model.Role;
import userapi.model.User;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The admin's list in the users' SQL database, the same SQL on SQLite and PostgreSQL but for the collation: a page
 * starts right after its cursor's row on an index of V9 (creation time and id, the e-mail, name and id), so a deep
 * page costs what the first does. Text sorts by its code points (PostgreSQL: COLLATE "C"), as the in-memory list
 * does. The q filter is a substring search, which no index serves: it scans the users. The total of an unfiltered
 * list is the user_count row; a filtered one counts its matches, another scan, unless the page itself holds them all
 * (a first page shorter than its limit).
 */
public final class JdbcUserDirectory implements UserDirectory {
    private static final String COLUMNS = "u.id, u.name, u.email, u.password_hash, u.role, u.created_at_ms, u.version";

    private final Database database;
    private final String collate;

    public JdbcUserDirectory(Database database) {
        this.database = database;
        this.collate = database.isSqlite() ? "" : " COLLATE \"C\"";
    }

    @Override
    public Slice find(Filter filter, UserSort sort, Position after, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        filters(filter, where, parameters);
        boolean filtered = filter.q() != null || filter.role() != null || filter.disabled() != null;
        String countSql = !filtered ? "SELECT n FROM user_count"
                : "SELECT COUNT(*) FROM users u" + where;
        List<Object> countParameters = List.copyOf(parameters);
        if (after != null) {
            where.append(keyset(sort));
            parameters.add(sort == UserSort.CREATED_AT || sort == UserSort.CREATED_AT_DESC
                    ? Long.parseLong(after.key()) : after.key());
            if (sort != UserSort.EMAIL && sort != UserSort.EMAIL_DESC) {
                parameters.add(after.id());
            }
        }
        String pageSql = "SELECT " + COLUMNS + " FROM users u" + where + " ORDER BY " + order(sort)
                + " LIMIT ? OFFSET ?";
        parameters.add(limit);
        parameters.add(offset);
        List<User> items = database.run(pageSql, page -> {
            bind(page, parameters);
            List<User> read = new ArrayList<>();
            try (ResultSet rows = page.executeQuery()) {
                while (rows.next()) {
                    read.add(user(rows));
                }
            }
            return read;
        });
        long total;
        if (filtered && after == null && items.size() < limit && (offset == 0 || !items.isEmpty())) {
            // The page ended before its limit and was read from the first match on: it holds every match past the
            // offset, so a search that matches few users (or none) is not scanned a second time to be counted.
            total = offset + items.size();
        } else {
            total = database.run(countSql, count -> {
                bind(count, countParameters);
                try (ResultSet rows = count.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            });
        }
        return new Slice(items, total);
    }

    private static void filters(Filter filter, StringBuilder where, List<Object> parameters) {
        if (filter.q() != null) {
            String pattern = "%" + filter.q().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            where.append(" AND (lower(u.name) LIKE ? ESCAPE '!' OR u.email LIKE ? ESCAPE '!')");
            parameters.add(pattern);
            parameters.add(pattern);
        }
        if (filter.role() != null) {
            where.append(" AND u.role = ?");
            parameters.add(filter.role().label());
        }
        if (filter.disabled() != null) {
            where.append(filter.disabled() ? " AND" : " AND NOT")
                    .append(" EXISTS (SELECT 1 FROM disabled_users d WHERE d.user_id = u.id)");
        }
    }

    /** Rows after the cursor's, in the sort's direction; a row value so the index walks from there. */
    private String keyset(UserSort sort) {
        String compare = sort.descending() ? " < " : " > ";
        return switch (sort) {
            case CREATED_AT, CREATED_AT_DESC -> " AND (u.created_at_ms, u.id)" + compare + "(?, ?)";
            case EMAIL, EMAIL_DESC -> " AND u.email" + collate + compare + "?";
            case NAME, NAME_DESC -> " AND (u.name" + collate + ", u.id)" + compare + "(?, ?)";
        };
    }

    private String order(UserSort sort) {
        String direction = sort.descending() ? " DESC" : "";
        return switch (sort) {
            case CREATED_AT, CREATED_AT_DESC -> "u.created_at_ms" + direction + ", u.id" + direction;
            case EMAIL, EMAIL_DESC -> "u.email" + collate + direction;
            case NAME, NAME_DESC -> "u.name" + collate + direction + ", u.id" + direction;
        };
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(UUID.fromString(row.getString(1)), row.getString(2), row.getString(3), row.getString(4),
                Role.ofLabel(row.getString(5)), Instant.ofEpochMilli(row.getLong(6)), row.getLong(7));
    }
}
