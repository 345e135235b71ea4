package userapi.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import userapi.auth.InMemoryTokenRepository;
import userapi.production.ProductionApp;
import userapi.testing.TestConfig;
import userapi.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production server on PostgreSQL (TEST_DATABASE_URL) whose database is dropped and created again empty while
 * it runs: it answers 503 and turns not ready (live all along), creates the schema again in the background, and
 * then takes sign-ups and reports ready again, with no restart.
 */
@ExtendWith(TestDatabase.class)
@Timeout(90)
class DatabaseRecreatedTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADA = "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}";

    private final HttpClient http = HttpClient.newHttpClient();
    private TestDatabase.Schema schema;
    private JdbcUserRepository repository;
    private ProductionApp app;

    @BeforeEach
    void start_on_a_schema_of_its_own() throws Exception {
        schema = TestDatabase.createSchema();
        repository = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5));
        app = ProductionApp.start(TestConfig.local(Set.of(), 1000), repository, new InMemoryTokenRepository());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        repository.close();
        http.close();
        schema.drop();
    }

    @Test
    void a_database_created_again_empty_is_not_ready_until_its_schema_is_back_then_takes_sign_ups() throws Exception {
        assertEquals(201, send("POST", "/users", ADA).statusCode());
        assertEquals(200, send("GET", "/health/ready", null).statusCode());

        MigrationLock held = MigrationLock.take(); // the migration waits: look at the server meanwhile
        try {
            PostgresJdbcUserRepositoryTest.recreate(schema);

            HttpResponse<String> signUp = send("POST", "/users", ADA);
            assertEquals(503, signUp.statusCode(), signUp.body());
            assertTrue(signUp.body().contains("SERVICE_UNAVAILABLE"), signUp.body());
            HttpResponse<String> ready = send("GET", "/health/ready", null);
            assertEquals(503, ready.statusCode());
            assertEquals("{\"status\":\"DOWN\"}", ready.body());
            assertEquals(200, send("GET", "/health/live", null).statusCode()); // nothing for a supervisor to restart
        } finally {
            held.close();
        }

        assertTrue(readyWithin(WAIT), "not ready again within " + WAIT);
        HttpResponse<String> again = send("POST", "/users", ADA); // the address is free: the data went with the database
        assertEquals(201, again.statusCode(), again.body());
    }

    private boolean readyWithin(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (send("GET", "/health/ready", null).statusCode() == 200) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
