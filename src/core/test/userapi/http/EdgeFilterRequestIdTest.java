package userapi.http;

import userapi.exception.RejectedRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.logging.LogContext;
import userapi.logging.LogText;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests of EdgeFilter on a real server: which client request ids are kept, that the id reaches the
 * response header, the log context and the exchange, and that each request leaves exactly one access line.
 */
class EdgeFilterRequestIdTest {
    private final JsonBodyWriter writer = new JsonBodyWriter(JsonMappers.strict());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LogCapture logs = LogCapture.attach(EdgeFilter.class); // also keeps the console quiet
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
        logs.close();
    }

    /** Answers what the handler saw: the id in the exchange and in the log context. */
    private static final HttpHandler ECHO_IDS = exchange -> {
        byte[] body = (exchange.getResponseHeaders().getFirst("X-Request-Id") + " " + LogContext.requestId()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (exchange) {
            exchange.getResponseBody().write(body);
        }
    };

    private void serve(HttpHandler handler) {
        server = TestServer.withAppFilters(handler, writer);
    }

    private HttpResponse<String> get(String path, String requestId) throws IOException, InterruptedException {
        return client.send(request(server.uri(path), requestId), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest request(URI uri, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return request.build();
    }

    private static String idOf(HttpResponse<?> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static void assertGenerated(String id) {
        assertDoesNotThrow(() -> UUID.fromString(id), id);
        assertEquals(36, id.length(), id);
    }

    private LogCapture.Captured accessLine(String requestId) {
        return logs.await(c -> isAccessLine(c)
                && c.line().contains("[" + requestId + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "A", "req-42_x.Y", "3f2c8a1e-0000-4000-8000-000000000001",
            "0123456789012345678901234567890123456789012345678901234567890123"}) // 64 characters
    void keeps_a_safe_client_request_id_everywhere(String offered) throws IOException, InterruptedException {
        serve(ECHO_IDS);

        HttpResponse<String> response = get("/ids", offered);

        assertEquals(offered, idOf(response));
        assertEquals(offered + " " + offered, response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01234567890123456789012345678901234567890123456789012345678901234", // 65 characters
            "has space", "a/b", "a;b", "a:b", "<script>", "ä", "a\"b", "a,b", "a%0Ab"})
    void replaces_an_unsafe_client_request_id_with_a_new_one(String offered) throws IOException, InterruptedException {
        serve(ECHO_IDS);

        HttpResponse<String> response = get("/ids", offered);

        String id = idOf(response);
        assertGenerated(id);
        assertEquals(id + " " + id, response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\nb", "a\rb", "a\tb", "a\u0000b", "a\u2028b", "abc\n"})
    void chooses_a_new_id_for_what_no_http_client_would_send(String offered) {
        String id = EdgeFilter.chooseId(offered);

        assertNotEquals(offered, id);
        assertGenerated(id);
    }

    @Test
    void gives_each_request_without_an_id_a_fresh_one() throws IOException, InterruptedException {
        serve(ECHO_IDS);

        String first = idOf(get("/ids", null));
        String second = idOf(get("/ids", null));

        assertGenerated(first);
        assertGenerated(second);
        assertNotEquals(first, second);
        assertGenerated(EdgeFilter.chooseId(null));
    }

    @Test
    void writes_one_access_line_per_request_with_method_path_status_and_request_id() throws IOException, InterruptedException {
        serve(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/missing")) {
                throw RejectedRequest.notFound();
            }
            writer.write(exchange, 200, Map.of(), Map.of("ok", true));
        });

        get("/found?secret=query", "first-request");
        get("/missing", "second-request");
        get("/found", "third-request");
        LogCapture.Captured first = accessLine("first-request");
        LogCapture.Captured second = accessLine("second-request");
        accessLine("third-request");

        assertTrue(first.message().matches("GET /found 200 [0-9]+\\.[0-9]{3}ms client=\\S+"), first.message());
        assertTrue(second.message().matches("GET /missing 404 [0-9]+\\.[0-9]{3}ms client=\\S+ NOT_FOUND: No resource matches this path\\."), second.message());
        assertEquals(Level.INFO, first.level());
        assertTrue(first.line().contains(" INFO userapi.http.EdgeFilter [first-request] GET /found 200 "), first.line());
        for (String id : List.of("first-request", "second-request", "third-request")) {
            assertEquals(1, logs.all().stream().filter(c -> isAccessLine(c)
                    && c.line().contains("[" + id + "]")).count(), id);
        }
        assertTrue(logs.all().stream().noneMatch(c -> c.line().contains("secret=query")), "the query is not logged");
    }

    @Test
    void logs_the_status_of_the_error_answer_in_the_access_line() throws IOException, InterruptedException {
        serve(exchange -> {
            throw new IllegalStateException("boom");
        });

        get("/boom", "failing-request");

        assertTrue(accessLine("failing-request").message().startsWith("GET /boom 500 "));
    }

    @Test
    void truncates_a_very_long_path_in_the_access_line() throws IOException, InterruptedException {
        serve(ECHO_IDS);
        String longPath = "/" + "p".repeat(500);

        get(longPath, "long-path");

        String message = accessLine("long-path").message();
        assertTrue(message.startsWith("GET " + LogText.truncate(longPath) + " 200 "), message);
        assertTrue(message.length() < 300, message);
    }

    @Test
    void clears_the_log_context_when_the_request_is_done() throws IOException, InterruptedException {
        // One worker thread for both contexts, so the second request runs on the thread the first one used.
        HttpServer bare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            bare.createContext("/with", ECHO_IDS).getFilters().add(new EdgeFilter(new JsonBodyWriter(JsonMappers.strict())));
            bare.createContext("/without", ECHO_IDS);
            bare.setExecutor(oneThread);
            bare.start();
            String base = "http://127.0.0.1:" + bare.getAddress().getPort();

            HttpResponse<String> with = client.send(request(URI.create(base + "/with"), "kept-id"),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            HttpResponse<String> without = client.send(request(URI.create(base + "/without"), "kept-id"),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertEquals("kept-id kept-id", with.body());
            assertEquals("null null", without.body());
        } finally {
            bare.stop(0);
            oneThread.close();
        }
    }

    @Test
    void gives_each_exchange_its_own_id_while_other_requests_are_in_flight() throws Exception {
        CountDownLatch slowInside = new CountDownLatch(1);
        CountDownLatch fastDone = new CountDownLatch(1);
        serve(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowInside.countDown();
                awaitOrFail(fastDone);
            }
            ECHO_IDS.handle(exchange);
        });

        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(request(server.uri("/slow"), "slow-request"),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        awaitOrFail(slowInside);
        HttpResponse<String> fast = get("/fast", "fast-request");
        fastDone.countDown();

        assertEquals("fast-request fast-request", fast.body());
        assertEquals("slow-request slow-request", slow.get(10, TimeUnit.SECONDS).body(),
                "the slow request must not see the id of the request that came in after it");
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the other request never arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void has_no_id_for_an_exchange_it_never_saw() throws IOException, InterruptedException {
        HttpServer bare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try {
            bare.createContext("/", (HttpExchange exchange) -> ECHO_IDS.handle(exchange));
            bare.start();

            HttpResponse<String> response = client.send(request(URI.create("http://127.0.0.1:" + bare.getAddress().getPort()
                    + "/plain"), "ignored-id"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

            assertEquals("null null", response.body());
        } finally {
            bare.stop(0);
        }
    }

    @Test
    void makes_new_ids_that_are_distinct_version_4_uuids() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = EdgeFilter.newId();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void writes_durations_as_milliseconds_with_three_decimals() {
        assertEquals("0.007", EdgeFilter.millis(7));
        assertEquals("1.234", EdgeFilter.millis(1234));
        assertEquals("12.050", EdgeFilter.millis(12_050));
    }

    /** The access line is the edge filter's INFO record; its SEVERE records are reports of unexpected failures. */
    private static boolean isAccessLine(LogCapture.Captured captured) {
        return captured.loggerName().equals(EdgeFilter.class.getName()) && captured.level() == Level.INFO;
    }
}
