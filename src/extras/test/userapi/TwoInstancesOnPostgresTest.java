package userapi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import userapi.testing.HttpTarget;
import userapi.testing.Reply;
import userapi.testing.RunningJar;
import userapi.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two copies of the real jar behind an imaginary load balancer, on one PostgreSQL schema (TEST_DATABASE_URL):
 * they migrate it together at start, the database keeps the e-mail unique across both, a bearer token issued
 * by one is honoured by the other until a logout on either, and whatever one changes about a signed-in user (name,
 * role, password, disable, deletion) the other's very next request sees.
 */
@ExtendWith(TestDatabase.class)
class TwoInstancesOnPostgresTest {
    @TempDir
    Path directory;

    private TestDatabase.Schema schema;
    private final List<RunningJar> instances = new ArrayList<>();

    @BeforeEach
    void start_two_instances_at_once() throws Exception {
        schema = TestDatabase.createSchema();
        Map<String, String> environment = Map.of("DATABASE_URL", schema.url());
        try (ExecutorService starter = Executors.newFixedThreadPool(2)) {
            List<Future<RunningJar>> starting = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                Path workingDirectory = Files.createDirectories(directory.resolve(name));
                starting.add(starter.submit(() -> RunningJar.start(workingDirectory, environment)));
            }
            Exception failure = null;
            for (Future<RunningJar> instance : starting) {
                try {
                    instances.add(instance.get()); // keep every one that started, so @AfterEach stops it
                } catch (Exception e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        instances.forEach(RunningJar::close);
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void of_32_concurrent_creates_with_one_email_across_both_instances_exactly_one_gets_201() throws Exception {
        int requests = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            RunningJar instance = instances.get(i % 2);
            String json = "{\"name\":\"Racer " + i + "\",\"email\":\"Race@Example.com\",\"password\":\"correct horse\"}";
            creates.add(() -> {
                go.await();
                return instance.post("/users", json).status();
            });
        }
        Map<Integer, Integer> countByStatus = new TreeMap<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (Callable<Integer> create : creates) {
                statuses.add(clients.submit(create));
            }
            go.countDown();
            for (Future<Integer> status : statuses) {
                countByStatus.merge(status.get(), 1, Integer::sum);
            }
        }

        assertEquals(Map.of(201, 1, 409, requests - 1), countByStatus);
        instances.get(0).promote("race@example.com");
        String token = instances.get(0).logIn("race@example.com", "correct horse");
        for (RunningJar instance : instances) {
            instance.authorizeAs(token);
            Reply list = instance.get("/users");
            assertEquals(1, list.json().get("total").asInt());
            assertEquals("race@example.com", list.json().get("items").get(0).get("email").asString());
        }
    }

    @Test
    void both_instances_report_up_and_see_each_others_users() throws Exception {
        String id = instances.get(0).createUserId("Ada", "ada@example.com");
        String token = instances.get(1).logIn("ada@example.com", "correct horse");

        for (RunningJar instance : instances) {
            instance.authorizeAs(token);
            assertEquals(200, instance.get("/health").status());
            assertEquals("ada@example.com", instance.get("/users/" + id).json().get("email").asString());
        }
        assertEquals(409, instances.get(1).post("/users",
                "{\"name\":\"Ada 2\",\"email\":\"ADA@example.com\",\"password\":\"correct horse\"}").status());
    }

    @Test
    void a_token_from_one_instance_works_on_the_other_and_a_logout_on_either_kills_it_on_both() throws Exception {
        RunningJar a = instances.get(0);
        RunningJar b = instances.get(1);
        a.createUserId("Ada", "ada@example.com");
        String token = a.logIn("ada@example.com", "correct horse");
        a.authorizeAs(token);
        b.authorizeAs(token);

        assertEquals("ada@example.com", b.get("/users/me").json().get("email").asString());
        assertEquals(204, b.send("POST", "/auth/logout", null, null).status());

        for (RunningJar instance : instances) {
            Reply refused = instance.get("/users/me");
            assertEquals(401, refused.status(), refused.body());
            assertEquals("Bearer error=\"invalid_token\"", refused.header("WWW-Authenticate"));
        }
    }

    @Test
    void what_one_instance_changes_about_a_signed_in_user_the_others_next_request_sees() throws Exception {
        RunningJar a = instances.get(0);
        RunningJar b = instances.get(1);
        String adaId = a.createUserId("Ada", "ada@example.com");
        String bobId = a.createUserId("Bob", "bob@example.com");
        a.createUserId("Carol", "carol@example.com");
        a.promote("ada@example.com");
        String token = a.logIn("ada@example.com", "correct horse");
        a.authorizeAs(token);
        b.authorizeAs(token);
        assertEquals("admin", b.get("/users/me").json().get("role").asString());

        assertEquals(200, a.patch("/users/" + adaId, a.json("name", "Ada King")).status());
        assertEquals("Ada King", b.get("/users/me").json().get("name").asString());

        a.promote("carol@example.com"); // Ada is then not the last admin, whom demote would refuse
        assertEquals(200, b.get("/users").status());
        a.demote("ada@example.com");
        b.get("/users").assertProblem(403, "FORBIDDEN");
        assertEquals("user", b.get("/users/me").json().get("role").asString());

        String token2 = b.logIn("ada@example.com", "correct horse");
        assertEquals(200, as(b, token2, "GET", "/users/me").status());
        assertEquals(200, a.patch("/users/" + adaId,
                a.json("password", "a new horse battery", "currentPassword", "correct horse")).status());
        assertEquals(401, as(b, token2, "GET", "/users/me").status(), "the other session died");
        assertEquals(200, b.get("/users/me").status(), "the session that changed it lives on");

        String bobs = b.logIn("bob@example.com", "correct horse");
        assertEquals(200, as(b, bobs, "GET", "/users/me").status());
        String carols = a.logIn("carol@example.com", "correct horse");
        assertEquals(200, as(a, carols, "POST", "/users/" + bobId + "/disable").status());
        assertEquals(401, as(b, bobs, "GET", "/users/me").status());

        assertEquals(204, a.send("DELETE", "/users/" + adaId, Reply.JSON,
                a.json("currentPassword", "a new horse battery")).status());
        Reply gone = b.get("/users/me");
        assertEquals(401, gone.status(), gone.body());
    }

    /** A request that carries this bearer token instead of the one the target was given. */
    private static Reply as(HttpTarget target, String token, String method, String path) throws Exception {
        return target.send(method, path, null, null, "Authorization", "Bearer " + token);
    }
}
