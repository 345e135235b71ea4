package userapi.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.exception.StorageUnavailable;
import userapi.model.Role;
import userapi.model.User;
import userapi.testing.TcpForwarder;
import userapi.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JdbcUserRepository on PostgreSQL (TEST_DATABASE_URL) beyond the contract: a server that comes up late, a schema
 * dropped and created again empty while it runs, and a multi-host URL whose first host is down (fail-over).
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
    void a_schema_dropped_and_created_empty_is_not_ready_until_the_background_migration_creates_it_again() throws Exception {
        TestDatabase.Schema schema = TestDatabase.createSchema();
        try (JdbcUserRepository repository = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5))) {
            User ada = new User(UUID.randomUUID(), "Ada", "ada@example.com", "pbkdf2$x", Role.USER, Instant.parse("2026-01-01T00:00:00Z"));
            repository.insert(ada);

            MigrationLock held = MigrationLock.take(); // the migration waits for it: the not-ready state lasts
            try {
                recreate(schema);

                StorageUnavailable missing = assertThrows(StorageUnavailable.class, () -> repository.insert(ada));
                assertEquals("42P01", ((SQLException) missing.getCause()).getSQLState());
                assertFalse(repository.reachable(), "ready without its tables");
                assertThrows(StorageUnavailable.class, () -> repository.findById(ada.id()));
            } finally {
                held.close();
            }

            assertTrue(insertWithin(repository, ada, WAIT), "the schema was not created again within " + WAIT);
            assertTrue(repository.reachable());
            assertEquals(1, repository.list(10, 0).total()); // a new, empty schema: only the row inserted since
            assertEquals(0, repository.database().connectionsInUse());
        } finally {
            schema.drop();
        }
    }

    @Test
    void a_failure_other_than_a_missing_table_leaves_the_server_ready() throws Exception {
        TestDatabase.Schema schema = TestDatabase.createSchema();
        try (JdbcUserRepository repository = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5))) {
            User ada = new User(UUID.randomUUID(), "Ada", "ada@example.com", "pbkdf2$x", Role.USER, Instant.parse("2026-01-01T00:00:00Z"));
            repository.insert(ada);
            execute("ALTER TABLE " + schema.name() + ".users RENAME COLUMN name TO full_name"); // 42703, undefined column
            MigrationLock held = MigrationLock.take(); // a migration, if one were started, would wait here
            try {
                assertThrows(StorageUnavailable.class, () -> repository.findById(ada.id()));

                assertTrue(repository.reachable(), "a failure of one statement made the server not ready");
            } finally {
                held.close();
            }
        } finally {
            schema.drop();
        }
    }

    @Test
    void a_table_dropped_by_hand_beside_an_intact_schema_version_is_said_once_not_at_every_request() throws Exception {
        List<LogRecord> said = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                said.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(LateMigration.class.getName());
        logger.addHandler(capture);
        TestDatabase.Schema schema = TestDatabase.createSchema();
        try (JdbcUserRepository repository = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5))) {
            execute("DROP TABLE " + schema.name() + ".users CASCADE"); // schema_version still says it is there

            for (int request = 0; request < 5; request++) {
                assertThrows(StorageUnavailable.class, () -> repository.findById(UUID.randomUUID()));
                long deadline = System.nanoTime() + WAIT.toNanos(); // until the migration has found nothing to do
                while (repository.database().notMigrated() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }

            assertEquals(List.of(Level.WARNING, Level.SEVERE), said.stream().map(LogRecord::getLevel).toList(),
                    () -> said.stream().map(LogRecord::getMessage).toList().toString());
            assertTrue(said.getLast().getMessage().contains("restore it from a backup"), said.getLast().getMessage());
        } finally {
            logger.removeHandler(capture);
            schema.drop();
        }
    }

    /** The database dropped and created again empty, as an operator's DROP and CREATE do: here, the test's schema. */
    static void recreate(TestDatabase.Schema schema) throws SQLException {
        execute("DROP SCHEMA " + schema.name() + " CASCADE");
        execute("CREATE SCHEMA " + schema.name());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Inserts as soon as the store takes it, asking every 20 ms; false if it never did within the wait. */
    private static boolean insertWithin(JdbcUserRepository repository, User user, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                repository.insert(user);
                return true;
            } catch (StorageUnavailable e) {
                Thread.sleep(20);
            }
        }
        return false;
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
