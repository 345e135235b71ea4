package userapi.http;

import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;
import com.sun.net.httpserver.HttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import userapi.exception.ExpectedException;
import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.EmailDomainNotAllowed;
import userapi.exception.FieldError;
import userapi.exception.UserNotFound;
import userapi.exception.ValidationFailed;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests of EdgeFilter as the global exception handler (with the error codes and JsonBodyWriter as App wires them) on a real
 * server whose handler throws what each test wants: every failure becomes one problem+json answer, expected ones
 * logged at INFO without a trace, anything else a 500 that hides its internals and is logged once at SEVERE.
 */
class EdgeFilterTest {
    private static final String GENERIC_DETAIL = "An unexpected error occurred. Quote the request id if you report it.";

    private final JsonMapper mapper = JsonMappers.strict();
    private final JsonBodyWriter writer = new JsonBodyWriter(mapper);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final LogCapture logs = LogCapture.attach(EdgeFilter.class);
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
        logs.close();
    }

    private void serve(HttpHandler handler) {
        server = TestServer.withAppFilters(handler, writer);
    }

    private static HttpHandler throwing(RuntimeException failure) {
        return exchange -> {
            throw failure;
        };
    }

    private HttpResponse<String> send(String method, String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** EdgeFilter writes the access line last, so once it is logged the exchange has been handled fully. */
    private void awaitAccessLine(String requestId) {
        logs.await(c -> isAccessLine(c) && c.line().contains("[" + requestId + "]"));
    }

    private String requestId(HttpResponse<?> response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    /** Jackson calls the accessor while serialising, so this record cannot be written. */
    record Unwritable(String secret) {
        @Override
        public String secret() {
            throw new IllegalStateException("accessor blew up");
        }
    }

    static Stream<Arguments> expectedFailures() {
        return Stream.of(
                Arguments.of(RejectedRequest.malformedJson("The request body is not valid JSON."), 400, "MALFORMED_JSON", "Malformed JSON"),
                Arguments.of(RejectedRequest.notFound(), 404, "NOT_FOUND", "Not found"),
                Arguments.of(new UserNotFound(), 404, "USER_NOT_FOUND", "User not found"),
                Arguments.of(RejectedRequest.methodNotAllowed(List.of("GET", "HEAD", "OPTIONS")), 405, "METHOD_NOT_ALLOWED", "Method not allowed"),
                Arguments.of(new EmailAlreadyRegistered(), 409, "EMAIL_ALREADY_REGISTERED", "E-mail already registered"),
                Arguments.of(new RejectedRequest(Reason.PAYLOAD_TOO_LARGE, "The request body is larger than " + 65536 + " bytes."), 413, "PAYLOAD_TOO_LARGE", "Payload too large"),
                Arguments.of(new RejectedRequest(Reason.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent as application/json."), 415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type"),
                Arguments.of(new EmailDomainNotAllowed("blocked.example"), 422, "EMAIL_DOMAIN_NOT_ALLOWED", "E-mail domain not allowed"),
                Arguments.of(new ValidationFailed("email", "must be a well-formed email address"), 422, "VALIDATION_FAILED",
                        "Validation failed"));

    }

    @ParameterizedTest(name = "{2} -> {1}")
    @MethodSource("expectedFailures")
    void answers_each_expected_failure_with_its_problem(ExpectedException failure, int status, String code, String title)
            throws IOException, InterruptedException {
        serve(throwing(failure));

        HttpResponse<String> response = send("POST", "/things/a%20b?x=1", "client-id-1");

        assertEquals(status, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("client-id-1", requestId(response));
        JsonNode body = mapper.readTree(response.body());
        assertEquals("urn:userapi:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), body.get("type").asString());
        assertEquals(title, body.get("title").asString());
        assertEquals(status, body.get("status").asInt());
        assertEquals(failure.getMessage(), body.get("detail").asString());
        assertEquals("/things/a%20b", body.get("instance").asString());
        assertEquals(code, body.get("code").asString());
        assertEquals("client-id-1", body.get("requestId").asString());
        assertEquals(failure instanceof ValidationFailed, body.has("errors"));
    }

    @Test
    void lists_every_field_error_of_a_validation_failure() throws IOException, InterruptedException {
        serve(throwing(new ValidationFailed(List.of(new FieldError("name", "must not be null"),
                new FieldError("password", "length must be between 8 and 128")))));

        JsonNode body = mapper.readTree(send("POST", "/users", null).body());

        assertEquals("[{\"field\":\"name\",\"message\":\"must not be null\"},"
                + "{\"field\":\"password\",\"message\":\"length must be between 8 and 128\"}]", body.get("errors").toString());
        assertEquals("2 fields are invalid.", body.get("detail").asString());
    }

    @Test
    void sends_the_allowed_methods_in_the_allow_header_of_a_405() throws IOException, InterruptedException {
        serve(throwing(RejectedRequest.methodNotAllowed(List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH"))));

        HttpResponse<String> response = send("PUT", "/users/1", null);

        assertEquals(405, response.statusCode());
        assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void sends_no_allow_header_with_other_problems() throws IOException, InterruptedException {
        serve(throwing(RejectedRequest.notFound()));

        assertTrue(send("GET", "/nothing", null).headers().firstValue("Allow").isEmpty());
    }

    @Test
    void answers_head_with_the_problem_status_and_no_body() throws IOException, InterruptedException {
        serve(throwing(RejectedRequest.notFound()));

        HttpResponse<String> response = send("HEAD", "/nothing", null);

        assertEquals(404, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void logs_an_expected_failure_once_at_info_in_the_access_line_without_a_stack_trace()
            throws IOException, InterruptedException {
        serve(throwing(new UserNotFound()));

        String id = requestId(send("GET", "/users/1", null));
        awaitAccessLine(id);

        assertTrue(logs.all().stream().noneMatch(c -> c.level() != Level.INFO), "no second line at another level");
        List<LogCapture.Captured> access = logs.all().stream()
                .filter(c -> isAccessLine(c)).toList();
        assertEquals(1, access.size(), access.toString());
        assertEquals(Level.INFO, access.getFirst().level());
        assertNull(access.getFirst().record().getThrown());
        assertTrue(access.getFirst().message().matches("GET /users/1 404 \\d+\\.\\d{3}ms client=\\S+ USER_NOT_FOUND: No user has this id\\."),
                access.getFirst().message());
        assertTrue(access.getFirst().line().contains("[" + id + "]"), access.getFirst().line());
    }

    static Stream<Throwable> unexpectedFailures() {
        return Stream.of(new IllegalStateException("db password is hunter2"),
                new NullPointerException("Cannot invoke \"String.length()\" because \"secret\" is null"),
                new Error("internal secret state"));
    }

    @ParameterizedTest
    @MethodSource("unexpectedFailures")
    void answers_an_unexpected_failure_with_a_generic_500_that_hides_internals(Throwable failure)
            throws IOException, InterruptedException {
        serve(exchange -> {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        });

        HttpResponse<String> response = send("GET", "/boom", "trace-me");

        assertEquals(500, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = mapper.readTree(response.body());
        assertEquals("urn:userapi:problem:internal-error", body.get("type").asString());
        assertEquals("Internal server error", body.get("title").asString());
        assertEquals(500, body.get("status").asInt());
        assertEquals(GENERIC_DETAIL, body.get("detail").asString());
        assertEquals("/boom", body.get("instance").asString());
        assertEquals("INTERNAL_ERROR", body.get("code").asString());
        assertEquals("trace-me", body.get("requestId").asString());
        assertFalse(body.has("errors"));
        String text = response.body();
        for (String internal : List.of(failure.getClass().getSimpleName(), "java.", "hunter2", "secret", "at userapi",
                "\tat ", "Exception")) {
            assertFalse(text.contains(internal), "the body gives away " + internal + ": " + text);
        }
    }

    @Test
    void logs_an_unexpected_failure_once_at_severe_with_its_stack_trace() throws IOException, InterruptedException {
        IllegalStateException failure = new IllegalStateException("db password is hunter2");
        serve(throwing(failure));

        String id = requestId(send("DELETE", "/users/7", null));
        awaitAccessLine(id);

        List<LogCapture.Captured> severe = logs.from(EdgeFilter.class, Level.SEVERE);
        assertEquals(1, severe.size(), logs.all().toString());
        assertSame(failure, severe.getFirst().record().getThrown());
        assertEquals("unexpected error while handling DELETE /users/7", severe.getFirst().message());
        String line = severe.getFirst().line();
        assertTrue(line.contains("[" + id + "]"), line);
        assertTrue(line.contains("java.lang.IllegalStateException: db password is hunter2"), line);
        assertTrue(line.contains("\tat "), "the stack trace is in the log: " + line);
    }

    @Test
    void logs_an_error_such_as_an_assertion_error_at_severe_too() throws IOException, InterruptedException {
        AssertionError failure = new AssertionError("invariant broken");
        serve(exchange -> {
            throw failure;
        });

        String id = requestId(send("GET", "/boom", null));
        awaitAccessLine(id);

        List<LogCapture.Captured> severe = logs.from(EdgeFilter.class, Level.SEVERE);
        assertEquals(1, severe.size());
        assertSame(failure, severe.getFirst().record().getThrown());
    }

    @Test
    void does_not_send_a_second_response_when_the_handler_fails_after_sending_headers()
            throws IOException, InterruptedException {
        IllegalStateException failure = new IllegalStateException("half way");
        serve(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw failure;
        });

        HttpResponse<String> response = send("GET", "/stream", null);
        awaitAccessLine(requestId(response));

        assertEquals(200, response.statusCode());
        assertEquals("partial", response.body());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(1, logs.from(EdgeFilter.class, Level.SEVERE).size());
        assertEquals("GET /stream 200", accessLineWithoutTime(requestId(response)));
    }

    @Test
    void treats_an_io_failure_after_the_headers_as_a_client_gone_away_not_as_a_bug() throws IOException, InterruptedException {
        serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("Broken pipe");
        });

        HttpResponse<String> response = send("GET", "/stream", null);
        awaitAccessLine(requestId(response));

        assertEquals(200, response.statusCode());
        assertEquals("partial", response.body());
        assertTrue(logs.from(EdgeFilter.class, Level.SEVERE).isEmpty(), logs.all().toString());
        assertEquals(1, logs.from(EdgeFilter.class, Level.FINE).size());
    }

    @Test
    void logs_a_problem_the_closed_connection_could_not_take_at_fine_without_a_trace_and_says_so_in_the_access_line()
            throws InterruptedException {
        serve(exchange -> {
            exchange.close(); // what the JDK's time limit does to a connection under a slow request
            throw new UserNotFound();
        });

        assertThrows(IOException.class, () -> send("GET", "/gone", null));
        LogCapture.Captured access = logs.await(c -> isAccessLine(c) && c.message().startsWith("GET /gone "));

        assertTrue(access.message().endsWith("USER_NOT_FOUND: No user has this id. (not sent: the connection is closed)"),
                access.message());
        assertTrue(logs.from(EdgeFilter.class, Level.SEVERE).isEmpty(), logs.all().toString());
        List<LogCapture.Captured> fine = logs.from(EdgeFilter.class, Level.FINE); // the client may retry a GET once
        assertFalse(fine.isEmpty(), logs.all().toString());
        fine.forEach(line -> assertNull(line.record().getThrown(), "no stack trace for a closed connection: " + line));
    }

    @Test
    void answers_a_clean_500_when_the_handlers_body_cannot_be_serialised() throws IOException, InterruptedException {
        serve(exchange -> writer.write(exchange, 200, Map.of("Location", "/x"), new Unwritable("s")));

        HttpResponse<String> response = send("GET", "/unwritable", null);
        awaitAccessLine(requestId(response));

        assertEquals(500, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().firstValue("Location").isEmpty());
        JsonNode body = mapper.readTree(response.body());
        assertEquals("INTERNAL_ERROR", body.get("code").asString());
        assertEquals(GENERIC_DETAIL, body.get("detail").asString());
        assertFalse(response.body().contains("accessor blew up"), response.body());
        assertFalse(response.body().contains("Unwritable"), response.body());
        assertEquals(1, logs.from(EdgeFilter.class, Level.SEVERE).size());
    }

    @Test
    void falls_back_to_a_fixed_500_when_even_the_problem_cannot_be_written() throws IOException, InterruptedException {
        server = TestServer.start(throwing(new IllegalStateException("first failure")),
                List.of(new EdgeFilter(brokenProblemWriter())));

        HttpResponse<String> response = send("GET", "/boom", null);
        awaitAccessLine(requestId(response));

        assertEquals(500, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"type\":\"urn:userapi:problem:internal-error\",\"title\":\"Internal server error\","
                + "\"status\":500,\"code\":\"INTERNAL_ERROR\"}", response.body());
        List<String> severe = logs.from(EdgeFilter.class, Level.SEVERE).stream().map(LogCapture.Captured::message).toList();
        assertEquals(List.of("unexpected error while handling GET /boom", "could not write the error response"), severe);
    }

    @Test
    void answers_with_the_fixed_500_also_for_an_expected_failure_whose_problem_cannot_be_written()
            throws IOException, InterruptedException {
        server = TestServer.start(throwing(new UserNotFound()),
                List.of(new EdgeFilter(brokenProblemWriter())));

        HttpResponse<String> response = send("GET", "/users/1", null);

        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("\"code\":\"INTERNAL_ERROR\""), response.body());
    }

    @Test
    void passes_a_successful_response_through_untouched() throws IOException, InterruptedException {
        serve(exchange -> writer.write(exchange, 200, Map.of(), Map.of("status", "ok")));

        HttpResponse<String> response = send("GET", "/health", null);
        awaitAccessLine(requestId(response));

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ok\"}", response.body());
        assertEquals(List.of(Level.INFO), logs.all().stream().map(LogCapture.Captured::level).toList(),
                "only the access line");
    }

    @Test
    void quotes_the_failing_requests_own_id_while_other_requests_are_in_flight() throws Exception {
        CountDownLatch slowInside = new CountDownLatch(1);
        CountDownLatch fastDone = new CountDownLatch(1);
        serve(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowInside.countDown();
                try {
                    if (!fastDone.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the fast request never finished");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                throw new UserNotFound();
            }
            writer.write(exchange, 200, Map.of(), Map.of("ok", true));
        });

        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(server.uri("/slow"))
                .header("X-Request-Id", "slow-request").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTrue(slowInside.await(10, TimeUnit.SECONDS), "the slow request never reached its handler");
        assertEquals(200, send("GET", "/fast", "fast-request").statusCode());
        fastDone.countDown();

        HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
        assertEquals(404, response.statusCode());
        assertEquals("slow-request", requestId(response));
        assertEquals("slow-request", mapper.readTree(response.body()).get("requestId").asString(),
                "the problem must quote the id of its own request, not of the one that came in after it");
    }

    /** A writer whose mapper fails on every Problem, so the filter must fall back to its fixed 500. */
    private static JsonBodyWriter brokenProblemWriter() {
        return new JsonBodyWriter(JsonMapper.builder().addModule(new SimpleModule().addSerializer(Problem.class,
                new ValueSerializer<Problem>() {
                    @Override
                    public void serialize(Problem value, JsonGenerator gen, SerializationContext context) {
                        throw new IllegalStateException("problem serialiser is broken");
                    }
                })).build());
    }

    /** The access line's message without its trailing duration, e.g. "GET /stream 200". */
    private String accessLineWithoutTime(String requestId) {
        LogCapture.Captured access = logs.await(c -> isAccessLine(c)
                && c.line().contains("[" + requestId + "]"));
        return access.message().replaceFirst(" [0-9]+\\.[0-9]{3}ms client=\\S+$", "");
    }

    /** The access line is the edge filter's INFO record; its SEVERE records are reports of unexpected failures. */
    private static boolean isAccessLine(LogCapture.Captured captured) {
        return captured.loggerName().equals(EdgeFilter.class.getName()) && captured.level() == Level.INFO;
    }

    @Test
    void names_the_user_a_decorator_proved_in_the_access_line() throws Exception {
        java.util.UUID ada = java.util.UUID.fromString("3f2b8c4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f");
        Router router = new Router(writer, 1024)
                .get("/users/me", request -> {
                    userapi.logging.LogContext.setUser(ada.toString()); // what a sign-in decorator does
                    return Response.noContent();
                })
                .get("/health", request -> Response.noContent());
        server = TestServer.start(router, List.of(new EdgeFilter(writer)));

        String signedIn = requestId(send("GET", "/users/me", null));
        String anonymous = requestId(send("GET", "/health", null));
        awaitAccessLine(signedIn);
        awaitAccessLine(anonymous);

        List<LogCapture.Captured> access = logs.all().stream().filter(c -> isAccessLine(c)).toList();
        assertTrue(access.stream().anyMatch(c -> c.message().matches("GET /users/me 204 \\d+\\.\\d{3}ms client=\\S+ user=" + ada)),
                access.toString());
        assertTrue(access.stream().anyMatch(c -> c.message().matches("GET /health 204 \\d+\\.\\d{3}ms client=\\S+")),
                "the next request on the thread does not inherit the user: " + access);
    }

    @Test
    void names_the_peer_as_the_client_and_hands_it_to_the_handler_unless_an_extra_resolved_another() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Router router = new Router(writer, 1024)
                .get("/direct", request -> {
                    seen.add(request.clientAddress());
                    return Response.noContent();
                })
                .get("/proxied", request -> {
                    userapi.logging.LogContext.setClientAddress("203.0.113.9"); // what a trusted-proxy resolver does
                    return Response.noContent();
                });
        server = TestServer.start(router, List.of(new EdgeFilter(writer)));

        String direct = requestId(send("GET", "/direct", null));
        String proxied = requestId(send("GET", "/proxied", null));
        awaitAccessLine(direct);
        awaitAccessLine(proxied);

        assertEquals(List.of("127.0.0.1"), seen);
        List<String> access = logs.all().stream().filter(c -> isAccessLine(c)).map(LogCapture.Captured::message).toList();
        assertTrue(access.stream().anyMatch(m -> m.matches("GET /direct 204 \\d+\\.\\d{3}ms client=127\\.0\\.0\\.1")),
                access.toString());
        assertTrue(access.stream().anyMatch(m -> m.matches("GET /proxied 204 \\d+\\.\\d{3}ms client=203\\.0\\.113\\.9")),
                access.toString());
    }
}
