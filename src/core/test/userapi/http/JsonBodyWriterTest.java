package userapi.http;

import com.sun.net.httpserver.HttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unit tests of JsonBodyWriter on a real exchange (a bare HttpServer, no filters): UTF-8 JSON with its exact length,
 * extra headers, no body for null or HEAD, and a serialisation failure that leaves the exchange untouched.
 */
class JsonBodyWriterTest {
    private final JsonMapper mapper = JsonMappers.strict();
    private final JsonBodyWriter writer = new JsonBodyWriter(mapper);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        client.close();
    }

    private void serve(HttpHandler handler) {
        server = TestServer.start(handler, List.of());
    }

    private HttpResponse<byte[]> send(String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    record Greeting(String name, int count) {
    }

    /** Jackson calls the accessor while serialising, so this record cannot be written. */
    record Unwritable(String secret) {
        @Override
        public String secret() {
            throw new IllegalStateException("accessor blew up");
        }
    }

    @Test
    void writes_the_body_as_utf8_json_with_its_exact_length() throws IOException, InterruptedException {
        serve(exchange -> writer.write(exchange, 200, Map.of(), new Greeting("김민준 😀", 2)));

        HttpResponse<byte[]> response = send("GET", "/greeting");

        byte[] expected = "{\"name\":\"김민준 😀\",\"count\":2}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(expected.length, response.headers().firstValueAsLong("Content-Length").orElseThrow());
        assertArrayEquals(expected, response.body());
    }

    @Test
    void sets_the_extra_headers_and_lets_them_override_the_content_type() throws IOException, InterruptedException {
        serve(exchange -> writer.write(exchange, 201, Map.of("Location", "/users/1", "Content-Type", Problem.MEDIA_TYPE),
                Map.of("id", 1)));

        HttpResponse<byte[]> response = send("POST", "/users");

        assertEquals(201, response.statusCode());
        assertEquals("/users/1", response.headers().firstValue("Location").orElseThrow());
        assertEquals(List.of(Problem.MEDIA_TYPE), response.headers().allValues("Content-Type"));
        assertEquals("{\"id\":1}", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void sends_no_body_and_no_content_type_for_a_null_body() throws IOException, InterruptedException {
        serve(exchange -> writer.write(exchange, 204, Map.of(), null));

        HttpResponse<byte[]> response = send("DELETE", "/users/1");

        assertEquals(204, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").isEmpty());
        assertEquals(0, response.body().length);
    }

    @Test
    void sends_headers_but_no_body_for_head() throws IOException, InterruptedException {
        serve(exchange -> writer.write(exchange, 200, Map.of(), new Greeting("Ada", 1)));

        HttpResponse<byte[]> response = send("HEAD", "/greeting");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0, response.body().length);
    }

    @Test
    void ends_the_exchange_so_the_connection_serves_the_next_request() throws IOException, InterruptedException {
        AtomicInteger count = new AtomicInteger();
        serve(exchange -> writer.write(exchange, 200, Map.of(), Map.of("n", count.incrementAndGet())));

        for (int i = 1; i <= 3; i++) {
            assertEquals("{\"n\":" + i + "}", new String(send("GET", "/n").body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void throws_before_sending_anything_when_the_body_cannot_be_serialised() throws IOException, InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicInteger codeAfterFailure = new AtomicInteger();
        serve(exchange -> {
            try {
                writer.write(exchange, 200, Map.of("Location", "/x"), new Unwritable("s"));
            } catch (RuntimeException e) {
                failure.set(e);
                codeAfterFailure.set(exchange.getResponseCode());
                exchange.sendResponseHeaders(503, -1); // still possible: nothing went out
                exchange.close();
            }
        });

        HttpResponse<byte[]> response = send("GET", "/unwritable");

        assertEquals(503, response.statusCode());
        assertInstanceOf(JacksonException.class, failure.get());
        assertEquals(-1, codeAfterFailure.get(), "no status line was sent before the failure");
        assertTrue(response.headers().firstValue("Location").isEmpty(), "no header was set before the failure");
    }
}
