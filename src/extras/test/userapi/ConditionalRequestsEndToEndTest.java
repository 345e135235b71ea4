package userapi;

import userapi.production.ProductionApp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import userapi.jdbc.JdbcUserRepository;
import userapi.testing.TestConfig;
import userapi.repository.UserRepository;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;
import userapi.testing.RunningApp;
import userapi.testing.TestDatabase;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Conditional requests over HTTP (RFC 9110): GET's ETag changes with every change, If-None-Match answers 304,
 * If-Match guards PATCH and DELETE with 412 PRECONDITION_FAILED; of two PATCHes sent at once with the same
 * If-Match exactly one wins, on SQLite and on PostgreSQL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConditionalRequestsEndToEndTest {
    private static final int RACE_ROUNDS = 5;

    @Test
    void the_etag_changes_with_every_change_and_if_none_match_answers_304() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            String id = app.createUserId("Ada", "ada@example.com");
            app.signIn("ada@example.com", "correct horse");
            Reply first = app.get("/users/" + id);
            assertEquals("\"1\"", first.header("ETag"));

            Reply unchanged = app.send("GET", "/users/" + id, null, null, "If-None-Match", "\"1\"");
            assertEquals(304, unchanged.status());
            assertEquals("", unchanged.body());
            assertEquals("\"1\"", unchanged.header("ETag"));

            Reply patched = app.patch("/users/" + id, app.json("name", "Ada L."));
            assertEquals("\"2\"", patched.header("ETag"));
            Reply changed = app.send("GET", "/users/" + id, null, null, "If-None-Match", "\"1\"");
            assertEquals(200, changed.status());
            assertEquals("\"2\"", changed.header("ETag"));
            assertEquals("Ada L.", changed.json().get("name").asString());
        }
    }

    @Test
    void users_me_sends_the_same_etag_and_answers_304_to_it() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            String id = app.createUserId("Ada", "ada@example.com");
            app.signIn("ada@example.com", "correct horse");
            app.patch("/users/" + id, app.json("name", "Ada L."));

            Reply me = app.get("/users/me");
            Reply unchanged = app.send("GET", "/users/me", null, null, "If-None-Match", me.header("ETag"));

            assertEquals("\"2\"", me.header("ETag"));
            assertEquals(app.get("/users/" + id).header("ETag"), me.header("ETag"));
            assertEquals(304, unchanged.status());
        }
    }

    @Test
    void if_match_with_an_old_etag_answers_412_and_changes_nothing() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            String id = app.createUserId("Ada", "ada@example.com");
            app.signInAsAdmin(); // still there to read after Ada is deleted
            assertEquals(200, app.send("PATCH", "/users/" + id, Reply.JSON, app.json("name", "B"), "If-Match", "\"1\"").status());

            Reply stalePatch = app.send("PATCH", "/users/" + id, Reply.JSON, app.json("name", "C"), "If-Match", "\"1\"");
            Reply staleDelete = app.send("DELETE", "/users/" + id, null, null, "If-Match", "\"1\"");

            stalePatch.assertProblem(412, "PRECONDITION_FAILED");
            staleDelete.assertProblem(412, "PRECONDITION_FAILED");
            Reply stored = app.get("/users/" + id);
            assertEquals("B", stored.json().get("name").asString());
            assertEquals("\"2\"", stored.header("ETag"));
            assertEquals(204, app.send("DELETE", "/users/" + id, null, null, "If-Match", "\"2\"").status());
            assertEquals(404, app.get("/users/" + id).status());
        }
    }

    @Test
    void without_if_match_patch_and_delete_behave_as_before() throws Exception {
        try (RunningApp app = RunningApp.start()) {
            String id = app.createUserId("Ada", "ada@example.com");
            app.signIn("ada@example.com", "correct horse");
            app.patch("/users/" + id, app.json("name", "B"));

            assertEquals(200, app.patch("/users/" + id, app.json("name", "C")).status());
            assertEquals(204, app.sendJson("DELETE", "/users/" + id, app.json("currentPassword", "correct horse")).status());
        }
    }

    @Test
    void two_patches_at_once_with_the_same_if_match_on_sqlite_give_one_200_and_one_412(@TempDir Path dir) throws Exception {
        try (JdbcUserRepository repository = JdbcUserRepository.open("jdbc:sqlite:" + dir.resolve("users.db"),
                Duration.ofSeconds(5))) {
            racePatches(repository);
        }
    }

    @Test
    void two_patches_at_once_with_the_same_if_match_on_postgresql_give_one_200_and_one_412() throws Exception {
        assumeTrue(TestDatabase.url() != null, TestDatabase.VARIABLE + " is not set: no PostgreSQL to test against");
        TestDatabase.Schema schema = TestDatabase.createSchema();
        try (JdbcUserRepository repository = JdbcUserRepository.open(schema.url(), Duration.ofSeconds(5))) {
            racePatches(repository);
        } finally {
            schema.drop();
        }
    }

    /**
     * Each round: a new user; two clients both read ETag "1" and PATCH a new password (a hash each) at once, as an
     * admin (no current password needed), made one through the repository this test holds.
     */
    private static void racePatches(UserRepository repository) throws Exception {
        try (ProductionApp app = ProductionApp.start(TestConfig.local(Set.of(), 1000), repository);
             HttpTarget client = HttpTarget.onPort(app.port())) {
            client.createUserId("Admin", HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
            repository.setRole(repository.findByEmail(HttpTarget.ADMIN_EMAIL).orElseThrow().id(), userapi.model.Role.ADMIN);
            client.signIn(HttpTarget.ADMIN_EMAIL, HttpTarget.ADMIN_PASSWORD);
            for (int round = 1; round <= RACE_ROUNDS; round++) {
                String id = client.createUserId("Ada", "ada" + round + "@example.com");
                assertEquals("\"1\"", client.get("/users/" + id).header("ETag"));
                List<CompletableFuture<HttpResponse<String>>> patches = new ArrayList<>();
                for (String password : List.of("battery staple one", "battery staple two")) {
                    HttpRequest patch = client.request("/users/" + id).header("Content-Type", Reply.JSON)
                            .header("If-Match", "\"1\"")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(client.json("password", password),
                                    StandardCharsets.UTF_8)).build();
                    patches.add(client.client().sendAsync(patch, HttpResponse.BodyHandlers.ofString()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> patch : patches) {
                    statuses.add(patch.get(60, TimeUnit.SECONDS).statusCode());
                }
                statuses.sort(null);
                assertEquals(List.of(200, 412), statuses, "round " + round);
                assertEquals("\"2\"", client.get("/users/" + id).header("ETag"), "round " + round + ": one change only");
            }
        }
    }
}
