package userapi.hardening;

import org.junit.jupiter.api.Test;
import userapi.production.Config;
import userapi.production.ProductionApp;
import userapi.repository.InMemoryUserRepository;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGNUP_LIMIT_PER_HOUR on the real server: one client address signs up so often an hour, then gets 429
 * TOO_MANY_SIGN_UPS with Retry-After, while another client still signs up; unset, there is no limit. Clients are
 * told apart by X-Forwarded-For through a trusted proxy (loopback), as behind a reverse proxy.
 */
class SignUpLimitEndToEndTest {

    private static ProductionApp start(Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATABASE_URL", Config.MEMORY,
                "PASSWORD_HASH_ITERATIONS", "1000", "SHUTDOWN_DRAIN_SECONDS", "0", "TRUSTED_PROXIES", "127.0.0.1",
                "MAIL_DIR", Files.createTempDirectory("userapi-mail").toString()));
        env.putAll(settings);
        return ProductionApp.start(Config.fromEnvironment(env), new InMemoryUserRepository());
    }

    private static Reply signUp(HttpTarget target, String client, int n) throws Exception {
        return target.send("POST", "/users", Reply.JSON, target.userJson("User " + n, "user" + n + "@example.com",
                "correct horse"), "X-Forwarded-For", client);
    }

    @Test
    void a_client_over_the_limit_gets_429_with_retry_after_while_another_client_still_signs_up() throws Exception {
        try (ProductionApp app = start(Map.of("SIGNUP_LIMIT_PER_HOUR", "2"));
             HttpTarget target = HttpTarget.onPort(app.port())) {
            assertEquals(201, signUp(target, "198.51.100.7", 1).status());
            assertEquals(201, signUp(target, "198.51.100.7", 2).status());

            Reply refused = signUp(target, "198.51.100.7", 3);
            refused.assertProblem(429, "TOO_MANY_SIGN_UPS");
            int retryAfter = Integer.parseInt(refused.header("Retry-After"));
            assertTrue(retryAfter > 3_000 && retryAfter <= 3_600, "about an hour: " + retryAfter);

            assertEquals(201, signUp(target, "198.51.100.8", 3).status(), "another client is not limited");
            assertEquals(409, signUp(target, "198.51.100.8", 3).status(), "a refused sign-up costs no place");
            assertEquals(201, signUp(target, "198.51.100.8", 4).status());
        }
    }

    @Test
    void without_the_setting_one_client_signs_up_as_often_as_it_likes() throws Exception {
        try (ProductionApp app = start(Map.of());
             HttpTarget target = HttpTarget.onPort(app.port())) {
            for (int i = 0; i < 12; i++) {
                assertEquals(201, signUp(target, "198.51.100.7", i).status());
            }
        }
    }
}
