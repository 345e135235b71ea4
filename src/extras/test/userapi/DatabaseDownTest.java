package userapi;

import userapi.production.ProductionApp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import userapi.auth.StoredToken;
import userapi.auth.InMemoryTokenRepository;
import userapi.jdbc.JdbcUserRepository;
import userapi.auth.Tokens;
import userapi.testing.TestConfig;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app on a PostgreSQL URL whose port nothing listens on: it starts anyway, every read and write answers
 * 503 problem+json with Retry-After, /health answers 503 DOWN, each failure is logged once at SEVERE with the
 * driver's error, and the client learns nothing about the database.
 */
@Timeout(60)
class DatabaseDownTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static final String TOKEN = "a".repeat(43);
    private final HttpClient http = HttpClient.newHttpClient();
    private JdbcUserRepository repository;
    private ProductionApp app;

    @BeforeEach
    void start_on_a_closed_port() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free now, and nothing will listen on it
        }
        Logger.getLogger("userapi").addHandler(capture);
        repository = JdbcUserRepository.open("jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres",
                Duration.ofMillis(300));
        // A token the (in-memory) token store knows, so that requests get past authentication to the users' store.
        InMemoryTokenRepository tokens = new InMemoryTokenRepository();
        tokens.insert(new StoredToken(Tokens.hash(TOKEN), new UUID(0, 1), Instant.EPOCH, Instant.now().plus(Duration.ofHours(1))));
        app = ProductionApp.start(TestConfig.local(Set.of(), 1000), repository, tokens);
    }

    @AfterEach
    void stop() {
        app.close();
        repository.close();
        http.close();
        Logger.getLogger("userapi").removeHandler(capture);
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertServiceUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("SERVICE_UNAVAILABLE", problem.get("code").asString());
        assertEquals(503, problem.get("status").asInt());
        String body = response.body().toLowerCase(java.util.Locale.ROOT);
        for (String secret : List.of("postgres", "jdbc", "127.0.0.1", "refused", "sql", "hikari")) {
            assertFalse(body.contains(secret), "the problem tells the client about the database: " + response.body());
        }
    }

    @Test
    void the_start_does_not_wait_for_the_database() {
        assertTrue(app.port() > 0);
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                && r.getMessage().contains("the database cannot be reached")));
    }

    @Test
    void a_write_answers_503_with_retry_after_and_is_logged_once_at_severe_with_the_drivers_error() throws Exception {
        records.clear();

        assertServiceUnavailable(send("POST", "/users",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"));

        List<LogRecord> severe = records.stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertEquals(1, severe.size(), () -> severe.stream().map(LogRecord::getMessage).toList().toString());
        assertInstanceOf(SQLException.class, severe.getFirst().getThrown());
    }

    @Test
    void reads_answer_503_too() throws Exception {
        assertServiceUnavailable(send("GET", "/users", null));
        assertServiceUnavailable(send("GET", "/users/7b0f6a2e-4a8e-4c47-9a59-2d2f1e6f0b11", null));
        assertServiceUnavailable(send("PATCH", "/users/7b0f6a2e-4a8e-4c47-9a59-2d2f1e6f0b11", "{\"name\":\"B\"}"));
        assertServiceUnavailable(send("DELETE", "/users/7b0f6a2e-4a8e-4c47-9a59-2d2f1e6f0b11", null));
        assertServiceUnavailable(send("GET", "/users/me", null));
        assertServiceUnavailable(send("POST", "/auth/login", "{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"));
    }

    @Test
    void health_answers_503_down() throws Exception {
        HttpResponse<String> health = send("GET", "/health", null);

        assertEquals(503, health.statusCode());
        assertEquals("{\"status\":\"DOWN\"}", health.body());
    }

    @Test
    void liveness_stays_200_while_readiness_answers_503() throws Exception {
        HttpResponse<String> live = send("GET", "/health/live", null);
        HttpResponse<String> ready = send("GET", "/health/ready", null);

        assertEquals(200, live.statusCode());
        assertEquals("{\"status\":\"UP\"}", live.body());
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"DOWN\"}", ready.body());
    }

    @Test
    void closing_leaves_no_pool_thread_behind() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("GET", "/users", null);
        }
        app.close();
        repository.close();

        // A connection attempt under way when the pool closed may finish first: give it a bounded while.
        List<Thread> pool = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("userapi-postgresql")).toList();
        for (Thread thread : pool) {
            thread.join(Duration.ofSeconds(10));
        }
        assertEquals(List.of(), pool.stream().filter(Thread::isAlive).map(Thread::getName).toList());
    }
}
