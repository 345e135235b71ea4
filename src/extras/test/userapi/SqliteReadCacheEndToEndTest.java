package userapi;

import userapi.production.Config;
import userapi.production.ProductionApp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import userapi.model.Role;
import userapi.model.UserChanges;
import userapi.jdbc.JdbcTokenRepository;
import userapi.jdbc.JdbcUserRepository;
import userapi.testing.HttpTarget;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server on its default store, SQLite, with its read cache, while a second server on the same file (its own
 * pool) writes: each request sees what the other committed before it, though the same request was just served
 * from the cache.
 */
class SqliteReadCacheEndToEndTest {
    @TempDir
    Path directory;

    private ProductionApp app;
    private HttpTarget client;
    private JdbcUserRepository elsewhere;
    private UUID ada;

    @BeforeEach
    void start() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("users.db");
        app = ProductionApp.start(Config.fromEnvironment(Map.of("PORT", "0", "DATABASE_URL", url,
                "PASSWORD_HASH_ITERATIONS", "1000", "SHUTDOWN_DRAIN_SECONDS", "0")));
        client = HttpTarget.onPort(app.port());
        ada = UUID.fromString(client.createUserId("Ada", "ada@example.com"));
        client.signIn("ada@example.com", "correct horse");
        elsewhere = JdbcUserRepository.open(url, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        elsewhere.close();
        app.close();
    }

    @Test
    void a_logout_on_the_other_server_is_a_401_on_the_next_request_here() throws Exception {
        assertEquals(200, client.get("/users/me").status());
        assertEquals(200, client.get("/users/me").status());

        new JdbcTokenRepository(elsewhere.database()).deleteAllOf(ada, null);

        assertEquals(401, client.get("/users/me").status());
    }

    @Test
    void a_promotion_on_the_other_server_lets_the_next_request_list_users() throws Exception {
        assertEquals(403, client.get("/users").status());

        elsewhere.setRole(ada, Role.ADMIN);

        assertEquals(200, client.get("/users").status());
        assertEquals(1, client.get("/users").json().get("total").asInt());
    }

    @Test
    void a_rename_on_the_other_server_is_read_by_the_next_request() throws Exception {
        assertEquals("Ada", client.get("/users/" + ada).json().get("name").asString());

        elsewhere.update(ada, new UserChanges("Ada Lovelace", null, null));

        assertEquals("Ada Lovelace", client.get("/users/" + ada).json().get("name").asString());
    }
}
