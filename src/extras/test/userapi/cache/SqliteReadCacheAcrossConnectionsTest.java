package userapi.cache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.model.Role;
import userapi.auth.StoredToken;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.jdbc.JdbcTokenRepository;
import userapi.jdbc.JdbcUserRepository;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cached SQLite store as the server runs it, with a second server (its own pool, no cache) and the promote
 * command (a plain JDBC connection) writing to the same file: whatever they commit, the next read through the
 * cache sees, though the same read was cached just before.
 */
class SqliteReadCacheAcrossConnectionsTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final UUID ADA = new UUID(0, 1);

    @TempDir
    Path directory;

    private JdbcUserRepository jdbc;
    private CachedUserRepository users;
    private CachedTokenRepository tokens;
    private JdbcUserRepository elsewhere;

    private String url() {
        return "jdbc:sqlite:" + directory.resolve("users.db");
    }

    @BeforeEach
    void open() {
        jdbc = JdbcUserRepository.open(url(), Duration.ofSeconds(5));
        ReadCache cache = new ReadCache(new SqliteDataVersion(jdbc.database()::openOutsidePool));
        users = new CachedUserRepository(jdbc, cache);
        tokens = new CachedTokenRepository(new JdbcTokenRepository(jdbc.database()), cache);
        users.insert(new User(ADA, "Ada", "ada@example.com", "hash", Role.USER, T0));
        tokens.insert(new StoredToken("a1", ADA, T0, T0.plusSeconds(3600)));
        elsewhere = JdbcUserRepository.open(url(), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        elsewhere.close();
        users.close();
    }

    @Test
    void a_role_set_by_a_second_server_is_read_by_the_next_request() {
        assertEquals(Role.USER, users.findById(ADA).orElseThrow().role()); // now cached

        elsewhere.setRole(ADA, Role.ADMIN);

        assertEquals(Role.ADMIN, users.findById(ADA).orElseThrow().role());
    }

    @Test
    void a_role_set_by_the_promote_command_on_a_plain_connection_is_read_by_the_next_request() throws SQLException {
        users.findById(ADA);

        try (Connection plain = DriverManager.getConnection(url());
             PreparedStatement promote = plain.prepareStatement("UPDATE users SET role = 'admin' WHERE id = ?")) {
            promote.setObject(1, ADA);
            assertEquals(1, promote.executeUpdate());
        }

        assertEquals(Role.ADMIN, users.findById(ADA).orElseThrow().role());
    }

    @Test
    void a_user_updated_by_a_second_server_is_read_as_updated() {
        users.findById(ADA);
        users.list(20, 0);

        elsewhere.update(ADA, new UserChanges("Ada Lovelace", null, null));

        assertEquals("Ada Lovelace", users.findById(ADA).orElseThrow().name());
        assertEquals(2, users.findById(ADA).orElseThrow().version());
        assertEquals("Ada Lovelace", users.list(20, 0).items().getFirst().name());
    }

    @Test
    void a_user_created_by_a_second_server_is_counted_by_the_next_page() {
        assertEquals(1, users.list(20, 0).total());

        elsewhere.insert(new User(new UUID(0, 2), "Bob", "bob@example.com", "hash", Role.USER, T0.plusSeconds(1)));

        assertEquals(2, users.list(20, 0).total());
    }

    @Test
    void a_user_deleted_by_a_second_server_is_gone_for_the_next_request() {
        users.findById(ADA);

        elsewhere.delete(ADA);

        assertEquals(Optional.empty(), users.findById(ADA));
        assertEquals(Optional.empty(), tokens.findValid("a1", T0), "its tokens went with it");
    }

    @Test
    void a_logout_on_a_second_server_refuses_the_token_on_the_next_request() {
        assertEquals(ADA, tokens.findValid("a1", T0).orElseThrow().userId()); // now cached

        new JdbcTokenRepository(elsewhere.database()).delete("a1");

        assertEquals(Optional.empty(), tokens.findValid("a1", T0));
    }
}
