package userapi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import userapi.repository.InMemoryUserRepository;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test helper of the end-to-end layer: the real App on 127.0.0.1, port 0, with an empty in-memory repository,
 * and a java.net.http client that talks HTTP/1.1 to it. One per test, so no state leaks between tests.
 */
final class RunningApp implements AutoCloseable {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "instance", "code", "requestId");
    private static final Duration TIMEOUT = Duration.ofSeconds(20); // a bound, not a speed assertion

    private final App app;
    private final HttpClient client;
    private final JsonMapper mapper = JsonMapper.builder().build();

    private RunningApp(App app) {
        this.app = app;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    static RunningApp start() throws IOException {
        return new RunningApp(App.start(new Config("127.0.0.1", 0, Set.of("mailinator.com"), 1000),
                new InMemoryUserRepository()));
    }

    /** A request builder for a path of this app, with the bounding timeout already set. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(TIMEOUT);
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        var response = client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(request.uri(), response.statusCode(), response.headers(), response.body(), mapper);
    }

    /** Any method; body and content type may be null (no body, no Content-Type); headers come as name, value, ... */
    Reply send(String method, String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        BodyPublisher publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return send(builder.method(method, publisher).build());
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, JSON, json);
    }

    Reply patch(String path, String json) throws IOException, InterruptedException {
        return send("PATCH", path, JSON, json);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null, null);
    }

    /** POSTs a valid user and returns the 201 body. */
    JsonNode createUser(String name, String email, String password) throws IOException, InterruptedException {
        Reply reply = post("/users", userJson(name, email, password));
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    /** A JSON object of the given name, value pairs, properly escaped; a null value is written as JSON null. */
    String json(Object... namesAndValues) {
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            switch (value) {
                case null -> node.putNull(name);
                case String s -> node.put(name, s);
                case Integer n -> node.put(name, n);
                case Boolean b -> node.put(name, b);
                default -> throw new IllegalArgumentException("unsupported JSON value " + value);
            }
        }
        return mapper.writeValueAsString(node);
    }

    String userJson(String name, String email, String password) {
        return json("name", name, "email", email, "password", password);
    }

    /**
     * Server first: if the client closed its idle keep-alive connection first, the JDK server would sometimes
     * count it as a request in progress and wait out the App's whole two-second stop delay.
     */
    @Override
    public void close() {
        app.close();
        client.close();
    }

    /** One response, read fully as UTF-8, with assertions for the shapes the contract promises. */
    record Reply(URI uri, int status, HttpHeaders headers, String body, JsonMapper mapper) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            return mapper.readTree(body);
        }

        /** Asserts the RFC 9457 problem shape of an error and returns its body. */
        JsonNode assertProblem(int expectedStatus, String expectedCode) {
            assertEquals(expectedStatus, status, body);
            assertEquals(PROBLEM_JSON, header("Content-Type"), body);
            JsonNode problem = json();
            Set<String> expectedFields = new HashSet<>(PROBLEM_FIELDS);
            if (expectedCode.equals("VALIDATION_FAILED")) {
                expectedFields.add("errors");
            }
            assertEquals(expectedFields, Set.copyOf(problem.propertyNames()), body);
            assertEquals(expectedCode, problem.get("code").stringValue());
            assertEquals(expectedStatus, problem.get("status").intValue());
            assertTrue(problem.get("type").stringValue().startsWith("urn:"), body);
            assertEquals(uri.getRawPath(), problem.get("instance").stringValue());
            assertFalse(problem.get("title").stringValue().isBlank(), body);
            assertFalse(problem.get("detail").stringValue().isBlank(), body);
            assertEquals(header("X-Request-Id"), problem.get("requestId").stringValue());
            return problem;
        }

        /** Asserts a 422 VALIDATION_FAILED and returns the names of the fields it lists, in order. */
        List<String> assertValidationFailed() {
            JsonNode problem = assertProblem(422, "VALIDATION_FAILED");
            List<String> fields = new ArrayList<>();
            for (JsonNode error : problem.get("errors").values()) {
                assertEquals(Set.of("field", "message"), Set.copyOf(error.propertyNames()), body);
                assertFalse(error.get("message").stringValue().isBlank(), body);
                fields.add(error.get("field").stringValue());
            }
            assertFalse(fields.isEmpty(), body);
            return fields;
        }
    }
}
