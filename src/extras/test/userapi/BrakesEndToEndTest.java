package userapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.http.EdgeFilter;
import userapi.http.LogCapture;
import userapi.model.Role;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.repository.InMemoryUserRepository;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end over HTTP, on the real ProductionApp behind a "proxy" on 127.0.0.1 (TRUSTED_PROXIES=127.0.0.1, the
 * client named in X-Forwarded-For): the password brake keyed by (e-mail, client address), the client in the access
 * line, the brake on current passwords, and a self-deletion that needs the password.
 */
class BrakesEndToEndTest {
    private static final String PASSWORD = "correct horse";
    private static final String ATTACKER = "203.0.113.66";
    private static final String ADA_AT_HOME = "198.51.100.7";

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final LogCapture logs = LogCapture.attach(EdgeFilter.class);
    private ProductionApp app;
    private HttpTarget http;
    private String adaId;

    @BeforeEach
    void start() throws Exception {
        app = ProductionApp.start(Config.fromEnvironment(Map.of(
                "HOST", "127.0.0.1", "PORT", "0", "PASSWORD_HASH_ITERATIONS", "1000", "SHUTDOWN_DRAIN_SECONDS", "0",
                "DATABASE_URL", Config.MEMORY, "TRUSTED_PROXIES", "127.0.0.1",
                "MAIL_DIR", Files.createTempDirectory("userapi-mail").toString())), users);
        http = HttpTarget.onPort(app.port());
        adaId = http.createUserId("Ada", "ada@example.com", PASSWORD);
    }

    @AfterEach
    void stop() {
        app.close();
        http.close();
        logs.close();
    }

    private Reply login(String password, String from) throws Exception {
        return http.send("POST", "/auth/login", Reply.JSON, http.json("email", "ada@example.com", "password", password),
                "X-Forwarded-For", from);
    }

    private Reply deleteAda(String body, String from) throws Exception {
        return http.send("DELETE", "/users/" + adaId, body == null ? null : Reply.JSON, body, "X-Forwarded-For", from);
    }

    @Test
    void locked_out_from_one_address_the_right_password_still_logs_in_from_another() throws Exception {
        for (int i = 0; i < 5; i++) {
            login("wrong " + i, ATTACKER).assertProblem(401, "INVALID_CREDENTIALS");
        }

        Reply refused = login(PASSWORD, ATTACKER);
        refused.assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS");
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);

        assertEquals(200, login(PASSWORD, ADA_AT_HOME).status(), "the victim logs in from her own address");
    }

    @Test
    void spraying_many_emails_from_one_address_is_braked_for_that_address_only() throws Exception {
        for (int i = 0; i < 20; i++) {
            http.send("POST", "/auth/login", Reply.JSON, http.json("email", "user" + i + "@example.com", "password", "Spring2024!"),
                    "X-Forwarded-For", ATTACKER).assertProblem(401, "INVALID_CREDENTIALS");
        }

        login(PASSWORD, ATTACKER).assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS");
        assertEquals(200, login(PASSWORD, ADA_AT_HOME).status());
    }

    @Test
    void the_access_line_names_the_client_behind_the_proxy() throws Exception {
        String requestId = login("wrong", ATTACKER).header("X-Request-Id");

        LogCapture.Captured access = logs.await(c -> c.level() == Level.INFO && c.line().contains("[" + requestId + "]"));
        assertTrue(access.message().startsWith("POST /auth/login 401 "), access.message());
        assertTrue(access.message().contains(" client=" + ATTACKER + " "), access.message());
    }

    @Test
    void guessing_the_current_password_on_a_change_is_braked_with_429() throws Exception {
        http.signIn("ada@example.com", PASSWORD);
        for (int i = 0; i < 5; i++) {
            http.send("PATCH", "/users/" + adaId, Reply.JSON, http.json("password", "battery staple", "currentPassword", "guess " + i),
                    "X-Forwarded-For", ATTACKER).assertProblem(403, "CURRENT_PASSWORD_INCORRECT");
        }

        Reply refused = http.send("PATCH", "/users/" + adaId, Reply.JSON,
                http.json("password", "battery staple", "currentPassword", PASSWORD), "X-Forwarded-For", ATTACKER);

        refused.assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS");
        assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
        login(PASSWORD, ATTACKER).assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS"); // one brake for every password check
    }

    @Test
    void deleting_ones_own_account_needs_the_current_password_and_guessing_it_is_braked() throws Exception {
        http.signIn("ada@example.com", PASSWORD);

        assertEquals(List.of("currentPassword"), deleteAda(null, ATTACKER).assertValidationFailed());
        assertEquals(List.of("currentPassword"), deleteAda("{}", ATTACKER).assertValidationFailed());
        for (int i = 0; i < 5; i++) {
            deleteAda(http.json("currentPassword", "guess " + i), ATTACKER).assertProblem(403, "CURRENT_PASSWORD_INCORRECT");
        }
        deleteAda(http.json("currentPassword", PASSWORD), ATTACKER).assertProblem(429, "TOO_MANY_LOGIN_ATTEMPTS");
        assertTrue(users.findByEmail("ada@example.com").isPresent());

        assertEquals(204, deleteAda(http.json("currentPassword", PASSWORD), ADA_AT_HOME).status());
        assertTrue(users.findByEmail("ada@example.com").isEmpty());
    }

    @Test
    void an_admin_deletes_someone_else_without_a_body() throws Exception {
        http.createUserId("Admin", HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
        users.setRole(users.findByEmail(HttpTarget.ADMIN_EMAIL).orElseThrow().id(), Role.ADMIN);
        http.signIn(HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);

        assertEquals(204, http.delete("/users/" + adaId).status());
    }
}
