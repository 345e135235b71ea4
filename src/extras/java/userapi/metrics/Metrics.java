package userapi.metrics;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics, in a registry of its own (no global state): requests by route template and
 * status class, request latency, password-hash permits and the 503s they shed, sign-in failures, the database
 * pool, and the JVM's standard metrics; {@link #scrape()} writes them in the Prometheus text format.
 * Every label value comes from a fixed set (the route table, the HTTP methods, five status classes), so no client
 * can grow the number of series. Recording takes no lock: the client library's counters are LongAdder-like and
 * its label lookup a ConcurrentHashMap read.
 */
public final class Metrics implements SignInMetrics, MailMetrics {
    /** The route label of a request no route matched (a 404): never the raw path, which may carry anything. */
    public static final String UNMATCHED = "unmatched";
    /** The method label of a method outside the standard ones the server may see. */
    public static final String OTHER_METHOD = "OTHER";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    /** Seconds; from a fast in-memory GET (well under 1 ms) to a slow hash or a database timeout (3 s). */
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Counter loginFailures;
    private final Counter lockouts;
    private final Counter mailsSent;
    private final Counter mailAttemptsFailed;
    private final Counter mailsDropped;

    /**
     * @param hashPermitsInUse password hashes running right now
     * @param hashPermits      password hashes that may run at once
     * @param requestsShed     requests turned away so far because no hashing permit came in time (503)
     */
    public Metrics(IntSupplier hashPermitsInUse, int hashPermits, LongSupplier requestsShed) {
        requests = Counter.builder().name("http_server_requests")
                .help("HTTP requests answered, by method, route template and status class")
                .labelNames("method", "route", "status").withoutExemplars().register(registry);
        latency = Histogram.builder().name("http_server_request_duration_seconds")
                .help("Time from the request reaching the edge to its answer being written, by method and route template")
                .labelNames("method", "route").classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars()
                .register(registry);
        GaugeWithCallback.builder().name("userapi_password_hash_permits_in_use")
                .help("Password hashes running now, out of userapi_password_hash_permits")
                .callback(callback -> callback.call(hashPermitsInUse.getAsInt())).register(registry);
        GaugeWithCallback.builder().name("userapi_password_hash_permits")
                .help("Password hashes that may run at once; more wait briefly, then are shed with 503")
                .callback(callback -> callback.call(hashPermits)).register(registry);
        CounterWithCallback.builder().name("userapi_password_hash_shed")
                .help("Requests answered 503 SERVICE_OVERLOADED because no password-hash permit came in time")
                .callback(callback -> callback.call(requestsShed.getAsLong())).register(registry);
        loginFailures = Counter.builder().name("userapi_login_failures")
                .help("Sign-in attempts refused: unknown e-mail or wrong password").withoutExemplars().register(registry);
        lockouts = Counter.builder().name("userapi_login_lockouts")
                .help("Accounts locked out after repeated failed sign-ins").withoutExemplars().register(registry);
        mailsSent = Counter.builder().name("userapi_mails_sent")
                .help("Mails handed to the mail server (or written as .eml files) and removed from the outbox")
                .withoutExemplars().register(registry);
        mailAttemptsFailed = Counter.builder().name("userapi_mail_attempts_failed")
                .help("Attempts to deliver a mail that failed; the mail stays in the outbox and is tried again")
                .withoutExemplars().register(registry);
        mailsDropped = Counter.builder().name("userapi_mails_dropped")
                .help("Mails given up on after failing for a day").withoutExemplars().register(registry);
        // JvmMetrics.builder() without JvmNativeMemoryMetrics: that one asks the JVM's diagnostic command at start
        // (a fifth of our start-up time) and registers nothing unless -XX:NativeMemoryTracking is on.
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryPoolAllocationMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** Adds the connection pool's gauges, read from HikariCP's pool MXBean at each scrape. */
    public void databasePool(HikariPoolMXBean pool) {
        GaugeWithCallback.builder().name("userapi_db_pool_active_connections")
                .help("Database connections lent out to requests now")
                .callback(callback -> callback.call(pool.getActiveConnections())).register(registry);
        GaugeWithCallback.builder().name("userapi_db_pool_idle_connections")
                .help("Database connections open and waiting in the pool now")
                .callback(callback -> callback.call(pool.getIdleConnections())).register(registry);
        GaugeWithCallback.builder().name("userapi_db_pool_pending_threads")
                .help("Requests waiting for a database connection now")
                .callback(callback -> callback.call(pool.getThreadsAwaitingConnection())).register(registry);
    }

    /** Adds the count of SQL statements run, each one round trip to the database (what a request costs there). */
    public void databaseStatements(LongSupplier run) {
        CounterWithCallback.builder().name("userapi_db_statements_total")
                .help("SQL statements run, each one round trip to the database")
                .callback(callback -> callback.call(run.getAsLong())).register(registry);
    }

    /**
     * Adds the outbox's size, read at each scrape (one count in the database); while the database cannot answer,
     * the scrape has no sample of it rather than failing whole.
     */
    public void mailOutbox(LongSupplier size) {
        GaugeWithCallback.builder().name("userapi_mail_outbox_size")
                .help("Mails waiting in the outbox, due now or waiting for their next attempt")
                .callback(callback -> {
                    long waiting;
                    try {
                        waiting = size.getAsLong();
                    } catch (RuntimeException unavailable) {
                        return;
                    }
                    callback.call(waiting);
                }).register(registry);
    }

    /**
     * One answered request, counted by its route template such as /users/{id} (null: no route matched), never by
     * its raw path, so the number of series stays bounded.
     */
    public void record(String method, String routeTemplate, int status, long nanos) {
        String methodLabel = METHODS.contains(method) ? method : OTHER_METHOD;
        String route = routeTemplate == null ? UNMATCHED : routeTemplate;
        CounterDataPoint counted = requests.labelValues(methodLabel, route, statusClass(status));
        counted.inc();
        DistributionDataPoint timed = latency.labelValues(methodLabel, route);
        timed.observe(nanos / 1e9);
    }

    /** 404 -> "4xx"; -1 (nothing was sent: the client went away) -> "none". */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? STATUS_CLASSES[status / 100 - 1] : "none";
    }

    @Override
    public void loginFailed() {
        loginFailures.inc();
    }

    @Override
    public void lockedOut() {
        lockouts.inc();
    }

    @Override
    public void mailSent() {
        mailsSent.inc();
    }

    @Override
    public void mailAttemptFailed() {
        mailAttemptsFailed.inc();
    }

    @Override
    public void mailDropped() {
        mailsDropped.inc();
    }

    /** Every metric now, in the Prometheus text format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            format.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    public String contentType() {
        return format.getContentType();
    }
}
