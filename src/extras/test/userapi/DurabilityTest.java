package userapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.Reply;
import userapi.testing.RunningJar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar on its default SQLite file (data/users.db under its working directory): users survive a clean
 * stop and a SIGKILL right after the last 201, and a damaged file stops the start with one line.
 */
class DurabilityTest {
    @TempDir
    Path workingDirectory;

    private Path database() {
        return workingDirectory.resolve("data/users.db");
    }

    @Test
    void users_created_before_a_clean_stop_are_there_after_the_restart() throws Exception {
        Map<String, String> emailById = new LinkedHashMap<>();
        try (RunningJar app = RunningJar.start(workingDirectory, Map.of())) {
            for (int i = 0; i < 5; i++) {
                String email = "restart-" + i + "@example.com";
                emailById.put(app.createUserId("User " + i, email), email);
            }
            app.stop();
        }
        assertTrue(Files.isRegularFile(database()));
        // Closed cleanly: SQLite moved the write-ahead log into the database file and removed it.
        assertFalse(Files.exists(workingDirectory.resolve("data/users.db-wal")));

        try (RunningJar app = RunningJar.start(workingDirectory, Map.of())) {
            app.signInAsAdmin(); // the sixth user, the newest
            assertAllPresent(app, emailById);
            Reply list = app.get("/users?limit=5");
            assertEquals(6, list.json().get("total").asInt());
            assertEquals(List.copyOf(emailById.values()),
                    list.json().get("items").valueStream().map(item -> item.get("email").asString()).toList());
        }
    }

    @Test
    void every_acknowledged_user_survives_sigkill_right_after_its_201() throws Exception {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            try (RunningJar app = RunningJar.start(workingDirectory, Map.of())) {
                assertEquals(200, app.get("/health").status(), "the database must open cleanly after a kill");
                if (round == 0) {
                    app.signInAsAdmin();
                } else {
                    app.signIn(RunningJar.ADMIN_EMAIL, RunningJar.ADMIN_PASSWORD);
                }
                assertAllPresent(app, acknowledged);
                for (int i = 0; i < 4; i++) {
                    String email = "crash-" + round + "-" + i + "@example.com";
                    acknowledged.put(app.createUserId("Round " + round, email), email);
                }
                app.kill(); // right after the last 201: no shutdown hook, no checkpoint, the WAL is left as it is
            }
            assertTrue(Files.exists(workingDirectory.resolve("data/users.db-wal")), "killed before any clean close");
        }

        try (RunningJar app = RunningJar.start(workingDirectory, Map.of())) {
            assertEquals(200, app.get("/health").status());
            app.signIn(RunningJar.ADMIN_EMAIL, RunningJar.ADMIN_PASSWORD);
            assertAllPresent(app, acknowledged);
            assertEquals(acknowledged.size() + 1, app.get("/users").json().get("total").asInt()); // and the admin
            app.stop();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database());
             Statement statement = connection.createStatement();
             ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
            check.next();
            assertEquals("ok", check.getString(1));
        }
    }

    @Test
    void a_file_that_is_not_a_database_stops_the_start_with_one_line_and_no_stack_trace() throws Exception {
        Files.createDirectories(database().getParent());
        Files.writeString(database(), "not a database, just text ".repeat(100), StandardCharsets.UTF_8);

        Map.Entry<Integer, String> run = RunningJar.runUntilExit(workingDirectory, Map.of());

        assertEquals(1, run.getKey());
        assertTrue(run.getValue().contains("userapi: cannot start: data/users.db is not a usable SQLite database"),
                run.getValue());
        assertFalse(run.getValue().contains("\tat "), "no stack trace expected:\n" + run.getValue());
        assertFalse(run.getValue().contains("Exception"), "no exception expected:\n" + run.getValue());
    }

    private static void assertAllPresent(RunningJar app, Map<String, String> emailById) throws Exception {
        for (Map.Entry<String, String> user : emailById.entrySet()) {
            Reply reply = app.get("/users/" + user.getKey());
            assertEquals(200, reply.status(), "user " + user.getValue() + " is missing");
            assertEquals(user.getValue(), reply.json().get("email").asString());
        }
    }

    /** The driver's native library is kept beside the database, once, not extracted into java.io.tmpdir per start. */
    @Test
    void sqlites_native_library_is_written_once_beside_the_database_and_not_into_the_temporary_directory() throws Exception {
        Path tmp = Files.createDirectories(workingDirectory.resolve("tmp"));
        List<String> options = List.of("-Djava.io.tmpdir=" + tmp);
        try (RunningJar app = RunningJar.start(workingDirectory, options, Map.of())) {
            app.createUserId("Ada", "ada@example.com");
            app.stop();
        }
        Path copy;
        try (var files = Files.walk(workingDirectory.resolve("data/.sqlite-native"))) {
            copy = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(copy);

        try (RunningJar app = RunningJar.start(workingDirectory, options, Map.of())) {
            app.signIn("ada@example.com", "correct horse");
            assertEquals("ada@example.com", app.get("/users/me").json().get("email").asString());
            app.kill();
        }

        assertEquals(written, Files.getLastModifiedTime(copy), "the copy was written again");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("sqlite-")).toList());
        }
    }
}
