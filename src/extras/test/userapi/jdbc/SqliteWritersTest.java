package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.model.Role;
import userapi.model.User;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SQLite takes one writer at a time, and a writer that finds the file locked waits inside the native library,
 * holding its carrier thread. Virtual threads have as many carriers as cores: writers waiting there must not take
 * them all while the one holding the lock is parked (between two statements of its unit of work), or it could never
 * run on to commit, and every waiter would fail after the busy timeout. Writers wait in Java instead.
 */
class SqliteWritersTest {
    @TempDir
    Path directory;

    private JdbcUserRepository users;

    @AfterEach
    void close() {
        users.close();
    }

    private static User user(int n) {
        return new User(new UUID(7, n), "User " + n, "user" + n + "@example.com", "hash", Role.USER, Instant.EPOCH);
    }

    @Test
    void more_writers_than_carriers_all_commit_while_a_unit_of_work_parks_between_its_writes() throws Exception {
        int writers = 2 * Runtime.getRuntime().availableProcessors() + 1; // more than the carriers could ever hold
        users = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), null, writers + 1,
                Duration.ofSeconds(30));
        Database database = users.database();
        CountDownLatch unitHasWritten = new CountDownLatch(1);
        List<String> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> unit = threads.submit(() -> database.inUnitOfWork(() -> {
                users.insert(user(0)); // takes the file's write lock
                unitHasWritten.countDown();
                sleep(Duration.ofMillis(500)); // parks: its carrier is free for the writers to take
                users.insert(user(1));
                return null;
            }));
            unitHasWritten.await();
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = 100 + i;
                others.add(threads.submit(() -> users.insert(user(n))));
            }
            for (Future<?> write : others) {
                try {
                    write.get();
                } catch (Exception e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            unit.get();
        }

        assertEquals(List.of(), failures);
        assertEquals(writers + 2, users.list(1000, 0).total());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
