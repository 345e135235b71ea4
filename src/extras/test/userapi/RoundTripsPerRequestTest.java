package userapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import userapi.jdbc.JdbcUserRepository;
import userapi.model.Role;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;
import userapi.testing.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a signed-in request costs the database, in statements (each one round trip), as the server's own
 * userapi_db_statements_total counts them: a read of one's own user is one statement, the token's read, on
 * PostgreSQL and on SQLite alike (whose read cache may answer it with none); an admin's read of another user adds
 * that user and their account's standing; a page of the list adds its count, its rows and one read of all their
 * standings, whatever its size. Background work (the mail sender's poll) only adds: each cost is the least of a few
 * tries, less what a scrape alone costs.
 */
class RoundTripsPerRequestTest {
    private static final int REQUESTS = 20;
    private static final int TRIES = 5;

    @TempDir
    Path directory;

    private TestDatabase.Schema schema;
    private ProductionApp app;
    private HttpTarget api;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
            api.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    private void start(String databaseUrl) throws Exception {
        app = ProductionApp.start(Config.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "SHUTDOWN_DRAIN_SECONDS", "0", "PASSWORD_HASH_ITERATIONS", "1000", "DATABASE_URL", databaseUrl,
                "MAIL_DIR", directory.resolve("mail").toString())));
        api = HttpTarget.onPort(app.port());
    }

    @Test
    @ExtendWith(TestDatabase.class)
    void on_postgresql_a_signed_in_read_of_ones_own_user_is_one_round_trip() throws Exception {
        schema = TestDatabase.createSchema();
        start(schema.url());
        String adaId = api.createUserId("Ada", "ada@example.com");
        String bobId = api.createUserId("Bob", "bob@example.com");
        api.signIn("bob@example.com", "correct horse");

        assertEquals(1.0, statementsPerRequest("/users/me"), 0.1);
        assertEquals(1.0, statementsPerRequest("/users/" + bobId), 0.1);
        assertEquals(2.0, statementsPerPatch("/users/" + bobId), 0.1, "the token's, then the UPDATE alone, no transaction");

        promote(schema.url(), "ada@example.com");
        api.signIn("ada@example.com", "correct horse");
        assertEquals(3.0, statementsPerRequest("/users/" + bobId), 0.1, "the token's, Bob, his standing");
        for (int i = 0; i < 5; i++) {
            api.createUserId("User " + i, "user" + i + "@example.com");
        }
        assertEquals(4.0, statementsPerRequest("/users?limit=20"), 0.1, "the token's, the count, the page, the standings");
        assertEquals(adaId, api.get("/users/me").json().get("id").stringValue());
    }

    @Test
    void on_sqlite_a_signed_in_read_of_ones_own_user_is_answered_by_the_read_cache_while_nothing_changes() throws Exception {
        start("jdbc:sqlite:" + directory.resolve("users.db"));
        String id = api.createUserId("Ada", "ada@example.com");
        api.signIn("ada@example.com", "correct horse");

        assertEquals(0.0, statementsPerRequest("/users/me"), 0.1, "the read cache answers while nothing changes");
        assertEquals(0.0, statementsPerRequest("/users/" + id), 0.1);
        assertEquals(2.0, statementsPerPatch("/users/" + id), 0.1, "the UPDATE, then the token's: the write emptied the cache");
    }

    private static void promote(String databaseUrl, String email) {
        try (JdbcUserRepository users = JdbcUserRepository.open(databaseUrl, Duration.ofSeconds(5))) {
            users.setRole(users.findByEmail(email).orElseThrow().id(), Role.ADMIN);
        }
    }

    /** The statements REQUESTS signed-in GETs of the path cost, each answered 200, per request. */
    private double statementsPerRequest(String path) throws Exception {
        return statementsPer(() -> api.get(path));
    }

    /** The same for PATCHes of the user's name, a new name each time. */
    private double statementsPerPatch(String path) throws Exception {
        int[] names = {0};
        return statementsPer(() -> api.patch(path, api.json("name", "Name " + names[0]++)));
    }

    private interface Call {
        Reply send() throws Exception;
    }

    private double statementsPer(Call call) throws Exception {
        long least = Long.MAX_VALUE;
        long scrapeAlone = Long.MAX_VALUE;
        for (int t = 0; t < TRIES; t++) {
            long before = statementsRun();
            scrapeAlone = Math.min(scrapeAlone, statementsRun() - before);
            before = statementsRun();
            for (int i = 0; i < REQUESTS; i++) {
                Reply reply = call.send();
                assertEquals(200, reply.status(), reply.body());
            }
            least = Math.min(least, statementsRun() - before);
        }
        return (double) (least - scrapeAlone) / REQUESTS;
    }

    private long statementsRun() throws Exception {
        Reply metrics = api.get("/metrics");
        assertEquals(200, metrics.status());
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("userapi_db_statements_total ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no userapi_db_statements_total in /metrics");
    }
}
