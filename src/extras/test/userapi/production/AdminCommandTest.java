package userapi.production;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import userapi.testing.RunningJar;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The admin command as an operator runs it, {@code java -jar user-api.jar promote|demote|verify EMAIL}, against the
 * database of a server that is running: its three exits, each with one line, and a role that takes effect at once.
 */
class AdminCommandTest {
    @TempDir
    Path directory;

    private Map.Entry<Integer, String> run(Map<String, String> environment, String... args) throws Exception {
        return RunningJar.runUntilExit(directory, environment, Arrays.asList(args));
    }

    private static void assertOneLine(String expected, Map.Entry<Integer, String> run) {
        assertEquals(expected + "\n", run.getValue(), "exactly one line expected");
        assertFalse(run.getValue().contains("Exception"), run.getValue());
    }

    @Test
    void promote_exits_0_with_one_line_and_the_running_server_honours_the_role_at_once() throws Exception {
        try (RunningJar app = RunningJar.start(directory, Map.of())) {
            app.createUserId("Ada", "ada@example.com");
            app.signIn("ada@example.com", "correct horse");
            assertEquals(403, app.get("/users").status());

            Map.Entry<Integer, String> promoted = run(Map.of(), "promote", "ADA@Example.com");

            assertEquals(0, promoted.getKey());
            assertOneLine("ada@example.com is now admin (was user)", promoted);
            assertEquals(200, app.get("/users").status(), "the role is read from the database on every request");
            assertEquals("admin", app.get("/users/me").json().get("role").asString());

            Map.Entry<Integer, String> again = run(Map.of(), "promote", "ada@example.com");
            assertEquals(0, again.getKey());
            assertOneLine("ada@example.com is already admin: nothing changed", again);

            app.createUserId("Bob", "bob@example.com");
            assertEquals(0, run(Map.of(), "promote", "bob@example.com").getKey()); // Ada is not the last admin
            Map.Entry<Integer, String> demoted = run(Map.of(), "demote", "ada@example.com");
            assertEquals(0, demoted.getKey());
            assertOneLine("ada@example.com is now user (was admin)", demoted);
            assertEquals(403, app.get("/users").status());
        }
    }

    @Test
    void demote_refuses_the_last_admin_who_is_not_disabled_with_one_line_and_exit_1() throws Exception {
        try (RunningJar app = RunningJar.start(directory, Map.of())) {
            String adaId = app.createUserId("Ada", "ada@example.com");
            app.createUserId("Bob", "bob@example.com");
            run(Map.of(), "promote", "ada@example.com");
            run(Map.of(), "promote", "bob@example.com");
            app.signIn("ada@example.com", "correct horse");
            assertEquals(200, app.post("/users/" + adaId + "/disable", null).status(), "Bob is still an admin");

            Map.Entry<Integer, String> refused = run(Map.of(), "demote", "bob@example.com");

            assertEquals(1, refused.getKey());
            assertOneLine("userapi: bob@example.com is the last admin who is not disabled: promote another admin "
                    + "first; nothing changed", refused);
            Map.Entry<Integer, String> disabledAdmin = run(Map.of(), "demote", "ada@example.com");
            assertEquals(0, disabledAdmin.getKey(), "a disabled admin is not the last one");
            assertOneLine("ada@example.com is now user (was admin)", disabledAdmin);
        }
    }

    @Test
    void verify_marks_the_address_verified_for_the_running_server_at_once() throws Exception {
        try (RunningJar app = RunningJar.start(directory, Map.of())) {
            app.createUserId("Ada", "ada@example.com");
            app.signIn("ada@example.com", "correct horse");
            assertFalse(app.get("/users/me").json().get("emailVerified").booleanValue());

            Map.Entry<Integer, String> verified = run(Map.of(), "verify", "Ada@example.com");

            assertEquals(0, verified.getKey());
            assertOneLine("ada@example.com is now verified", verified);
            assertEquals(true, app.get("/users/me").json().get("emailVerified").booleanValue());
            assertOneLine("ada@example.com is already verified: nothing changed", run(Map.of(), "verify", "ada@example.com"));
        }
    }

    @Test
    void an_unknown_email_exits_1_with_one_line() throws Exception {
        try (RunningJar app = RunningJar.start(directory, Map.of())) {
            app.createUserId("Ada", "ada@example.com");
        }

        Map.Entry<Integer, String> run = run(Map.of(), "promote", "nobody@example.com");

        assertEquals(1, run.getKey());
        assertOneLine("userapi: no user has the e-mail nobody@example.com", run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"promote", "demote", "verify", "promote a@example.com b@example.com", "elevate ada@example.com",
            "--help", "PROMOTE ada@example.com", "backup", "backup a.db b.db", "BACKUP a.db"})
    void bad_usage_exits_2_with_the_usage_line(String args) throws Exception {
        Map.Entry<Integer, String> run = run(Map.of(), args.split(" "));

        assertEquals(2, run.getKey());
        assertOneLine(AdminCommand.USAGE_LINE, run);
    }

    @Test
    void database_url_memory_exits_2_because_no_other_process_can_reach_it() throws Exception {
        Map.Entry<Integer, String> run = run(Map.of("DATABASE_URL", "memory"), "promote", "ada@example.com");

        assertEquals(2, run.getKey());
        assertEquals(1, run.getValue().lines().count(), run.getValue());
        assertEquals(true, run.getValue().startsWith("userapi: DATABASE_URL=memory"), run.getValue());
    }

    @Test
    void a_bad_token_ttl_stops_the_server_start_with_one_line_and_exit_2() throws Exception {
        Map.Entry<Integer, String> run = RunningJar.runUntilExit(directory, Map.of("TOKEN_TTL_SECONDS", "0"), List.of());

        assertEquals(2, run.getKey());
        assertOneLine("userapi: cannot start: TOKEN_TTL_SECONDS must be a whole number from 1 to 2592000 "
                + "(default 86400), not '0'", run);
    }
}
