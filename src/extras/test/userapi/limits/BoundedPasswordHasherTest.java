package userapi.limits;

import userapi.service.PasswordHasher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BoundedPasswordHasher: a fixed number of hashes at once, off the request threads, and 503 rather than a queue. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BoundedPasswordHasherTest {

    /** A hasher that holds every caller until released, and records how many ran at once and on what thread. */
    private static final class GatedHasher implements PasswordHasher {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        /** What each call that reached the hasher was to produce, in the order they started. */
        final List<String> startedWork = new CopyOnWriteArrayList<>();
        volatile boolean ranOnVirtualThread;
        volatile RuntimeException failure;

        @Override
        public String hash(String password) {
            return work("hash:" + password);
        }

        @Override
        public boolean matches(String password, String storedHash) {
            return work(storedHash).equals("hash:" + password);
        }

        private String work(String result) {
            ranOnVirtualThread |= Thread.currentThread().isVirtual();
            startedWork.add(result);
            started.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    @Test
    void hashes_off_the_virtual_threads_that_handle_requests() throws Exception {
        GatedHasher gated = new GatedHasher();
        gated.release.countDown();
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 2, Duration.ofSeconds(5));
             ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            assertEquals("hash:pw", requests.submit(() -> hasher.hash("pw")).get());
            assertTrue(requests.submit(() -> hasher.matches("pw", "hash:pw")).get());
        }
        assertFalse(gated.ranOnVirtualThread, "CPU-bound hashing must not pin a virtual thread's carrier");
    }

    @Test
    void runs_at_most_as_many_hashes_at_once_as_it_has_permits() throws Exception {
        GatedHasher gated = new GatedHasher();
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 2, Duration.ofSeconds(20));
             ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String password = "pw" + i;
                results.add(requests.submit(() -> hasher.hash(password)));
            }
            awaitStarted(gated, 2);
            Thread.sleep(200); // room for a third hash to start, if the bound did not hold
            assertEquals(2, gated.running.get());
            gated.release.countDown();
            for (int i = 0; i < results.size(); i++) {
                assertEquals("hash:pw" + i, results.get(i).get());
            }
        }
        assertEquals(2, gated.mostAtOnce.get());
        assertEquals(6, gated.started.get());
    }

    @Test
    void answers_overloaded_when_no_permit_frees_up_within_the_wait() throws Exception {
        GatedHasher gated = new GatedHasher();
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 1, Duration.ofMillis(100));
             ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = requests.submit(() -> hasher.hash("first"));
            awaitStarted(gated, 1);
            assertThrows(ServiceOverloaded.class, () -> hasher.hash("second"));
            assertThrows(ServiceOverloaded.class, () -> hasher.matches("second", "hash:second"));
            gated.release.countDown();
            assertEquals("hash:first", first.get());
            assertEquals("hash:third", hasher.hash("third"), "the permit came back");
        }
        assertEquals(2, gated.started.get(), "an overloaded call never reaches the hasher");
    }

    @Test
    void passes_a_failure_through_and_gives_the_permit_back() {
        GatedHasher gated = new GatedHasher();
        gated.release.countDown();
        IllegalStateException boom = new IllegalStateException("boom");
        gated.failure = boom;
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 1, Duration.ofMillis(100))) {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> hasher.hash("pw")));
            gated.failure = null;
            assertEquals("hash:pw", hasher.hash("pw"));
        }
    }

    @Test
    void sign_ups_never_hold_the_reserved_permit_so_a_login_check_still_runs_while_they_queue() throws Exception {
        GatedHasher gated = new GatedHasher();
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 2, 1, Duration.ofSeconds(20));
             ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            PasswordHasher signUps = hasher.forSignUps();
            List<Future<String>> queued = new ArrayList<>();
            queued.add(requests.submit(() -> signUps.hash("new0")));
            awaitStarted(gated, 1);
            for (int i = 1; i < 5; i++) {
                String password = "new" + i;
                queued.add(requests.submit(() -> signUps.hash(password)));
            }
            Thread.sleep(100); // room for the four to queue ahead of the check
            Future<Boolean> login = requests.submit(() -> hasher.matches("pw", "hash:pw"));
            awaitStarted(gated, 2);
            Thread.sleep(200); // room for a second sign-up to start, if the reserve did not hold
            assertEquals(2, gated.running.get());
            assertEquals(List.of("hash:new0", "hash:pw"), gated.startedWork,
                    "the check runs beside the one sign-up, ahead of the four that wait");
            gated.release.countDown();
            assertTrue(login.get());
            for (Future<String> signUp : queued) {
                signUp.get();
            }
        }
        assertEquals(2, gated.mostAtOnce.get());
    }

    @Test
    void a_sign_up_beyond_the_unreserved_permits_is_answered_overloaded_even_with_a_permit_free() throws Exception {
        GatedHasher gated = new GatedHasher();
        try (BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 2, 1, Duration.ofMillis(100));
             ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = requests.submit(() -> hasher.forSignUps().hash("first"));
            awaitStarted(gated, 1);

            assertThrows(ServiceOverloaded.class, () -> hasher.forSignUps().hash("second"));
            assertEquals(1, hasher.shed());
            Future<String> reset = requests.submit(() -> hasher.hash("reset")); // the hasher itself may take it
            awaitStarted(gated, 2);
            gated.release.countDown();
            assertEquals("hash:first", first.get());
            assertEquals("hash:reset", reset.get());
            assertEquals("hash:third", hasher.forSignUps().hash("third"), "the unreserved permit came back");
        }
    }

    @Test
    void refuses_to_reserve_every_permit() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedPasswordHasher(new GatedHasher(), 2, 2, Duration.ofSeconds(1)));
    }

    private static void awaitStarted(GatedHasher gated, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gated.started.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, gated.started.get());
    }
}
