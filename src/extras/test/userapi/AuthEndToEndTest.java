package userapi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.RunningAppExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end over HTTP: the sign-in contract. Each row of the table "who may do what" (anonymous, the user
 * themself, another user, an admin) and each bullet of sign-in, logout, bearer tokens and changing secrets.
 */
@ExtendWith(RunningAppExtension.class)
class AuthEndToEndTest {
    private static final String PASSWORD = "correct horse";
    private static final String UNKNOWN_ID = "3f1c2b9e-8a4d-4c1e-9f00-1234567890ab";

    private RunningApp app;
    private String adaId;
    private String bobId;

    @BeforeEach
    void start(RunningApp app) throws Exception {
        this.app = app;
        adaId = app.createUserId("Ada", "ada@example.com", PASSWORD);
        bobId = app.createUserId("Bob", "bob@example.com", PASSWORD);
    }


    private void asAnonymous() {
        app.authorizeAs(null);
    }

    private String asAda() throws Exception {
        return app.signIn("ada@example.com", PASSWORD);
    }

    private void asBob() throws Exception {
        app.signIn("bob@example.com", PASSWORD);
    }

    private String adaPath() {
        return "/users/" + adaId;
    }

    private static void assertChallenge(Reply reply, String challenge) {
        reply.assertProblem(401, "AUTHENTICATION_REQUIRED");
        assertEquals(challenge, reply.header("WWW-Authenticate"));
    }

    // --- the table: POST /users ---------------------------------------------------------------------------

    @Test
    void sign_up_is_open_to_anyone_signed_in_or_not_and_always_makes_a_user() throws Exception {
        app.signInAsAdmin(); // even an admin's token does not make the new account an admin

        Reply created = app.post("/users", app.userJson("Cy", "cy@example.com", PASSWORD));

        assertEquals(201, created.status(), created.body());
        assertEquals("user", created.json().get("role").asString());
    }

    @Test
    void no_request_body_can_set_a_role() throws Exception {
        assertEquals(List.of("role"), app.post("/users", app.json("name", "Cy", "email", "cy@example.com",
                "password", PASSWORD, "role", "admin")).assertValidationFailed());
        asAda();
        assertEquals(List.of("role"), app.patch(adaPath(), app.json("role", "admin")).assertValidationFailed());
        assertEquals("user", app.get("/users/me").json().get("role").asString());
    }

    // --- the table: GET /users/me -------------------------------------------------------------------------

    @Test
    void me_is_401_to_anonymous() throws Exception {
        assertChallenge(app.get("/users/me"), "Bearer");
    }

    @Test
    void me_is_200_with_the_callers_own_user() throws Exception {
        asAda();

        JsonNode me = app.get("/users/me").json();

        assertEquals(adaId, me.get("id").asString());
        assertEquals(Set.of("id", "name", "email", "role", "createdAt", "emailVerified", "disabled"), Set.copyOf(me.propertyNames()));
    }

    @Test
    void me_is_the_admin_themself_to_an_admin() throws Exception {
        String adminId = app.signInAsAdmin();

        JsonNode me = app.get("/users/me").json();

        assertEquals(adminId, me.get("id").asString());
        assertEquals("admin", me.get("role").asString());
    }

    // --- the table: GET, PATCH, DELETE /users/{id} --------------------------------------------------------

    @Test
    void another_users_account_is_401_to_anonymous() throws Exception {
        asAnonymous();
        assertChallenge(app.get(adaPath()), "Bearer");
        assertChallenge(app.patch(adaPath(), app.json("name", "Eve")), "Bearer");
        assertChallenge(app.delete(adaPath()), "Bearer");
    }

    @Test
    void a_user_reads_changes_and_deletes_their_own_account() throws Exception {
        asAda();

        assertEquals(200, app.get(adaPath()).status());
        assertEquals("Ada L.", app.patch(adaPath(), app.json("name", "Ada L.")).json().get("name").asString());
        assertEquals(List.of("currentPassword"), app.delete(adaPath()).assertValidationFailed());
        app.sendJson("DELETE", adaPath(), app.json("currentPassword", "wrong horse")).assertProblem(403, "CURRENT_PASSWORD_INCORRECT");
        assertEquals(204, app.sendJson("DELETE", adaPath(), app.json("currentPassword", PASSWORD)).status());
    }

    @Test
    void another_user_is_403_forbidden_and_nothing_changes() throws Exception {
        asBob();

        app.get(adaPath()).assertProblem(403, "FORBIDDEN");
        app.patch(adaPath(), app.json("name", "Eve")).assertProblem(403, "FORBIDDEN");
        app.delete(adaPath()).assertProblem(403, "FORBIDDEN");
        asAda();
        assertEquals("Ada", app.get("/users/me").json().get("name").asString());
    }

    @Test
    void a_403_does_not_tell_whether_the_other_id_exists() throws Exception {
        asBob();

        Reply existing = app.get(adaPath());
        Reply unknown = app.get("/users/" + UNKNOWN_ID);

        existing.assertProblem(403, "FORBIDDEN");
        unknown.assertProblem(403, "FORBIDDEN");
        assertEquals(existing.json().get("detail"), unknown.json().get("detail"));
        app.patch("/users/" + UNKNOWN_ID, app.json("name", "Eve")).assertProblem(403, "FORBIDDEN");
        app.delete("/users/" + UNKNOWN_ID).assertProblem(403, "FORBIDDEN");
    }

