package userapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lecture's server end to end, as make run-core starts it, on port 0: every route of its table over real HTTP,
 * with no sign-in, and its answers to what it refuses.
 */
class AppTest {
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private App app;

    @BeforeEach
    void start() throws IOException {
        app = App.start("127.0.0.1", 0, Set.of("mailinator.com"));
    }

    @AfterEach
    void stop() {
        app.close();
        client.close();
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void declares_the_lectures_routes_and_nothing_else() {
        List<String> routes = app.routes().stream().map(route -> route.method() + " " + route.template()).toList();

        assertEquals(List.of("GET /health", "POST /users", "GET /users", "GET /users/{id}", "PATCH /users/{id}",
                "DELETE /users/{id}"), routes);
    }

    @Test
    void creates_reads_lists_changes_and_deletes_a_user_without_signing_in() throws Exception {
        HttpResponse<String> created = send("POST", "/users",
                "{\"name\":\" Ada \",\"email\":\"Ada@Example.com\",\"password\":\"correct horse\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode user = mapper.readTree(created.body());
        String id = user.get("id").asString();
        assertEquals("/users/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("Ada", user.get("name").asString());
        assertEquals("ada@example.com", user.get("email").asString());
        assertFalse(created.body().contains("password"), "the response model has no password: " + created.body());

        HttpResponse<String> read = send("GET", "/users/" + id, null);
        assertEquals(200, read.statusCode());
        assertEquals("\"1\"", read.headers().firstValue("ETag").orElseThrow());

        JsonNode page = mapper.readTree(send("GET", "/users?limit=5", null).body());
        assertEquals(1, page.get("total").asInt());
        assertEquals(id, page.get("items").get(0).get("id").asString());

        HttpResponse<String> changed = send("PATCH", "/users/" + id, "{\"name\":\"Ada Lovelace\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("Ada Lovelace", mapper.readTree(changed.body()).get("name").asString());

        assertEquals(204, send("DELETE", "/users/" + id, null).statusCode());
        HttpResponse<String> gone = send("GET", "/users/" + id, null);
        assertEquals(404, gone.statusCode());
        assertEquals("USER_NOT_FOUND", mapper.readTree(gone.body()).get("code").asString());
    }

    @Test
    void reports_every_invalid_field_at_once_and_refuses_a_blocked_domain() throws Exception {
        HttpResponse<String> invalid = send("POST", "/users", "{\"name\":\"\",\"email\":\"not-an-email\",\"password\":\"short\"}");
        HttpResponse<String> blocked = send("POST", "/users",
                "{\"name\":\"Eve\",\"email\":\"eve@mailinator.com\",\"password\":\"correct horse\"}");

        assertEquals(422, invalid.statusCode());
        assertEquals("application/problem+json", invalid.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(3, mapper.readTree(invalid.body()).get("errors").size(), invalid.body());
        assertEquals(422, blocked.statusCode());
        assertEquals("EMAIL_DOMAIN_NOT_ALLOWED", mapper.readTree(blocked.body()).get("code").asString());
    }

    @Test
    void tells_an_unknown_path_from_a_method_the_path_does_not_have() throws Exception {
        HttpResponse<String> unknown = send("GET", "/nope", null);
        HttpResponse<String> wrongMethod = send("PUT", "/users", "{}");

        assertEquals(404, unknown.statusCode());
        assertEquals("NOT_FOUND", mapper.readTree(unknown.body()).get("code").asString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET, HEAD, OPTIONS, POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertTrue(wrongMethod.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void answers_its_health_probe() throws Exception {
        HttpResponse<String> health = send("GET", "/health", null);

        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"UP\"}", health.body());
    }
}
