package userapi;

import userapi.production.ProductionApp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import userapi.http.Router;
import userapi.testing.TestConfig;
import userapi.metrics.PrometheusText;
import userapi.jdbc.JdbcUserRepository;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningJar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /metrics on the running server: valid Prometheus text with the named series, requests counted under their
 * route template, and no label anywhere carrying an id or a raw path; also from the single jar.
 */
class MetricsEndToEndTest {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}|[0-9a-fA-F]{16,}");
    private static final Set<String> NAMED = Set.of("http_server_requests_total", "http_server_request_duration_seconds_bucket",
            "http_server_request_duration_seconds_count", "http_server_request_duration_seconds_sum",
            "userapi_password_hash_permits_in_use", "userapi_password_hash_shed_total", "userapi_login_failures_total",
            "userapi_login_lockouts_total", "jvm_memory_used_bytes", "jvm_threads_current");

    @Test
    void answers_prometheus_text_with_the_named_series() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            app.get("/health/live");

            Reply metrics = app.get("/metrics");

            assertEquals(200, metrics.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.header("Content-Type"));
            Set<String> names = PrometheusText.parse(metrics.body()).stream().map(PrometheusText.Sample::name)
                    .collect(Collectors.toSet());
            assertTrue(names.containsAll(NAMED), "missing: " + difference(NAMED, names));
        }
    }

    @Test
    void counts_requests_under_their_route_template_and_no_label_carries_an_id() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            String id = app.createUserId("Ada", "ada@example.com");
            app.signInAsAdmin(); // a second POST /users, and an admin: an unknown id is 404 to them
            String unknown = UUID.randomUUID().toString();
            assertEquals(200, app.get("/users/" + id).status());
            assertEquals(200, app.get("/users/" + id).status());
            assertEquals(404, app.get("/users/" + unknown).status());
            assertEquals(404, app.get("/no/such/" + unknown).status());
            assertEquals(404, app.get("/users/" + id + "/" + unknown).status());
            assertEquals(405, app.send("PUT", "/users/" + id, null, null).status());

            // a request is counted once its answer has gone out, on its own thread: any of them may still be on its
            // way into the registry when the next one is answered, so wait (bounded) until the counts are all in
            String text = app.get("/metrics").body();
            List<PrometheusText.Sample> samples = PrometheusText.parse(text);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!allCounted(samples) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                text = app.get("/metrics").body();
                samples = PrometheusText.parse(text);
            }

            assertFalse(text.contains(id) || text.contains(unknown), "an id is in the metrics");
            Set<String> templates = new HashSet<>(app.routes().stream().map(Router.Route::template).toList());
            templates.add("unmatched");
            for (PrometheusText.Sample sample : samples) {
                for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                    assertFalse(HEX_ID.matcher(label.getValue()).find(), "an id-like label: " + sample);
                }
                if (sample.labels().containsKey("route")) {
                    assertTrue(templates.contains(sample.labels().get("route")), "not a route template: " + sample);
                }
            }
            assertEquals(2, value(samples, "/users/{id}", "GET", "2xx"));
            assertEquals(1, value(samples, "/users/{id}", "GET", "4xx"));
            assertEquals(1, value(samples, "/users/{id}", "PUT", "4xx"));
            assertEquals(2, value(samples, "unmatched", "GET", "4xx"));
            assertEquals(2, value(samples, "/users", "POST", "2xx"));
            assertEquals(1, value(samples, "/auth/login", "POST", "2xx"));
        }
    }

    /** Every request of the test above is in the counts: the ones it asserts reach at least what it expects. */
    private static boolean allCounted(List<PrometheusText.Sample> samples) {
        return counted(samples, "/users/{id}", "GET", "2xx") >= 2 && counted(samples, "/users/{id}", "GET", "4xx") >= 1
                && counted(samples, "/users/{id}", "PUT", "4xx") >= 1 && counted(samples, "unmatched", "GET", "4xx") >= 2;
    }

    /** The count of that series, 0 while it has none. */
    private static double counted(List<PrometheusText.Sample> samples, String route, String method, String status) {
        return samples.stream().anyMatch(s -> s.name().equals("http_server_requests_total")
                && s.labels().equals(Map.of("method", method, "route", route, "status", status)))
                ? value(samples, route, method, status) : 0;
    }

    @Test
    void shows_the_database_pool_of_a_jdbc_repository(@TempDir Path dir) throws Exception {
        try (JdbcUserRepository repository = JdbcUserRepository.open("jdbc:sqlite:" + dir.resolve("users.db"), null, 3,
                Duration.ofSeconds(3));
             ProductionApp app = ProductionApp.start(TestConfig.local(Set.of(), 1000), repository);
             HttpTarget client = HttpTarget.onPort(app.port())) {
            // the mail outbox's sender borrows a connection every second: a scrape may catch it; a leak would stay
            List<PrometheusText.Sample> samples = PrometheusText.parse(client.get("/metrics").body());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (find(samples, "userapi_db_pool_active_connections") != 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                samples = PrometheusText.parse(client.get("/metrics").body());
            }

            double active = find(samples, "userapi_db_pool_active_connections");
            double idle = find(samples, "userapi_db_pool_idle_connections");
            assertEquals(0, active, "no request holds a connection once the scrape is alone");
            assertTrue(idle >= 0 && idle <= 3, "idle " + idle + " within DB_POOL_SIZE 3");
            assertEquals(0, find(samples, "userapi_db_pool_pending_threads"));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_single_jar_serves_the_metrics_with_the_jvm_series(@TempDir Path dir) throws Exception {
        try (RunningJar jar = RunningJar.start(dir, Map.of())) {
            assertEquals(200, jar.get("/health/ready").status());

            // the readiness request is counted on its own thread just after its answer: the request series may
            // appear a scrape later
            Set<String> expected = new HashSet<>(NAMED);
            expected.add("userapi_db_pool_idle_connections");
            Reply metrics = jar.get("/metrics");
            Set<String> names = names(metrics);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!names.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                metrics = jar.get("/metrics");
                names = names(metrics);
            }

            assertEquals(200, metrics.status(), metrics.body());
            assertTrue(names.containsAll(expected), "missing: " + difference(expected, names));
        }
    }

    private static Set<String> names(Reply metrics) {
        return PrometheusText.parse(metrics.body()).stream().map(PrometheusText.Sample::name).collect(Collectors.toSet());
    }

    private static double value(List<PrometheusText.Sample> samples, String route, String method, String status) {
        return samples.stream().filter(s -> s.name().equals("http_server_requests_total")
                        && s.labels().equals(Map.of("method", method, "route", route, "status", status)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + method + " " + route + " " + status)).value();
    }

    private static double find(List<PrometheusText.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name)).value();
    }

    private static Set<String> difference(Set<String> expected, Set<String> actual) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(actual);
        return missing;
    }
}
