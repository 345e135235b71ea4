import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;

/**
 * The ceiling of `make bench`: the JDK's HttpServer on virtual threads with no layer at all, answering constant
 * bytes shaped like the real API's (a user for GET /users/{id}, a page of 20 for GET /users, a 422 problem for
 * any POST). Whatever the real server adds on top of this is the cost of routing, JSON, validation, logging...
 */
public final class BareServer {
    private static final String USER = "{\"id\":\"3f2b8c4e-8d7a-4c59-9a51-6c1d2e0f4a7b\",\"name\":\"Ada Lovelace\","
            + "\"email\":\"ada@example.com\",\"createdAt\":\"2025-01-01T12:00:00.000Z\"}";
    private static final byte[] ONE_USER = USER.getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAGE = ("{\"items\":[" + String.join(",", java.util.Collections.nCopies(20, USER))
            + "],\"total\":50,\"limit\":20,\"offset\":0}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] PROBLEM = ("{\"type\":\"urn:userapi:problem:validation-failed\",\"title\":\"Validation failed\","
            + "\"status\":422,\"detail\":\"1 field is invalid.\",\"instance\":\"/users\",\"code\":\"VALIDATION_FAILED\","
            + "\"requestId\":\"3f2b8c4e-8d7a-4c59-9a51-6c1d2e0f4a7b\","
            + "\"errors\":[{\"field\":\"email\",\"message\":\"must be a well-formed email address\"}]}")
            .getBytes(StandardCharsets.UTF_8);

    private BareServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", BareServer::answer);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        // The same shape as the app's line, time first: make bench reads the port and the time from it.
        System.out.println(Instant.now() + " bare server listening on http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; var in = exchange.getRequestBody()) {
            in.readAllBytes(); // a real server reads the body too
            boolean get = exchange.getRequestMethod().equals("GET");
            byte[] body = !get ? PROBLEM : exchange.getRequestURI().getPath().equals("/users") ? PAGE : ONE_USER;
            exchange.getResponseHeaders().set("Content-Type", get ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(get ? 200 : 422, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
