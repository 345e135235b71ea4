package userapi.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Brings the schema up to date from the versioned files in db/&lt;dialect&gt;/ (V1__create_users.sql, ...):
 * every missing version in order, all in one transaction, each recorded in schema_version with the SHA-256 of
 * its file. A later change is a new file plus one line in {@link #VERSIONS}; a file that has been applied is
 * never edited, and a server whose copy differs from the recorded checksum refuses the database.
 * <p>
 * An older server on a newer schema refuses it too ({@link NewerSchema}), even when the newer versions only
 * added things: it cannot know the rules of columns and triggers it has never seen (a NOT NULL without a default,
 * a row a trigger must keep in step), so writing beside them could break them. Upgrade every server instead.
 */
final class SchemaMigrations {
    record Migration(int version, String name) {
        String file() {
            return "V" + version + "__" + name + ".sql";
        }

        String resource(Dialect dialect) {
            return "/db/" + dialect.folder() + "/" + file();
        }
    }

    static final List<Migration> VERSIONS = List.of(
            new Migration(1, "create_users"),
            new Migration(2, "count_users"),
            new Migration(3, "add_user_version"),
            new Migration(4, "tokens_and_roles"),
            new Migration(5, "account_recovery"),
            new Migration(6, "login_failures"),
            new Migration(7, "disabled_users"),
            new Migration(8, "audit_events"),
            new Migration(9, "user_list_indexes"));

    /** The database was migrated by a newer server than this one. */
    static final class NewerSchema extends SQLException {
        NewerSchema(int found, int known) {
            super("the database has schema version " + found + " but this server knows only up to " + known
                    + ": run a newer server");
        }
    }

    /** A schema file was changed after it had been applied to this database. */
    static final class EditedMigration extends SQLException {
        EditedMigration(String file, String recorded, String now) {
            super("schema file " + file + " was edited after it was applied to this database (sha-256 recorded "
                    + recorded + ", now " + now + "): restore the file and put the change in a new version");
        }
    }

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    private static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER      NOT NULL PRIMARY KEY,
                name       VARCHAR(200) NOT NULL,
                applied_at VARCHAR(40)  NOT NULL,
                checksum   VARCHAR(64)
            )""";

    private SchemaMigrations() {
    }

    /**
     * Checks the applied versions against this build's files and applies the missing ones, in one transaction on
     * the given connection, which the dialect first locks against other instances migrating at the same moment.
     *
     * @return how many versions it applied: 0 when the schema was up to date
     */
    static int apply(Connection connection, Dialect dialect) throws SQLException {
        int[] fromTo = Transactions.run(connection, c -> {
            dialect.lockForMigration(c);
            try (Statement statement = c.createStatement()) {
                statement.execute(VERSION_TABLE);
                if (!hasChecksumColumn(statement)) { // recorded by a server from before checksums
                    statement.execute("ALTER TABLE schema_version ADD COLUMN checksum VARCHAR(64)");
                }
            }
            int current = check(c, dialect);
            for (Migration migration : VERSIONS) {
                if (migration.version() > current) {
                    run(c, migration, dialect);
                }
            }
            return new int[] {current, VERSIONS.getLast().version()};
        });
        if (fromTo[0] < fromTo[1]) {
            LOG.info(() -> "schema migrated from version " + fromTo[0] + " to " + fromTo[1]);
        }
        return fromTo[1] - fromTo[0];
    }

    private static boolean hasChecksumColumn(Statement statement) throws SQLException {
        try (ResultSet none = statement.executeQuery("SELECT * FROM schema_version WHERE 1 = 0")) {
            ResultSetMetaData columns = none.getMetaData();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                if (columns.getColumnName(i).toLowerCase(Locale.ROOT).equals("checksum")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @return the highest applied version, after checking it is known and that every applied file is unchanged;
     * a version recorded without a checksum (by a server from before checksums) gets the checksum of its file now.
     */
    private static int check(Connection connection, Dialect dialect) throws SQLException {
        int latest = VERSIONS.getLast().version();
        Map<Integer, String> unrecorded = new LinkedHashMap<>(); // version -> its file's checksum
        int current = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                int version = rows.getInt(1);
                current = version;
                if (version > latest) {
                    throw new NewerSchema(version, latest);
                }
                Migration migration = VERSIONS.get(version - 1);
                String recorded = rows.getString(2);
                String now = checksum(migration, dialect);
                if (recorded == null) {
                    unrecorded.put(version, now);
                } else if (!recorded.equals(now)) {
                    throw new EditedMigration(migration.file(), recorded, now);
                }
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "UPDATE schema_version SET checksum = ? WHERE version = ?")) {
            for (Map.Entry<Integer, String> version : unrecorded.entrySet()) {
                record.setString(1, version.getValue());
                record.setInt(2, version.getKey());
                record.executeUpdate();
            }
        }
        return current;
    }

    private static void run(Connection connection, Migration migration, Dialect dialect) throws SQLException {
        byte[] file = read(migration.resource(dialect));
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(new String(file, StandardCharsets.UTF_8))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_version (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)")) {
            record.setInt(1, migration.version());
            record.setString(2, migration.name());
            record.setString(3, Instant.now().toString());
            record.setString(4, checksum(file));
            record.executeUpdate();
        }
    }

    /** SHA-256 of the file's bytes, in lower-case hex: any edit, even of a comment, changes it. */
    static String checksum(Migration migration, Dialect dialect) {
        return checksum(read(migration.resource(dialect)));
    }

    private static String checksum(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
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

    private static byte[] read(String resource) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
