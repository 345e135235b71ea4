package userapi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningAppExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end over HTTP: what the whole app promises on every route (health, HEAD, OPTIONS, request ids). */
@ExtendWith(RunningAppExtension.class)
class AppEndToEndTest {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PASSWORD = "correct horse battery staple";

    private RunningApp app;

    @BeforeEach
    void start(RunningApp app) throws Exception {
        this.app = app;
    }


    @Test
    void reports_health_up() throws Exception {
        Reply reply = app.get("/health");

        assertEquals(200, reply.status());
        assertEquals(Reply.JSON, reply.header("Content-Type"));
        assertEquals("{\"status\":\"UP\"}", reply.body());
    }

    @Test
    void answers_head_on_health_with_200_and_no_body() throws Exception {
        Reply reply = app.send(app.request("/health").HEAD().build());

        assertEquals(200, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void answers_options_on_users_with_204_and_allow() throws Exception {
        Reply reply = app.send("OPTIONS", "/users", null, null);

        assertEquals(204, reply.status());
        assertEquals("GET, HEAD, OPTIONS, POST", reply.header("Allow"));
        assertEquals("", reply.body());
    }

    @Test
    void gives_every_response_its_own_request_id() throws Exception {
        String id = app.createUser("Ada", "ada@example.com", PASSWORD).get("id").stringValue();
        app.signInAsAdmin();
        List<Reply> replies = List.of(
                app.get("/health"),
                app.send(app.request("/health").HEAD().build()),
                app.send("OPTIONS", "/users", null, null),
                app.post("/users", app.userJson("Bob", "bob@example.com", PASSWORD)),
                app.get("/users"),
                app.get("/users/" + id),
                app.patch("/users/" + id, app.json("name", "Ada L.")),
                app.delete("/users/" + id),
                app.get("/users/" + id),
                app.get("/nope"),
                app.send("PUT", "/users", Reply.JSON, "{}"),
                app.post("/users", "{"),
                app.post("/users", "{}"),
                app.send("POST", "/users", "text/plain", "{}"));
        List<Integer> expectedStatuses = List.of(200, 200, 204, 201, 200, 200, 200, 204, 404, 404, 405, 400, 422, 415);

        List<Integer> statuses = new ArrayList<>();
        HashSet<String> ids = new HashSet<>();
        for (Reply reply : replies) {
            statuses.add(reply.status());
            String requestId = reply.header("X-Request-Id");
            assertNotNull(requestId, "no X-Request-Id on a " + reply.status());
            assertTrue(SAFE_ID.matcher(requestId).matches(), requestId);
            ids.add(requestId);
        }
        assertEquals(expectedStatuses, statuses);
        assertEquals(replies.size(), ids.size(), "request ids repeat: " + ids);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc-123", "Trace.id_42-x", "0123456789012345678901234567890123456789012345678901234567890123"})
    void echoes_a_safe_client_request_id_in_the_header(String clientId) throws Exception {
        Reply reply = app.send("GET", "/health", null, null, "X-Request-Id", clientId);

        assertEquals(200, reply.status());
        assertEquals(clientId, reply.header("X-Request-Id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Trace.id_42-x", "0123456789012345678901234567890123456789012345678901234567890123"})
    void puts_a_safe_client_request_id_in_the_error_body_too(String clientId) throws Exception {
        Reply reply = app.send("GET", "/nope", null, null, "X-Request-Id", clientId);

        assertEquals(clientId, reply.header("X-Request-Id"));
        assertEquals(clientId, reply.assertProblem(404, "NOT_FOUND").get("requestId").stringValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01234567890123456789012345678901234567890123456789012345678901234", "has space",
            "semi;colon", "slash/id", "quote\"id", "<script>", "caf\u00e9"})
    void replaces_an_unsafe_client_request_id_with_a_new_one(String clientId) throws Exception {
        Reply ok = app.send("GET", "/health", null, null, "X-Request-Id", clientId);
        Reply error = app.send("GET", "/nope", null, null, "X-Request-Id", clientId);

        for (Reply reply : List.of(ok, error)) {
            String requestId = reply.header("X-Request-Id");
            assertNotEquals(clientId, requestId);
            assertTrue(SAFE_ID.matcher(requestId).matches(), requestId);
        }
        assertEquals(error.header("X-Request-Id"), error.assertProblem(404, "NOT_FOUND").get("requestId").stringValue());
        assertNotEquals(ok.header("X-Request-Id"), error.header("X-Request-Id"));
    }
}
