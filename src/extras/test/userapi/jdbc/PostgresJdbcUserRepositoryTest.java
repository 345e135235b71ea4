package userapi.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.exception.StorageUnavailable;
import userapi.model.Role;
import userapi.model.User;
import userapi.testing.TcpForwarder;
import userapi.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JdbcUserRepository on PostgreSQL (TEST_DATABASE_URL) beyond the contract: a server that comes up late, and a
 * multi-host URL whose first host is down (fail-over).
 */
@ExtendWith(TestDatabase.class)
class PostgresJdbcUserRepositoryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void a_server_that_comes_up_after_the_start_is_migrated_in_the_background_not_by_a_request() throws Exception {
        List<LogRecord> migrations = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage().startsWith("schema migrated")) {
                    migrations.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SchemaMigrations.class.getName());
        logger.addHandler(capture);
        TestDatabase.Schema schema = TestDatabase.createSchema();
        try (TcpForwarder server = new TcpForwarder(schema.server());
             JdbcUserRepository repository = JdbcUserRepository.open(schema.urlThrough(server.port()), Duration.ofMillis(500))) {
            User ada = new User(UUID.randomUUID(), "Ada", "ada@example.com", "pbkdf2$x", Role.USER, Instant.parse("2026-01-01T00:00:00Z"));
            assertFalse(repository.reachable());
            assertThrows(StorageUnavailable.class, () -> repository.insert(ada));

            server.open();

            // Requests keep answering StorageUnavailable until the background thread has migrated: ask, bounded.
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean inserted = false;
            while (!inserted && System.nanoTime() < deadline) {
                try {
                    repository.insert(ada);
                    inserted = true;
                } catch (StorageUnavailable e) {
                    Thread.sleep(20);
                }
            }
            assertTrue(inserted, "the schema was not migrated within " + WAIT);
            assertTrue(repository.reachable());
            assertEquals(ada, repository.findById(ada.id()).orElseThrow());
            assertEquals(1, repository.list(10, 0).total());
            assertEquals(1, migrations.size());
            assertNotEquals(Thread.currentThread().threadId(), migrations.getFirst().getLongThreadID(),
                    "a request migrated the schema");
            assertEquals(0, repository.database().connectionsInUse());
        } finally {
            logger.removeHandler(capture);
            schema.drop();
        }
    }

    @Test
    void a_multi_host_url_fails_over_to_the_host_that_answers() throws Exception {
        TestDatabase.Schema schema = TestDatabase.createSchema();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free now, and nothing will listen on it
        }
        java.net.InetSocketAddress server = schema.server();
        String url = schema.url().replaceFirst("^jdbc:postgresql://[^/]+/", "jdbc:postgresql://127.0.0.1:" + closedPort
                + "," + server.getHostString() + ":" + server.getPort() + "/") + "&targetServerType=primary";
        try (JdbcUserRepository repository = JdbcUserRepository.open(url, null, 2, Duration.ofSeconds(5))) {
            User ada = new User(UUID.randomUUID(), "Ada", "ada@example.com", "pbkdf2$x", Role.USER, Instant.parse("2026-01-01T00:00:00Z"));

            repository.insert(ada);

            assertTrue(url.contains("127.0.0.1:" + closedPort + ","), url);
            assertEquals(ada, repository.findById(ada.id()).orElseThrow());
        } finally {
            schema.drop();
        }
    }
}
