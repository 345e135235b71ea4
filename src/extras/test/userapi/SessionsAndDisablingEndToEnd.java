package userapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import userapi.auth.Tokens;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions and disabled accounts through HTTP on the real ProductionApp: list your sessions, end one or all of them,
 * and an admin disabling and enabling a user, with the last-admin rule. One subclass per store.
 */
abstract class SessionsAndDisablingEndToEnd {
    private static final String PASSWORD = "correct horse";

    private ProductionApp app;
    private HttpTarget api;

    /** DATABASE_URL for this store. */
    abstract String databaseUrl() throws Exception;

    /** Makes the user an admin behind the server's back, as the admin command does. */
    abstract void promote(String email) throws Exception;

    /** Runs once the server has stopped. */
    void afterStop() throws Exception {
    }

    /** Starts the server on this store; a subclass may hand it a repository of its own. */
    ProductionApp start(Config config) throws Exception {
        return ProductionApp.start(config);
    }

    @BeforeEach
    void startApp() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "SHUTDOWN_DRAIN_SECONDS", "0",
                "PASSWORD_HASH_ITERATIONS", "1000", "DATABASE_URL", databaseUrl()));
        app = start(Config.fromEnvironment(env));
        api = HttpTarget.onPort(app.port());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        api.close();
        afterStop();
    }

    /** The running server, for a subclass's own tests. */
    HttpTarget target() {
        return api;
    }

    private Reply as(String token, String method, String path) throws Exception {
        return api.send(method, path, null, null, "Authorization", "Bearer " + token);
    }

    private static List<JsonNode> items(Reply reply) {
        List<JsonNode> items = new ArrayList<>();
        reply.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    void a_user_lists_their_sessions_newest_first_with_the_current_one_marked_and_no_secret() throws Exception {
        api.createUserId("Ada", "ada@example.com");
        String first = api.logIn("ada@example.com", PASSWORD);
        String second = api.logIn("ada@example.com", PASSWORD);
        api.createUserId("Bob", "bob@example.com");
        api.logIn("bob@example.com", PASSWORD);

        Reply listed = as(first, "GET", "/auth/sessions");

        assertEquals(200, listed.status());
        assertEquals("no-store", listed.header("Cache-Control"));
        List<JsonNode> sessions = items(listed);
        assertEquals(2, sessions.size(), "Ada's two, not Bob's: " + listed.body());
        assertEquals(List.of(false, true), sessions.stream().map(s -> s.get("current").booleanValue()).sorted().toList());
        Instant newer = Instant.parse(sessions.get(0).get("createdAt").stringValue());
        Instant older = Instant.parse(sessions.get(1).get("createdAt").stringValue());
        assertFalse(newer.isBefore(older), "newest first: " + listed.body());
        for (JsonNode session : sessions) {
            assertEquals(List.of("createdAt", "current", "expiresAt", "id"), fieldNames(session));
        }
        for (String secret : List.of(first, second, Tokens.hash(first), Tokens.hash(second))) {
            assertFalse(listed.body().contains(secret), "a token or its hash in " + listed.body());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        names.sort(null);
        return names;
    }

    @Test
    void ending_one_session_kills_that_token_at_once_and_no_other() throws Exception {
        api.createUserId("Ada", "ada@example.com");
        String kept = api.logIn("ada@example.com", PASSWORD);
        String ended = api.logIn("ada@example.com", PASSWORD);
        String endedId = items(as(ended, "GET", "/auth/sessions")).stream()
                .filter(s -> s.get("current").booleanValue()).findFirst().orElseThrow().get("id").stringValue();
        assertEquals(200, as(ended, "GET", "/users/me").status());

        assertEquals(204, as(kept, "DELETE", "/auth/sessions/" + endedId).status());

        as(ended, "GET", "/users/me").assertProblem(401, "AUTHENTICATION_REQUIRED");
        assertEquals(200, as(kept, "GET", "/users/me").status());
        as(kept, "DELETE", "/auth/sessions/" + endedId).assertProblem(404, "SESSION_NOT_FOUND");
    }

    @Test
    void another_users_session_or_an_unknown_id_is_not_found() throws Exception {
        api.createUserId("Ada", "ada@example.com");
        api.createUserId("Bob", "bob@example.com");
        String ada = api.logIn("ada@example.com", PASSWORD);
        String bob = api.logIn("bob@example.com", PASSWORD);
        String bobsId = items(as(bob, "GET", "/auth/sessions")).getFirst().get("id").stringValue();

        as(ada, "DELETE", "/auth/sessions/" + bobsId).assertProblem(404, "SESSION_NOT_FOUND");
        as(ada, "DELETE", "/auth/sessions/nothing-like-a-session").assertProblem(404, "SESSION_NOT_FOUND");
        assertEquals(200, as(bob, "GET", "/users/me").status());
    }

    @Test
    void logging_out_everywhere_ends_every_session_of_the_caller_this_one_included() throws Exception {
        api.createUserId("Ada", "ada@example.com");
        api.createUserId("Bob", "bob@example.com");
        String one = api.logIn("ada@example.com", PASSWORD);
        String two = api.logIn("ada@example.com", PASSWORD);
        String bob = api.logIn("bob@example.com", PASSWORD);

        assertEquals(204, as(one, "POST", "/auth/logout-all").status());

        as(one, "GET", "/users/me").assertProblem(401, "AUTHENTICATION_REQUIRED");
        as(two, "GET", "/users/me").assertProblem(401, "AUTHENTICATION_REQUIRED");
        assertEquals(200, as(bob, "GET", "/users/me").status());
    }

    @Test
    void a_new_email_address_ends_every_other_session_of_the_user_as_a_new_password_does() throws Exception {
        String adaId = api.createUserId("Ada", "ada@example.com");
        String other = api.logIn("ada@example.com", PASSWORD);
        String changing = api.logIn("ada@example.com", PASSWORD);

        Reply changed = api.send("PATCH", "/users/" + adaId, Reply.JSON,
                api.json("email", "ada@example.org", "currentPassword", PASSWORD), "Authorization", "Bearer " + changing);

        assertEquals(200, changed.status(), changed.body());
        as(other, "GET", "/users/me").assertProblem(401, "AUTHENTICATION_REQUIRED");
        assertEquals(1, items(as(changing, "GET", "/auth/sessions")).size(), "the session that changed it stays");
    }

    @Test
    void a_disabled_user_loses_every_session_and_cannot_log_in_until_enabled() throws Exception {
        api.createUserId("Admin", "admin@example.com");
        String bobId = api.createUserId("Bob", "bob@example.com");
        promote("admin@example.com");
        String admin = api.logIn("admin@example.com", PASSWORD);
        String bob = api.logIn("bob@example.com", PASSWORD);

        Reply disabled = as(admin, "POST", "/users/" + bobId + "/disable");

        assertEquals(200, disabled.status(), disabled.body());
        assertTrue(disabled.json().get("disabled").booleanValue());
        assertEquals("bob@example.com", disabled.json().get("email").stringValue());
        as(bob, "GET", "/users/me").assertProblem(401, "AUTHENTICATION_REQUIRED");
        api.post("/auth/login", api.json("email", "bob@example.com", "password", PASSWORD))
                .assertProblem(403, "ACCOUNT_DISABLED");
        api.post("/auth/login", api.json("email", "bob@example.com", "password", "wrong horse"))
                .assertProblem(401, "INVALID_CREDENTIALS");
        assertTrue(as(admin, "GET", "/users/" + bobId).json().get("disabled").booleanValue());

        Reply enabled = as(admin, "POST", "/users/" + bobId + "/enable");

        assertEquals(200, enabled.status(), enabled.body());
        assertFalse(enabled.json().get("disabled").booleanValue());
        String again = api.logIn("bob@example.com", PASSWORD);
        assertFalse(as(again, "GET", "/users/me").json().get("disabled").booleanValue());
    }

    @Test
    void only_an_admin_may_disable_or_enable_and_an_unknown_user_is_not_found() throws Exception {
        String adaId = api.createUserId("Ada", "ada@example.com");
        api.createUserId("Admin", "admin@example.com");
        promote("admin@example.com");
        String admin = api.logIn("admin@example.com", PASSWORD);
        api.createUserId("Bob", "bob@example.com");
        String bob = api.logIn("bob@example.com", PASSWORD);
        String unknown = "3f2c8a1e-0000-4000-8000-000000000001";

        as(bob, "POST", "/users/" + adaId + "/disable").assertProblem(403, "FORBIDDEN");
        as(bob, "POST", "/users/" + unknown + "/disable").assertProblem(403, "FORBIDDEN");
        as(bob, "POST", "/users/" + adaId + "/enable").assertProblem(403, "FORBIDDEN");
        as(admin, "POST", "/users/" + unknown + "/disable").assertProblem(404, "USER_NOT_FOUND");
        as(admin, "POST", "/users/" + unknown + "/enable").assertProblem(404, "USER_NOT_FOUND");
        assertEquals(200, api.post("/auth/login", api.json("email", "ada@example.com", "password", PASSWORD)).status());
    }

    @Test
    void the_last_admin_who_is_not_disabled_cannot_be_disabled() throws Exception {
        String adminId = api.createUserId("Admin", "admin@example.com");
        String carolId = api.createUserId("Carol", "carol@example.com");
        promote("admin@example.com");
        String admin = api.logIn("admin@example.com", PASSWORD);

        as(admin, "POST", "/users/" + adminId + "/disable").assertProblem(409, "LAST_ADMIN");
        assertEquals(200, as(admin, "GET", "/users/me").status(), "nothing changed, the session stays");

        promote("carol@example.com");
        String carol = api.logIn("carol@example.com", PASSWORD);
        assertEquals(200, as(carol, "POST", "/users/" + adminId + "/disable").status());
        as(carol, "POST", "/users/" + carolId + "/disable").assertProblem(409, "LAST_ADMIN");
    }
}