    @Test
    void an_admin_reads_changes_and_deletes_any_account() throws Exception {
        app.signInAsAdmin();

        assertEquals(200, app.get(adaPath()).status());
        assertEquals("Ada L.", app.patch(adaPath(), app.json("name", "Ada L.")).json().get("name").asString());
        assertEquals(204, app.delete(adaPath()).status());
        app.get(adaPath()).assertProblem(404, "USER_NOT_FOUND");
    }

    // --- the table: GET /users ----------------------------------------------------------------------------

    @Test
    void the_list_is_401_to_anonymous() throws Exception {
        assertChallenge(app.get("/users"), "Bearer");
    }

    @Test
    void the_list_is_403_to_a_user_and_to_any_other_user() throws Exception {
        asAda();
        app.get("/users").assertProblem(403, "FORBIDDEN");
        asBob();
        app.get("/users").assertProblem(403, "FORBIDDEN");
    }

    @Test
    void the_list_is_200_to_an_admin() throws Exception {
        app.signInAsAdmin();

        Reply list = app.get("/users");

        assertEquals(200, list.status(), list.body());
        assertEquals(3, list.json().get("total").asInt());
    }

    // --- the table: /health and /auth/login ---------------------------------------------------------------

    @Test
    void health_and_login_are_open_to_anyone_with_or_without_a_token() throws Exception {
        assertEquals(200, app.get("/health").status());
        assertEquals(200, app.send("GET", "/health", null, null, "Authorization", "Bearer nonsense").status());
        asBob();
        assertEquals(200, app.get("/health").status());
        assertEquals(200, app.post("/auth/login", app.json("email", "ada@example.com", "password", PASSWORD)).status());
    }

    // --- POST /auth/login ---------------------------------------------------------------------------------

