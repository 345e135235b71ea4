package userapi.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import userapi.service.Pbkdf2PasswordHasher;
import userapi.testing.RunningApp;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static userapi.hardening.Problems.assertProblem;

/**
 * A flood of 1,000 concurrent creates at the default 600,000 PBKDF2 iterations: hashing runs behind a few permits,
 * every create is answered 201 or 503 SERVICE_OVERLOADED with Retry-After (never queued without bound, never
 * dropped), and meanwhile GET /users/{id} and /health keep answering. A flood of logins goes through the same
 * bounded hasher: 200, 401 or 503, nothing else. And a sign-up flood cannot take the permit kept for password
 * checks: real logins made one after another during it all succeed.
 */
class HashFloodTest {
    /** The flood comes from one address: no per-client cap in the way of what is under test, the hashing bound. */
    private static final Map<String, String> ONE_CLIENT_FLOODS = Map.of("MAX_CONNECTIONS_PER_CLIENT", "100000");

    private static final int CREATES = 1_000;
    private static final int LOGINS = 400;
    /** Sign-ups kept in flight at once: many times the permits, so every sign-up permit stays taken. */
    private static final int SIGN_UP_FLOODERS = 64;
    private static final int REAL_LOGINS = 6;
    /** Generous: a noisy shared machine, with both cores busy hashing. */
    private static final Duration READ_BOUND = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_flood_of_creates_is_answered_201_or_503_while_reads_keep_answering() throws Exception {
        QuietLogs quiet = new QuietLogs();
        try (RunningApp app = RunningApp.start(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS, ONE_CLIENT_FLOODS);
             HttpClient flooder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService prober = Executors.newSingleThreadExecutor()) {
            String existing = app.createUserId("Ada", "ada@example.com");
            String token = app.logIn("ada@example.com", "correct horse");

            AtomicBoolean flooding = new AtomicBoolean(true);
            Future<List<Long>> readMillis = prober.submit(() -> probeWhile(app, existing, token, flooding));

            long floodStart = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> creates = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                creates.add(flooder.sendAsync(app.request("/users").header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Flood " + i
                                        + "\",\"email\":\"flood" + i + "@example.com\",\"password\":\"correct horse\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> create : creates) {
                try {
                    HttpResponse<String> response = create.get(60, TimeUnit.SECONDS);
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() == 503) {
                        assertProblem(response, 503, "SERVICE_OVERLOADED");
                        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
                    } else {
                        assertEquals(201, response.statusCode(), response.body());
                    }
                } catch (java.util.concurrent.ExecutionException dropped) {
                    failures.add(String.valueOf(dropped.getCause()));
                }
            }
            long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
            flooding.set(false);
            List<Long> reads = new ArrayList<>(readMillis.get(60, TimeUnit.SECONDS));

            assertEquals(List.of(), failures, "no create may lose its connection");
            int created = statuses.getOrDefault(201, 0);
            assertTrue(created >= 1, "some creates got through: " + statuses);
            assertEquals(CREATES, created + statuses.getOrDefault(503, 0), "only 201 or 503: " + statuses);
            long total = app.storedUsers();
            assertEquals(1 + created, total, "every 201 was stored, nothing else");
            assertTrue(reads.size() >= 2, "reads ran during the flood: " + reads);

            Collections.sort(reads);
            System.out.printf("HashFloodTest: %d creates in %d ms on %d cores: %s; %d reads during the flood "
                            + "(GET /users/{id} and /health) answered in %d..%d ms, median %d%n",
                    CREATES, floodMillis, Runtime.getRuntime().availableProcessors(), statuses, reads.size(),
                    reads.getFirst(), reads.getLast(), reads.get(reads.size() / 2));
        } finally {
            quiet.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_flood_of_logins_is_answered_200_401_or_503_only_while_reads_keep_answering() throws Exception {
        QuietLogs quiet = new QuietLogs();
        try (RunningApp app = RunningApp.start(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS, ONE_CLIENT_FLOODS);
             HttpClient flooder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             ExecutorService prober = Executors.newSingleThreadExecutor()) {
            String existing = app.createUserId("Ada", "ada@example.com");
            String token = app.logIn("ada@example.com", "correct horse");
            AtomicBoolean flooding = new AtomicBoolean(true);
            Future<List<Long>> readMillis = prober.submit(() -> probeWhile(app, existing, token, flooding));

            List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                // Ada with her password, or an e-mail no one has (each its own, so the brake on failures stays out of it)
                String body = i % 4 == 0 ? "{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"
                        : "{\"email\":\"nobody" + i + "@example.com\",\"password\":\"correct horse\"}";
                logins.add(flooder.sendAsync(app.request("/auth/login").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> login : logins) {
                HttpResponse<String> response = login.get(60, TimeUnit.SECONDS); // a dropped connection throws here
                statuses.merge(response.statusCode(), 1, Integer::sum);
                switch (response.statusCode()) {
                    case 503 -> assertProblem(response, 503, "SERVICE_OVERLOADED");
                    case 401 -> assertProblem(response, 401, "INVALID_CREDENTIALS");
                    case 200 -> assertTrue(response.body().contains("\"accessToken\""), response.body());
                    default -> throw new AssertionError("a login answered " + response.statusCode() + ": " + response.body());
                }
            }
            flooding.set(false);
            List<Long> reads = readMillis.get(60, TimeUnit.SECONDS);

            assertTrue(statuses.getOrDefault(200, 0) + statuses.getOrDefault(401, 0) >= 1, "some logins were judged: " + statuses);
            assertTrue(reads.size() >= 2, "reads ran during the flood: " + reads);
            System.out.printf("HashFloodTest: %d logins on %d cores: %s; %d reads during the flood%n", LOGINS,
                    Runtime.getRuntime().availableProcessors(), statuses, reads.size());
        } finally {
            quiet.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void real_logins_all_succeed_while_a_flood_of_sign_ups_holds_every_other_permit() throws Exception {
        QuietLogs quiet = new QuietLogs();
        try (RunningApp app = RunningApp.start(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS, ONE_CLIENT_FLOODS);
             ExecutorService flooders = Executors.newVirtualThreadPerTaskExecutor()) {
            app.createUserId("Ada", "ada@example.com");
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger shed = new AtomicInteger();
            AtomicInteger created = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            List<Future<?>> flood = new ArrayList<>();
            for (int f = 0; f < SIGN_UP_FLOODERS; f++) { // each keeps one sign-up in flight until the logins are done
                flood.add(flooders.submit(() -> {
                    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                        while (flooding.get()) {
                            int n = sent.incrementAndGet();
                            HttpResponse<String> response = client.send(app.request("/users")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Flood " + n
                                            + "\",\"email\":\"flood" + n + "@example.com\",\"password\":\"correct horse\"}"))
                                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                            (response.statusCode() == 503 ? shed : created).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            awaitAtLeast(shed, 1); // every sign-up permit is taken and sign-ups are being turned away

            Map<Integer, Integer> logins = new TreeMap<>();
            for (int i = 0; i < REAL_LOGINS; i++) { // one person after another, as real users come
                HttpResponse<String> login = app.client().send(app.request("/auth/login")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}"))
                                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                logins.merge(login.statusCode(), 1, Integer::sum);
            }
            int shedDuringLogins = shed.get();
            flooding.set(false);
            for (Future<?> flooder : flood) {
                flooder.get(60, TimeUnit.SECONDS);
            }

            assertEquals(Map.of(200, REAL_LOGINS), logins, "every real login during the flood");
            assertTrue(shedDuringLogins >= 1, "the flood held every sign-up permit");
            System.out.printf("HashFloodTest: %d real logins during a flood of %d sign-ups (%d created, %d answered 503)%n",
                    REAL_LOGINS, sent.get(), created.get(), shed.get());
        } finally {
            quiet.close();
        }
    }

    private static void awaitAtLeast(AtomicInteger count, int least) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count.get() < least) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the flood never filled the hasher");
            }
            Thread.sleep(20);
        }
    }

    /** Alternates GET /users/{id} (with the user's token) and GET /health until the flood is over; each must answer 200. */
    private static List<Long> probeWhile(RunningApp app, String id, String token, AtomicBoolean flooding) throws Exception {
        List<Long> millis = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; flooding.get() && i < 1_000; i++) {
                String path = i % 2 == 0 ? "/users/" + id : "/health";
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(app.uri(path)).timeout(READ_BOUND)
                                .header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(200, response.statusCode(), path + " during the flood: " + response.body());
                Thread.sleep(20);
            }
        }
        return millis;
    }
}
