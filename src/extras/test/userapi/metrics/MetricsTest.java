package userapi.metrics;

import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit test of Metrics: what each record() counts, the bounded labels, the callbacks, the text it scrapes. */
class MetricsTest {
    private final AtomicInteger permitsInUse = new AtomicInteger();
    private final AtomicLong shed = new AtomicLong();
    private final Metrics metrics = new Metrics(permitsInUse::get, 2, shed::get);

    private List<PrometheusText.Sample> scrape() {
        return PrometheusText.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));
    }

    private double value(String name, Map<String, String> labels) {
        return scrape().stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + labels)).value();
    }

    @Test
    void counts_requests_by_method_route_template_and_status_class() {
        metrics.record("GET", "/users/{id}", 200, 1_000_000);
        metrics.record("GET", "/users/{id}", 204, 1_000_000);
        metrics.record("GET", "/users/{id}", 404, 1_000_000);

        assertEquals(2, value("http_server_requests_total", Map.of("method", "GET", "route", "/users/{id}", "status", "2xx")));
        assertEquals(1, value("http_server_requests_total", Map.of("method", "GET", "route", "/users/{id}", "status", "4xx")));
    }

    @Test
    void times_requests_in_a_histogram_in_seconds() {
        metrics.record("POST", "/users", 201, 3_000_000); // 3 ms
        metrics.record("POST", "/users", 201, 700_000_000); // 0.7 s

        Map<String, String> series = Map.of("method", "POST", "route", "/users");
        assertEquals(2, value("http_server_request_duration_seconds_count", series));
        assertEquals(0.703, value("http_server_request_duration_seconds_sum", series), 1e-9);
        assertEquals(1, value("http_server_request_duration_seconds_bucket", Map.of("method", "POST", "route", "/users", "le", "0.005")));
        assertEquals(2, value("http_server_request_duration_seconds_bucket", Map.of("method", "POST", "route", "/users", "le", "1.0")));
    }

    @Test
    void labels_come_from_fixed_sets_whatever_the_client_sends() {
        metrics.record("BREW", null, 404, 1);
        metrics.record("get", null, -1, 1);

        Set<String> methods = scrape().stream().filter(s -> s.name().equals("http_server_requests_total"))
                .map(s -> s.labels().get("method")).collect(Collectors.toSet());
        assertEquals(Set.of("OTHER"), methods);
        assertEquals(1, value("http_server_requests_total", Map.of("method", "OTHER", "route", "unmatched", "status", "4xx")));
        assertEquals(1, value("http_server_requests_total", Map.of("method", "OTHER", "route", "unmatched", "status", "none")));
    }

    @Test
    void reads_hash_permits_and_shed_requests_at_each_scrape() {
        permitsInUse.set(2);
        shed.set(7);

        assertEquals(2, value("userapi_password_hash_permits_in_use", Map.of()));
        assertEquals(2, value("userapi_password_hash_permits", Map.of()));
        assertEquals(7, value("userapi_password_hash_shed_total", Map.of()));
    }

    @Test
    void counts_login_failures_and_lockouts_through_the_sign_in_hook() {
        SignInMetrics signIn = metrics;
        signIn.loginFailed();
        signIn.loginFailed();
        signIn.lockedOut();

        assertEquals(2, value("userapi_login_failures_total", Map.of()));
        assertEquals(1, value("userapi_login_lockouts_total", Map.of()));
    }

    @Test
    void reads_the_database_pool_from_its_mxbean() {
        metrics.databasePool(new FixedPool(3, 5, 2));

        assertEquals(3, value("userapi_db_pool_active_connections", Map.of()));
        assertEquals(5, value("userapi_db_pool_idle_connections", Map.of()));
        assertEquals(2, value("userapi_db_pool_pending_threads", Map.of()));
    }

    @Test
    void has_the_jvms_standard_metrics() {
        Set<String> names = scrape().stream().map(PrometheusText.Sample::name).collect(Collectors.toSet());

        assertTrue(names.containsAll(Set.of("jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds_count",
                "jvm_runtime_info", "process_cpu_seconds_total")), names.toString());
    }

    @Test
    void status_classes_cover_every_status_and_nothing_else() {
        assertEquals("1xx", Metrics.statusClass(101));
        assertEquals("3xx", Metrics.statusClass(304));
        assertEquals("5xx", Metrics.statusClass(599));
        assertEquals("none", Metrics.statusClass(-1));
        assertEquals("none", Metrics.statusClass(600));
        assertFalse(new String(metrics.scrape(), StandardCharsets.UTF_8).isBlank());
    }

    /** A pool whose numbers are fixed: stands in for HikariCP's MXBean. */
    private record FixedPool(int active, int idle, int waiting) implements HikariPoolMXBean {
        public int getIdleConnections() {
            return idle;
        }

        public int getActiveConnections() {
            return active;
        }

        public int getTotalConnections() {
            return active + idle;
        }

        public int getThreadsAwaitingConnection() {
            return waiting;
        }

        public void softEvictConnections() {
        }

        public void suspendPool() {
        }

        public void resumePool() {
        }
    }
}