    @Test
    void a_login_answers_200_with_a_bearer_token_its_expiry_and_no_store() throws Exception {
        Reply login = app.post("/auth/login", app.json("email", "ada@example.com", "password", PASSWORD));

        assertEquals(200, login.status(), login.body());
        JsonNode token = login.json();
        assertEquals(Set.of("accessToken", "tokenType", "expiresAt"), Set.copyOf(token.propertyNames()));
        assertTrue(token.get("accessToken").asString().matches("[A-Za-z0-9_-]{43}"));
        assertEquals("Bearer", token.get("tokenType").asString());
        Instant expiresAt = Instant.parse(token.get("expiresAt").asString());
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofHours(23))), expiresAt.toString()); // 86400 s by default
        assertEquals("no-store", login.header("Cache-Control"));
    }

    @Test
    void an_unknown_email_and_a_wrong_password_get_the_same_401_apart_from_the_request_id() throws Exception {
        Reply unknown = app.post("/auth/login", app.json("email", "nobody@example.com", "password", PASSWORD));
        Reply wrong = app.post("/auth/login", app.json("email", "ada@example.com", "password", "wrong horse"));

        unknown.assertProblem(401, "INVALID_CREDENTIALS");
        wrong.assertProblem(401, "INVALID_CREDENTIALS");
        assertEquals(unknown.body().replace(unknown.header("X-Request-Id"), "ID"),
                wrong.body().replace(wrong.header("X-Request-Id"), "ID"));
        assertEquals(null, wrong.header("WWW-Authenticate"));
    }

    @Test
    void the_email_is_normalised_as_at_sign_up() throws Exception {
        app.signIn("  ADA@Example.COM ", PASSWORD);

        assertEquals(adaId, app.get("/users/me").json().get("id").asString());
    }

    @Test
    void a_login_without_email_or_password_is_422_naming_them() throws Exception {
        assertEquals(List.of("email", "password"), app.post("/auth/login", "{}").assertValidationFailed());
    }

    @Test
    void after_five_failed_logins_even_the_right_password_gets_429_with_retry_after() throws Exception {
        for (int i = 0; i < 5; i++) {
            app.post("/auth/login", app.json("email", "ada@example.com", "password", "wrong " + i)).assertProblem(401, "INVALID_CREDENTIALS");
        }

        Reply refused = app.post("/auth/login", app.json("email", "ada@example.com", "password", PASSWORD));

        refused.assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS");
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertEquals(200, app.post("/auth/login", app.json("email", "bob@example.com", "password", PASSWORD)).status(),
                "other e-mails are not held back");
    }

    @Test
    void without_trusted_proxies_a_spoofed_x_forwarded_for_changes_nothing_for_the_brake() throws Exception {
        for (int i = 0; i < 5; i++) {
            app.send("POST", "/auth/login", "application/json", app.json("email", "ada@example.com", "password", "wrong " + i),
                    "X-Forwarded-For", "203.0.113." + i).assertProblem(401, "INVALID_CREDENTIALS");
        }

        app.send("POST", "/auth/login", "application/json", app.json("email", "ada@example.com", "password", PASSWORD),
                "X-Forwarded-For", "198.51.100.7").assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS");
    }

    // --- bearer authentication ----------------------------------------------------------------------------

    @Test
    void a_malformed_or_unknown_token_is_401_invalid_token() throws Exception {
        for (String header : List.of("Bearer ", "Bearer not-a-token", "Bearer " + "A".repeat(43), "Bearer " + "x".repeat(500))) {
            assertChallenge(app.send("GET", "/users/me", null, null, "Authorization", header), "Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void a_header_of_another_scheme_is_401_with_a_bare_challenge() throws Exception {
        assertChallenge(app.send("GET", "/users/me", null, null, "Authorization", "Basic YWRhOmNvcnJlY3QgaG9yc2U="), "Bearer");
    }

    @Test
    void an_expired_token_is_401_invalid_token() throws Exception {
        try (RunningApp shortLived = RunningApp.startWithTokenTtl(1)) {
            shortLived.createUserId("Ada", "ada@example.com", PASSWORD);
            shortLived.signIn("ada@example.com", PASSWORD);

            Thread.sleep(1_100); // past the one-second life (not a speed assertion: only "later than")

            assertChallenge(shortLived.get("/users/me"), "Bearer error=\"invalid_token\"");
        }
    }

    // --- POST /auth/logout --------------------------------------------------------------------------------

    @Test
    void logout_answers_204_and_the_token_is_dead_at_once() throws Exception {
        asAda();

        Reply logout = app.post("/auth/logout", null);

        assertEquals(204, logout.status(), logout.body());
        assertChallenge(app.get("/users/me"), "Bearer error=\"invalid_token\"");
        assertChallenge(app.post("/auth/logout", null), "Bearer error=\"invalid_token\"");
    }

    @Test
    void logout_without_a_token_is_401() throws Exception {
        assertChallenge(app.post("/auth/logout", null), "Bearer");
    }

    @Test
    void logout_ends_only_the_token_it_was_sent_with() throws Exception {
        String other = app.logIn("ada@example.com", PASSWORD);
        asAda();

        app.post("/auth/logout", null);

        app.authorizeAs(other);
        assertEquals(200, app.get("/users/me").status());
    }

    // --- changing secrets ---------------------------------------------------------------------------------

    @Test
    void changing_ones_own_password_without_the_current_one_is_422_naming_current_password() throws Exception {
        asAda();

        assertEquals(List.of("currentPassword"), app.patch(adaPath(), app.json("password", "battery staple")).assertValidationFailed());
        assertEquals(List.of("currentPassword"), app.patch(adaPath(), app.json("email", "ada@example.org")).assertValidationFailed());
        app.logIn("ada@example.com", PASSWORD); // nothing changed
    }

    @Test
    void a_wrong_current_password_is_403_current_password_incorrect() throws Exception {
        asAda();

        app.patch(adaPath(), app.json("password", "battery staple", "currentPassword", "wrong horse"))
                .assertProblem(403, "CURRENT_PASSWORD_INCORRECT");
        app.logIn("ada@example.com", PASSWORD);
    }

    @Test
    void changing_only_the_name_needs_no_current_password() throws Exception {
        asAda();

        assertEquals(200, app.patch(adaPath(), app.json("name", "Ada L.")).status());
    }

    @Test
    void an_admin_changes_someone_elses_password_without_one() throws Exception {
        app.signInAsAdmin();

        assertEquals(200, app.patch(adaPath(), app.json("password", "battery staple")).status());
        app.logIn("ada@example.com", "battery staple");
    }

    @Test
    void a_password_change_revokes_every_other_token_but_keeps_the_one_used() throws Exception {
        String elsewhere = app.logIn("ada@example.com", PASSWORD);
        String used = asAda();

        assertEquals(200, app.patch(adaPath(), app.json("password", "battery staple", "currentPassword", PASSWORD)).status());

        assertEquals(200, app.get("/users/me").status(), "the token used for the change");
        app.authorizeAs(elsewhere);
        assertChallenge(app.get("/users/me"), "Bearer error=\"invalid_token\"");
        assertNotEquals(used, elsewhere);
    }

    @Test
    void deleting_a_user_revokes_all_their_tokens() throws Exception {
        String elsewhere = app.logIn("ada@example.com", PASSWORD);
        app.signInAsAdmin();

        assertEquals(204, app.delete(adaPath()).status());

        app.authorizeAs(elsewhere);
        assertChallenge(app.get("/users/me"), "Bearer error=\"invalid_token\"");
    }

    @Test
    void no_answer_echoes_the_token_or_the_current_password() throws Exception {
        String token = asAda();
        List<Reply> replies = List.of(app.get("/users/me"), app.patch(adaPath(), app.json("password", "battery staple",
                "currentPassword", "wrong horse")), app.get("/users/" + bobId), app.get("/users"));

        for (Reply reply : replies) {
            assertFalse(reply.body().contains(token), reply.body());
            assertFalse(reply.body().contains("wrong horse"), reply.body());
        }
    }
}
