package userapi.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.model.Role;
import userapi.model.User;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SqliteBackup on a real database that stays open, as the server's is: the copy, its check, and what it refuses. */
class SqliteBackupTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private Path database() {
        return directory.resolve("users.db");
    }

    private JdbcUserRepository openLive() {
        return JdbcUserRepository.open("jdbc:sqlite:" + database(), TIMEOUT);
    }

    private static User user(String email) {
        return new User(UUID.randomUUID(), "Ada", email, "pbkdf2$x", Role.USER, Instant.parse("2026-01-01T00:00:00.001Z"));
    }

    /** Files in the directory other than the database's own and the native library's: what a backup left behind. */
    private List<String> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("users.db") && !name.equals(".sqlite-native"))
                    .sorted().toList();
        }
    }

    @Test
    void the_copy_of_a_database_in_use_opens_with_the_same_users_and_passes_the_integrity_check() throws Exception {
        try (JdbcUserRepository live = openLive()) {
            User ada = user("ada@example.com");
            User bob = user("bob@example.com");
            live.insert(ada);
            live.insert(bob);

            SqliteBackup.Copy copy = new SqliteBackup(database()).writeTo(directory.resolve("it's a backup.db"));

            assertEquals(2, copy.users());
            Path file = directory.resolve("it's a backup.db"); // a quote in the name: bound, never spliced into SQL
            assertEquals(Files.size(file), copy.bytes());
            assertEquals(List.of("ok"), SqliteBackup.integrityProblems(file));
            live.insert(user("carol@example.com")); // after the copy: not in it, and the live file still takes writes
            try (JdbcUserRepository restored = JdbcUserRepository.open("jdbc:sqlite:" + file, TIMEOUT)) {
                assertEquals(ada, restored.findById(ada.id()).orElseThrow());
                assertEquals(bob, restored.findByEmail("bob@example.com").orElseThrow());
                assertTrue(restored.findByEmail("carol@example.com").isEmpty());
            }
        }
        assertEquals(List.of("it's a backup.db"), leftovers(), "the temporary copy is gone");
    }

    @Test
    void an_existing_file_is_never_overwritten() throws Exception {
        try (JdbcUserRepository live = openLive()) {
            live.insert(user("ada@example.com"));
        }
        Path target = directory.resolve("backup.db");
        Files.writeString(target, "yesterday's backup", StandardCharsets.UTF_8);

        SqliteBackup.Failed refused = assertThrows(SqliteBackup.Failed.class,
                () -> new SqliteBackup(database()).writeTo(target));

        assertEquals(target + " already exists: a backup never overwrites a file; name a new one", refused.getMessage());
        assertEquals("yesterday's backup", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("backup.db"), leftovers());
    }

    @Test
    void a_missing_directory_or_database_is_one_line_and_writes_nothing() throws Exception {
        SqliteBackup.Failed noDatabase = assertThrows(SqliteBackup.Failed.class,
                () -> new SqliteBackup(database()).writeTo(directory.resolve("backup.db")));
        assertTrue(noDatabase.getMessage().startsWith("there is no database at "), noDatabase.getMessage());

        try (JdbcUserRepository live = openLive()) {
            live.insert(user("ada@example.com"));
        }
        SqliteBackup.Failed noDirectory = assertThrows(SqliteBackup.Failed.class,
                () -> new SqliteBackup(database()).writeTo(directory.resolve("nowhere").resolve("backup.db")));
        assertEquals("there is no directory " + directory.resolve("nowhere") + " for "
                + directory.resolve("nowhere").resolve("backup.db") + ": create it first", noDirectory.getMessage());
        assertFalse(noDirectory.getMessage().contains("\n"));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void a_copy_that_fails_the_integrity_check_is_refused_and_removed() throws Exception {
        try (JdbcUserRepository live = openLive()) {
            live.insert(user("ada@example.com"));
        }
        // An index whose definition no longer matches its entries: the file opens and reads, only the check sees it.
        SqliteBackup corrupting = new SqliteBackup(database(), copy -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE numbers (n INTEGER)");
                statement.execute("CREATE INDEX numbers_n ON numbers (n)");
                statement.execute("INSERT INTO numbers VALUES (1), (2), (3)");
                statement.execute("PRAGMA writable_schema = ON");
                statement.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX numbers_n ON numbers (n + 1)' "
                        + "WHERE name = 'numbers_n'");
            }
        });

        SqliteBackup.Failed refused = assertThrows(SqliteBackup.Failed.class,
                () -> corrupting.writeTo(directory.resolve("backup.db")));

        assertTrue(refused.getMessage().startsWith("the copy failed PRAGMA integrity_check ("), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        assertEquals(List.of(), leftovers(), "neither the target nor the temporary copy is left");
    }

    @Test
    void a_file_without_a_users_table_is_not_backed_up() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }

        SqliteBackup.Failed refused = assertThrows(SqliteBackup.Failed.class,
                () -> new SqliteBackup(database()).writeTo(directory.resolve("backup.db")));

        assertEquals(database() + " is not a userapi database (it has no users table)", refused.getMessage());
        assertEquals(List.of(), leftovers());
    }
}
