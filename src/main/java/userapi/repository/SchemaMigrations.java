package userapi.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the schema up to date from the versioned files in db/&lt;dialect&gt;/ (V1__create_users.sql, ...):
 * every missing version in order, all in one transaction, each recorded in schema_version. A later change is a
 * new file plus one line in {@link #VERSIONS}; a file that has been applied is never edited.
 */
final class SchemaMigrations {
    record Migration(int version, String name) {
        String resource(Dialect dialect) {
            return "/db/" + dialect.folder() + "/V" + version + "__" + name + ".sql";
        }
    }

    /** V2 is the sign-in work's (tokens, roles), on its own branch: the numbers are settled when both land. */
    static final List<Migration> VERSIONS = List.of(new Migration(1, "create_users"), new Migration(3, "add_user_version"));

    /** The database was migrated by a newer server than this one: running on it could lose data. */
    static final class NewerSchema extends SQLException {
        NewerSchema(int found, int known) {
            super("the database has schema version " + found + " but this server knows only up to " + known
                    + ": run a newer server");
        }
    }

    private static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER      NOT NULL PRIMARY KEY,
                name       VARCHAR(200) NOT NULL,
                applied_at VARCHAR(40)  NOT NULL
            )""";

    private SchemaMigrations() {
    }

    /** @return the schema version the database has now. */
    static int apply(Connection connection, Dialect dialect) throws SQLException {
        dialect.lockForMigration(connection);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(VERSION_TABLE);
            }
            int current = currentVersion(connection);
            int latest = VERSIONS.getLast().version();
            if (current > latest) {
                throw new NewerSchema(current, latest);
            }
            for (Migration migration : VERSIONS) {
                if (migration.version() > current) {
                    run(connection, migration, dialect);
                }
            }
            // Back to auto-commit commits (JDBC says so). Unlike commit(), it opens no next transaction, which
            // SQLite's driver would do at once, waiting again for the lock we are about to give up.
            connection.setAutoCommit(true);
            return latest;
        } catch (SQLException | RuntimeException e) {
            JdbcUserRepository.rollback(connection, e);
            throw e;
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1); // MAX of no rows is NULL, which getInt reads as 0
        }
    }

    private static void run(Connection connection, Migration migration, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(migration.resource(dialect)))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.name());
            record.setString(3, Instant.now().toString());
            record.executeUpdate();
        }
    }

    /** Splits a schema file into statements: each ends with ';' at the end of a line; '--' lines are comments. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
