package userapi.hardening;

import org.junit.jupiter.api.Test;
import userapi.auth.DefaultAuthService;
import userapi.testing.Reply;
import userapi.testing.RunningApp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the real server, one account holds at most twenty live tokens: each login beyond them revokes the oldest, so a
 * script that logs in over and over fills no table; and thirty logins at once leave no more than twenty.
 */
class TokensPerUserTest {
    private static final int MAX = DefaultAuthService.MAX_TOKENS_PER_USER;

    private static int status(RunningApp app, String token, String path) throws Exception {
        return app.send("GET", path, null, null, "Authorization", "Bearer " + token).status();
    }

    private static int sessions(RunningApp app, String token) throws Exception {
        Reply list = app.send("GET", "/auth/sessions", null, null, "Authorization", "Bearer " + token);
        assertEquals(200, list.status(), list.body());
        return list.json().get("items").size();
    }

    @Test
    void a_login_beyond_twenty_revokes_the_oldest_token() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            app.createUserId("Ada", "ada@example.com");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < MAX + 5; i++) {
                tokens.add(app.logIn("ada@example.com", "correct horse"));
            }

            String newest = tokens.getLast();
            assertEquals(MAX, sessions(app, newest));
            assertEquals(200, status(app, newest, "/users/me"), "the newest token works");
            int revoked = 0;
            for (String token : tokens) {
                revoked += status(app, token, "/users/me") == 401 ? 1 : 0;
            }
            assertEquals(5, revoked, "exactly the ones beyond twenty");
        }
    }

    @Test
    void thirty_logins_at_once_leave_at_most_twenty_live_tokens() throws Exception {
        try (RunningApp app = RunningApp.start();
             ExecutorService clients = Executors.newFixedThreadPool(30)) {
            app.createUserId("Ada", "ada@example.com");
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                logins.add(clients.submit(() -> app.logIn("ada@example.com", "correct horse")));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> login : logins) {
                tokens.add(login.get(60, TimeUnit.SECONDS)); // a bound, not a speed
            }

            int live = 0;
            for (String token : tokens) {
                live += status(app, token, "/users/me") == 200 ? 1 : 0;
            }
            assertTrue(live >= 1 && live <= MAX, live + " live tokens");
            String after = app.logIn("ada@example.com", "correct horse");
            assertEquals(MAX, sessions(app, after));
        }
    }
}
