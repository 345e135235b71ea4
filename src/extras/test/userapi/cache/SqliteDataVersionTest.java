package userapi.cache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.model.Role;
import userapi.model.User;
import userapi.jdbc.JdbcUserRepository;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PRAGMA data_version as the watch uses it, on a real database file in WAL mode as the repository configures it:
 * a commit on any other connection changes the stamp (our pool's, a second pool's as a second server's, a plain
 * JDBC connection's as the promote command's); reads do not.
 */
class SqliteDataVersionTest {
    private static final UUID ADA = new UUID(0, 1);

    @TempDir
    Path directory;

    private JdbcUserRepository server;
    private SqliteDataVersion watch;

    private String url() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }

    private void open() {
        server = JdbcUserRepository.open(url(), Duration.ofSeconds(5));
        server.insert(new User(ADA, "Ada", "ada@example.com", "hash", Role.USER, Instant.parse("2026-03-04T05:06:07Z")));
        watch = new SqliteDataVersion(server.database()::openOutsidePool);
    }

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_database_is_in_wal_mode_as_the_repository_configures_it() throws SQLException {
        open();
        try (Connection plain = DriverManager.getConnection(url()); Statement statement = plain.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
            row.next();
            assertEquals("wal", row.getString(1));
        }
    }

    @Test
    void the_stamp_stays_while_nobody_commits_even_as_others_read() {
        open();
        OptionalLong before = watch.stamp();

        server.findById(ADA);
        server.list(20, 0);

        assertTrue(before.isPresent());
        assertEquals(before, watch.stamp());
    }

    @Test
    void a_commit_on_the_pool_changes_the_stamp() {
        open();
        OptionalLong before = watch.stamp();

        server.setRole(ADA, Role.ADMIN);

        assertNotEquals(before, watch.stamp());
    }

    @Test
    void each_commit_gives_a_new_stamp_never_an_earlier_one() {
        open();
        OptionalLong first = watch.stamp();
        server.setRole(ADA, Role.ADMIN);
        OptionalLong second = watch.stamp();
        server.setRole(ADA, Role.USER);
        OptionalLong third = watch.stamp();

        assertTrue(first.getAsLong() < second.getAsLong() && second.getAsLong() < third.getAsLong());
    }

    @Test
    void a_commit_by_a_second_server_on_the_same_file_changes_the_stamp() {
        open();
        OptionalLong before = watch.stamp();

        try (JdbcUserRepository second = JdbcUserRepository.open(url(), Duration.ofSeconds(5))) {
            second.setRole(ADA, Role.ADMIN);
        }

        assertNotEquals(before, watch.stamp());
    }

    @Test
    void a_commit_on_a_plain_jdbc_connection_with_the_drivers_defaults_changes_the_stamp() throws SQLException {
        open();
        OptionalLong before = watch.stamp();

        try (Connection plain = DriverManager.getConnection(url()); Statement statement = plain.createStatement()) {
            statement.executeUpdate("UPDATE users SET role = 'admin'");
        }

        assertNotEquals(before, watch.stamp());
    }

    @Test
    void a_transaction_rolled_back_elsewhere_leaves_the_stamp() throws SQLException {
        open();
        OptionalLong before = watch.stamp();

        try (Connection plain = DriverManager.getConnection(url()); Statement statement = plain.createStatement()) {
            plain.setAutoCommit(false);
            statement.executeUpdate("UPDATE users SET role = 'admin'");
            assertEquals(before, watch.stamp(), "not committed yet: nothing to see");
            plain.rollback();
        }

        assertEquals(before, watch.stamp());
    }

    @Test
    void a_watch_that_cannot_open_its_connection_cannot_tell() {
        SqliteDataVersion broken = new SqliteDataVersion(() -> {
            throw new SQLException("unable to open database file");
        });

        assertEquals(OptionalLong.empty(), broken.stamp());
        broken.close();
    }

    @Test
    void a_watch_whose_connection_breaks_cannot_tell_then_reopens_with_a_stamp_never_given_before() throws SQLException {
        open();
        Connection[] opened = new Connection[1];
        SqliteDataVersion fragile = new SqliteDataVersion(() -> opened[0] = server.database().openOutsidePool(), Duration.ZERO);
        OptionalLong before = fragile.stamp();

        opened[0].close(); // the connection breaks under the watch

        assertEquals(OptionalLong.empty(), fragile.stamp(), "never a stamp it cannot vouch for");
        OptionalLong after = fragile.stamp();
        assertTrue(after.isPresent(), "the next look opens a new connection");
        assertTrue(after.getAsLong() > before.getAsLong());
        fragile.close();
    }

    @Test
    void a_closed_watch_cannot_tell() {
        open();
        watch.close();

        assertEquals(OptionalLong.empty(), watch.stamp());
    }
}
