package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.exception.StorageUnavailable;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Database on a SQLite file of one connection: statements prepared once per connection, failures, the schema. */
class DatabaseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String PAIR = "INSERT INTO pairs (k) VALUES (?)";

    /** What a test's caller makes of a unique constraint's refusal. */
    private static final class Taken extends RuntimeException {
    }

    @TempDir
    Path directory;
    private Database database;

    @BeforeEach
    void open_a_database_of_one_connection() {
        database = Database.open("jdbc:sqlite:" + directory.resolve("users.db"), null, 1, TIMEOUT);
        database.run("CREATE TABLE pairs (k TEXT NOT NULL UNIQUE)", PreparedStatement::executeUpdate);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Connection physicalConnection() {
        return database.run("SELECT 1", PreparedStatement::getConnection);
    }

    private int insert(String key, Database.UniqueViolation uniqueViolation) {
        return database.run(PAIR, insert -> {
            insert.setString(1, key);
            return insert.executeUpdate();
        }, uniqueViolation);
    }

    @Test
    void a_statement_is_prepared_once_per_connection_and_reused_by_its_sql() {
        PreparedStatement first = database.run("SELECT 1", statement -> statement);
        PreparedStatement again = database.run("SELECT 1", statement -> statement);
        PreparedStatement other = database.run("SELECT 2", statement -> statement);

        assertSame(first, again);
        assertNotSame(first, other);
        assertEquals(0, database.connectionsInUse());
    }

    @Test
    void a_connection_whose_statement_failed_is_evicted_and_the_failure_is_storage_unavailable() {
        Connection before = physicalConnection();

        StorageUnavailable failure = assertThrows(StorageUnavailable.class,
                () -> database.run("SELECT * FROM no_such_table", PreparedStatement::executeQuery));

        assertInstanceOf(SQLException.class, failure.getCause());
        assertNotSame(before, physicalConnection());
        assertEquals(0, database.connectionsInUse());
    }

    @Test
    void a_unique_violation_the_caller_gives_a_meaning_is_thrown_as_that_and_keeps_the_connection() {
        insert("a", violation -> new Taken());
        Connection before = physicalConnection();

        assertThrows(Taken.class, () -> insert("a", violation -> new Taken()));

        assertSame(before, physicalConnection());
        assertEquals(0, database.connectionsInUse());
    }

    @Test
    void a_unique_violation_the_caller_does_not_expect_is_a_failure_like_any_other() {
        insert("a", violation -> null);
        Connection before = physicalConnection();

        assertThrows(StorageUnavailable.class, () -> insert("a", violation -> null));
        assertThrows(StorageUnavailable.class, () -> database.run(PAIR, insert -> {
            insert.setString(1, "a");
            return insert.executeUpdate();
        }));

        assertNotSame(before, physicalConnection());
    }

    @Test
    void a_closed_database_answers_storage_unavailable() {
        database.close();

        assertThrows(StorageUnavailable.class, () -> database.run("SELECT 1", PreparedStatement::executeQuery));
    }

    /** A PostgreSQL server that cannot be reached at start: the open succeeds, the schema is not there yet. */
    @Test
    void until_the_schema_is_migrated_every_statement_is_storage_unavailable_at_once() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free now, and nothing will listen on it
        }
        try (Database down = Database.open("jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres",
                Duration.ofSeconds(2))) {
            long start = System.nanoTime();

            StorageUnavailable failure = assertThrows(StorageUnavailable.class,
                    () -> down.run("SELECT 1", PreparedStatement::executeQuery));

            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) < 0,
                    "waited for a connection (2 s) instead of answering at once");
            assertInstanceOf(SQLException.class, failure.getCause());
        }
    }
}
