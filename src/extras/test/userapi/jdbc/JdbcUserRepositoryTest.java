package userapi.jdbc;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.exception.StorageUnavailable;
import userapi.model.Role;
import userapi.model.User;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JdbcUserRepository on SQLite beyond the contract: durability settings, schema versions, unusable files. */
class JdbcUserRepositoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private String url() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }

    private static User user(String email) {
        return new User(UUID.randomUUID(), "Ada", email, "pbkdf2$x", Role.USER, Instant.parse("2026-01-01T00:00:00.001Z"));
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void execute(String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    @Test
    void sqlite_connections_use_wal_full_sync_and_a_busy_timeout() throws SQLException {
        HikariConfig pool = Dialect.SQLITE.poolConfig(url(), null, 0, TIMEOUT);
        try (Connection connection = DriverManager.getConnection(url(), pool.getDataSourceProperties());
             Statement statement = connection.createStatement()) {
            assertEquals("wal", pragma(statement, "journal_mode"));
            assertEquals("2", pragma(statement, "synchronous")); // 2 = FULL: the WAL is synced on every commit
            assertEquals(String.valueOf(Dialect.BUSY_TIMEOUT.toMillis()), pragma(statement, "busy_timeout"));
        }
    }

    private static String pragma(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void creates_the_directory_of_the_database_file() {
        Path file = directory.resolve("nested/deeper/users.db");
        try (JdbcUserRepository repository = JdbcUserRepository.open("jdbc:sqlite:" + file, TIMEOUT)) {
            repository.insert(user("ada@example.com"));
        }
        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void applies_every_version_once_with_the_checksum_of_its_file_and_keeps_users_across_reopening() throws SQLException {
        User ada = user("ada@example.com");
        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            repository.insert(ada);
        }
        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            assertEquals(ada, repository.findById(ada.id()).orElseThrow());
        }
        assertEquals(String.valueOf(SchemaMigrations.VERSIONS.size()), query("SELECT COUNT(*) FROM schema_version"));
        for (SchemaMigrations.Migration migration : SchemaMigrations.VERSIONS) {
            assertEquals(migration.name(), query("SELECT name FROM schema_version WHERE version = " + migration.version()));
            String checksum = query("SELECT checksum FROM schema_version WHERE version = " + migration.version());
            assertEquals(SchemaMigrations.checksum(migration, Dialect.SQLITE), checksum);
            assertTrue(checksum.matches("[0-9a-f]{64}"), checksum);
        }
    }

    @Test
    void the_schema_is_migrated_at_open_and_never_by_a_request() throws SQLException {
        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            execute("DROP TABLE schema_version"); // a request that checked or migrated would bring it back

            repository.insert(user("ada@example.com"));
            repository.findById(UUID.randomUUID());
            repository.existsByEmail("ada@example.com");
            repository.list(10, 0);
            assertTrue(repository.reachable());

            assertEquals("0", query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'"));
        }
    }

    @Test
    void a_schema_file_edited_after_it_was_applied_stops_the_start() throws SQLException {
        JdbcUserRepository.open(url(), TIMEOUT).close();
        String edited = "0".repeat(64); // what the file's checksum was when it was applied, before someone edited it
        execute("UPDATE schema_version SET checksum = '" + edited + "' WHERE version = 1");

        Database.CannotOpen failure = assertThrows(Database.CannotOpen.class,
                () -> JdbcUserRepository.open(url(), TIMEOUT));

        assertEquals("schema file V1__create_users.sql was edited after it was applied to this database (sha-256 "
                + "recorded " + edited + ", now " + SchemaMigrations.checksum(SchemaMigrations.VERSIONS.getFirst(),
                Dialect.SQLITE) + "): restore the file and put the change in a new version", failure.getMessage());
    }

    /** A file from the build before checksums and the user counter: version 1 recorded without a checksum. */
    @Test
    void a_database_of_an_earlier_build_is_upgraded_with_its_users_counted_and_its_checksums_recorded() throws SQLException {
        execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                        + "applied_at VARCHAR(40) NOT NULL)",
                "INSERT INTO schema_version VALUES (1, 'create_users', '2026-01-01T00:00:00Z')");
        for (String sql : SchemaMigrations.statements(resource("/db/sqlite/V1__create_users.sql"))) {
            execute(sql);
        }
        execute("INSERT INTO users (id, name, email, password_hash, created_at_ms) VALUES "
                + "('" + UUID.randomUUID() + "', 'Ada', 'ada@example.com', 'pbkdf2$x', 1), "
                + "('" + UUID.randomUUID() + "', 'Bob', 'bob@example.com', 'pbkdf2$y', 2)");

        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            assertEquals(2, repository.list(10, 0).total());
            repository.insert(user("cy@example.com"));
            assertEquals(3, repository.list(10, 0).total());
        }
        assertEquals(SchemaMigrations.checksum(SchemaMigrations.VERSIONS.getFirst(), Dialect.SQLITE),
                query("SELECT checksum FROM schema_version WHERE version = 1"));
    }

    private static String resource(String name) {
        try (var in = JdbcUserRepositoryTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Another process (a second server, a command-line tool) writing the same file: the total stays right. */
    @Test
    void the_total_counts_users_that_another_process_inserted_or_deleted() throws SQLException {
        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            repository.insert(user("ada@example.com"));
            assertEquals(1, repository.list(10, 0).total());

            execute("INSERT INTO users (id, name, email, password_hash, created_at_ms) VALUES "
                    + "('" + UUID.randomUUID() + "', 'Bob', 'bob@example.com', 'pbkdf2$y', 2), "
                    + "('" + UUID.randomUUID() + "', 'Cy', 'cy@example.com', 'pbkdf2$z', 3)");
            assertEquals(3, repository.list(10, 0).total());

            execute("DELETE FROM users WHERE email = 'ada@example.com'");
            assertEquals(2, repository.list(10, 0).total());
            assertEquals(2, repository.list(10, 0).items().size());
        }
    }

    @Test
    void closing_checkpoints_the_write_ahead_log_into_the_database_file() throws Exception {
        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            repository.insert(user("ada@example.com"));
            assertTrue(Files.size(directory.resolve("users.db-wal")) > 0);
        }
        assertFalse(Files.exists(directory.resolve("users.db-wal")));
        assertEquals("ok", query("PRAGMA integrity_check"));
    }

    @Test
    void a_file_that_is_not_a_database_stops_the_start_with_a_clear_message() throws Exception {
        Files.writeString(directory.resolve("users.db"), "these are not the bytes of a SQLite database ".repeat(50),
                StandardCharsets.UTF_8);

        Database.CannotOpen failure = assertThrows(Database.CannotOpen.class,
                () -> JdbcUserRepository.open(url(), TIMEOUT));

        assertEquals(directory.resolve("users.db") + " is not a usable SQLite database (File opened that is not a "
                + "database file): move it away or restore a backup", failure.getMessage());
    }

    @Test
    void a_file_locked_by_another_process_stops_the_start_with_a_clear_message() throws Exception {
        try (Connection other = DriverManager.getConnection(url());
             Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE held (x INTEGER)");
            other.setAutoCommit(false);
            statement.execute("INSERT INTO held VALUES (1)"); // holds the write lock until commit, as a sqlite3 shell can

            Database.CannotOpen failure = assertThrows(Database.CannotOpen.class,
                    () -> JdbcUserRepository.open(url() + "?busy_timeout=100", TIMEOUT));

            assertEquals(directory.resolve("users.db") + " is locked by another process: stop that process or set "
                    + "DATABASE_URL to another file", failure.getMessage());
        }
    }

    @Test
    void a_wal_database_whose_write_lock_another_process_holds_stops_the_start() throws Exception {
        JdbcUserRepository.open(url(), TIMEOUT).close(); // a database this server made: WAL, schema version 1
        try (Connection other = DriverManager.getConnection(url());
             Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("DELETE FROM users"); // a sqlite3 shell in the middle of a write transaction

            Database.CannotOpen failure = assertThrows(Database.CannotOpen.class,
                    () -> JdbcUserRepository.open(url() + "?busy_timeout=100", TIMEOUT));

            assertTrue(failure.getMessage().endsWith(" is locked by another process: stop that process or set "
                    + "DATABASE_URL to another file"), failure.getMessage());
        }
    }

    /** An older server on a newer schema refuses it, even if the new version only added a table or a column. */
    @Test
    void a_schema_newer_than_this_server_stops_the_start_and_is_left_as_it_was() throws SQLException {
        JdbcUserRepository.open(url(), TIMEOUT).close();
        int known = SchemaMigrations.VERSIONS.getLast().version();
        int newer = known + 1;
        execute("CREATE TABLE sessions (token TEXT PRIMARY KEY)", // an additive change, as a later build may make
                "INSERT INTO schema_version VALUES (" + newer + ", 'add_sessions', '2030-01-01T00:00:00Z', '"
                        + "a".repeat(64) + "')");

        Database.CannotOpen failure = assertThrows(Database.CannotOpen.class,
                () -> JdbcUserRepository.open(url(), TIMEOUT));

        assertEquals("the database has schema version " + newer + " but this server knows only up to " + known
                + ": run a newer server", failure.getMessage());
        assertEquals(String.valueOf(newer), query("SELECT MAX(version) FROM schema_version"));
    }

    @Test
    void a_closed_repository_is_unreachable_and_answers_storage_unavailable() {
        JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT);
        repository.close();

        assertFalse(repository.reachable());
        StorageUnavailable failure = assertThrows(StorageUnavailable.class, () -> repository.insert(user("a@example.com")));
        assertTrue(failure.getCause() instanceof SQLException);
        assertThrows(StorageUnavailable.class, () -> repository.list(10, 0));
        assertThrows(StorageUnavailable.class, () -> repository.findById(UUID.randomUUID()));
    }

    @Test
    void the_email_constraint_is_told_apart_from_other_unique_constraints() throws SQLException {
        try (JdbcUserRepository repository = JdbcUserRepository.open(url(), TIMEOUT)) {
            User ada = user("ada@example.com");
            repository.insert(ada);
            User sameId = new User(ada.id(), "Other", "other@example.com", "pbkdf2$y", Role.USER, ada.createdAt());

            // Not a 409 about the e-mail: a colliding id is a failure of the store, never the client's fault.
            assertThrows(StorageUnavailable.class, () -> repository.insert(sameId));
            assertEquals(0, repository.database().connectionsInUse());
        }
    }

    @Test
    void schema_files_split_into_statements_at_semicolons_that_end_a_line() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x TEXT -- trailing comment
                );

                CREATE INDEX a_x ON a (x);
                """;

        assertEquals(java.util.List.of("CREATE TABLE a (\n    x TEXT -- trailing comment\n)", "CREATE INDEX a_x ON a (x)"),
                SchemaMigrations.statements(script));
    }
}
