package userapi.production;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.RunningJar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar user-api.jar backup FILE} as an operator runs it beside a running server: a backup taken under
 * write load, restored the documented way, holds every write acknowledged before it began; and its one-line refusals.
 */
class BackupCommandTest {
    private static final int WRITERS = 4;

    @TempDir
    Path directory;

    private Map.Entry<Integer, String> run(Map<String, String> environment, String... args) throws Exception {
        return RunningJar.runUntilExit(directory, environment, Arrays.asList(args));
    }

    private static void assertOneLine(Map.Entry<Integer, String> run) {
        assertEquals(1, run.getValue().lines().count(), run.getValue());
        assertFalse(run.getValue().contains("Exception"), run.getValue());
    }

    /** One acknowledged sign-up: its e-mail and when the 201 came back. */
    private record Acknowledged(String email, long atNanos) {
    }

    @Test
    void a_backup_taken_under_write_load_and_restored_holds_every_write_acknowledged_before_it_began() throws Exception {
        Path data = directory.resolve("data");
        Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        long backupStarted;
        Map.Entry<Integer, String> backup;
        AtomicBoolean writing = new AtomicBoolean(true);
        try (RunningJar app = RunningJar.start(directory, Map.of());
             ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                running.add(writers.submit(() -> {
                    while (writing.get()) {
                        String email = "user" + next.incrementAndGet() + "@example.com";
                        int status = app.post("/users", app.userJson("User", email, "correct horse")).status();
                        if (status == 201) {
                            acknowledged.add(new Acknowledged(email, System.nanoTime()));
                        }
                    }
                    return null;
                }));
            }
            awaitAcknowledged(acknowledged, 50, running); // load under way before the backup

            backupStarted = System.nanoTime();
            backup = run(Map.of(), "backup", "backup.db");
            int duringBackup = acknowledged.size();
            awaitAcknowledged(acknowledged, duringBackup + 20, running); // the server kept taking writes
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
            app.stop();
        } finally {
            writing.set(false); // else closing the writers' pool would wait for them forever
        }
        assertEquals(0, backup.getKey(), backup.getValue());
        assertOneLine(backup);
        assertTrue(backup.getValue().startsWith("backed up data/users.db to backup.db: "), backup.getValue());
        assertTrue(backup.getValue().strip().endsWith(" bytes, integrity_check ok"), backup.getValue());

        // Restore as the README says: server stopped, the file replaced, its -wal and -shm removed, server started.
        Files.move(directory.resolve("backup.db"), data.resolve("users.db"), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(data.resolve("users.db-wal"));
        Files.deleteIfExists(data.resolve("users.db-shm"));
        List<String> beforeBackup = acknowledged.stream().filter(write -> write.atNanos() < backupStarted)
                .map(Acknowledged::email).toList();
        assertTrue(beforeBackup.size() >= 50, "writes acknowledged before the backup: " + beforeBackup.size());
        try (RunningJar restored = RunningJar.start(directory, Map.of())) {
            List<String> missing = new ArrayList<>();
            for (String email : beforeBackup) {
                // a taken e-mail answers 409: the user is in the restored file
                int status = restored.post("/users", restored.userJson("Again", email, "correct horse")).status();
                if (status != 409) {
                    missing.add(email + " (" + status + ")");
                }
            }
            assertEquals(List.of(), missing, "acknowledged before the backup began, missing after the restore");
            assertTrue(acknowledged.size() > beforeBackup.size(), "writes went on while and after it ran");
        }
    }

    /** Waits until that many writes were acknowledged; fails at once if a writer failed. */
    private static void awaitAcknowledged(Queue<Acknowledged> acknowledged, int count, List<Future<?>> writers)
            throws Exception {
        while (acknowledged.size() < count) {
            for (Future<?> writer : writers) {
                if (writer.isDone()) {
                    writer.get();
                }
            }
            Thread.sleep(20);
        }
    }

    @Test
    void an_existing_file_is_refused_with_exit_1_and_one_line() throws Exception {
        try (RunningJar app = RunningJar.start(directory, Map.of())) {
            app.createUserId("Ada", "ada@example.com");
            Files.writeString(directory.resolve("backup.db"), "yesterday's", StandardCharsets.UTF_8);

            Map.Entry<Integer, String> run = run(Map.of(), "backup", "backup.db");

            assertEquals(1, run.getKey());
            assertEquals("userapi: backup.db already exists: a backup never overwrites a file; name a new one\n",
                    run.getValue());
            assertEquals("yesterday's", Files.readString(directory.resolve("backup.db"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_missing_directory_is_refused_with_exit_1_and_one_line() throws Exception {
        try (RunningJar app = RunningJar.start(directory, Map.of())) {
            app.createUserId("Ada", "ada@example.com");

            Map.Entry<Integer, String> run = run(Map.of(), "backup", "nowhere/backup.db");

            assertEquals(1, run.getKey());
            assertOneLine(run);
            assertTrue(run.getValue().startsWith("userapi: there is no directory "), run.getValue());
            assertFalse(Files.exists(directory.resolve("nowhere")));
        }
    }

    @Test
    void postgresql_is_told_to_use_pg_dump_with_exit_2() throws Exception {
        Map.Entry<Integer, String> run = run(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/users?user=u"),
                "backup", "backup.sql");

        assertEquals(2, run.getKey());
        assertOneLine(run);
        assertTrue(run.getValue().contains("pg_dump"), run.getValue());
    }

    @Test
    void database_url_memory_exits_2() throws Exception {
        Map.Entry<Integer, String> run = run(Map.of("DATABASE_URL", "memory"), "backup", "backup.db");

        assertEquals(2, run.getKey());
        assertOneLine(run);
        assertTrue(run.getValue().startsWith("userapi: DATABASE_URL=memory"), run.getValue());
        assertFalse(Files.exists(directory.resolve("backup.db")));
    }
}
