package userapi.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The client side shared by the test servers: HTTP/1.1 to 127.0.0.1 on the server's port, every answer a Reply. */
public abstract class HttpTarget implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30); // a bound, not a speed assertion

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers: the server sees what we wrote
            .connectTimeout(TIMEOUT)
            .build();

    /** The password of the admin that {@link #signInAsAdmin()} makes. */
    public static final String ADMIN_PASSWORD = "admin's own passphrase";
    public static final String ADMIN_EMAIL = "admin@example.com";

    /** The bearer token every request of this target carries, if authorizeAs set one. */
    private volatile String bearer;

    public abstract int port();

    /** A client for a server the test started itself, on this port. */
    public static HttpTarget onPort(int port) {
        return new HttpTarget() {
            @Override
            public int port() {
                return port;
            }
        };
    }

    /** From now on every request carries {@code Authorization: Bearer token}, unless it names its own; null: none. */
    public void authorizeAs(String token) {
        bearer = token;
    }

    /** POST /auth/login; fails the test unless 200; returns the access token. */
    public String logIn(String email, String password) throws IOException, InterruptedException {
        Reply reply = send(builder("/auth/login", false).header("Content-Type", Reply.JSON)
                .POST(BodyPublishers.ofString(json("email", email, "password", password), StandardCharsets.UTF_8)).build());
        assertEquals(200, reply.status(), "POST /auth/login: " + reply.body());
        return reply.json().get("accessToken").stringValue();
    }

    /** Makes the user with this e-mail an admin, the way this kind of server allows (no request can). */
    public void promote(String email) throws IOException, InterruptedException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot promote: no store or command at hand");
    }

    /** Signs up admin@example.com, promotes and signs them in: every later request is the admin's. Returns their id. */
    public String signInAsAdmin() throws IOException, InterruptedException {
        String id = createUserId("Admin", ADMIN_EMAIL, ADMIN_PASSWORD);
        promote(ADMIN_EMAIL);
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        return id;
    }

    /** Logs in and makes every later request of this target carry the token; returns it. */
    public String signIn(String email, String password) throws IOException, InterruptedException {
        String token = logIn(email, password);
        authorizeAs(token);
        return token;
    }

    public HttpClient client() {
        return client;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** A request builder for a path of this server, with the bounding timeout and any authorizeAs token set. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return builder(pathAndQuery, true);
    }

    private HttpRequest.Builder builder(String pathAndQuery, boolean withBearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT);
        String token = bearer;
        return withBearer && token != null ? builder.header("Authorization", "Bearer " + token) : builder;
    }

    public Reply send(HttpRequest request) throws IOException, InterruptedException {
        return new Reply(client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8)), mapper);
    }

    /** Any method; body and content type may be null (no body, no Content-Type); headers come as name, value, ... */
    public Reply send(String method, String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        boolean ownAuthorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        HttpRequest.Builder builder = builder(path, !ownAuthorization);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        BodyPublisher publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return send(builder.method(method, publisher).build());
    }

    /** Sends the bytes exactly as given, as application/json. */
    public Reply sendJson(String method, String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", Reply.JSON).method(method, BodyPublishers.ofByteArray(body)).build());
    }

    public Reply sendJson(String method, String path, String body) throws IOException, InterruptedException {
        return sendJson(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    public Reply post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, Reply.JSON, json);
    }

    public Reply patch(String path, String json) throws IOException, InterruptedException {
        return send("PATCH", path, Reply.JSON, json);
    }

    public Reply delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null, null);
    }

    /** POSTs a valid user and returns the 201 body; fails the test on any other answer. */
    public JsonNode createUser(String name, String email, String password) throws IOException, InterruptedException {
        return created(name, email, password).json();
    }

    /** POSTs a valid user and returns its id, taken from the Location header; fails the test unless 201 with one. */
    public String createUserId(String name, String email) throws IOException, InterruptedException {
        return createUserId(name, email, "correct horse");
    }

    /** POSTs a valid user with this password and returns its id; fails the test unless 201 with a Location. */
    public String createUserId(String name, String email, String password) throws IOException, InterruptedException {
        Reply created = created(name, email, password);
        String location = created.header("Location");
        assertNotNull(location, "no Location on the 201: " + created.body());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Reply created(String name, String email, String password) throws IOException, InterruptedException {
        Reply reply = send(builder("/users", false).header("Content-Type", Reply.JSON)
                .POST(BodyPublishers.ofString(userJson(name, email, password), StandardCharsets.UTF_8)).build());
        assertEquals(201, reply.status(), "POST /users: " + reply.body());
        return reply;
    }

    /** A JSON object of the given name, value pairs, properly escaped; a null value is written as JSON null. */
    public String json(Object... namesAndValues) {
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

    public String userJson(String name, String email, String password) {
        return json("name", name, "email", email, "password", password);
    }

    /** Closes the client; a subclass stops its server first, then calls this. */
    @Override
    public void close() {
        client.close();
    }
}
