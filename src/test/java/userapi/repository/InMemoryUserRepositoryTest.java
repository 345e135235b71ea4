package userapi.repository;

import org.junit.jupiter.api.Test;
import userapi.error.EmailAlreadyRegistered;
import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserChanges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of InMemoryUserRepository: storage, paging oldest first, e-mail uniqueness, also under concurrency. */
class InMemoryUserRepositoryTest {
    private static final int THREADS = 32;
    private static final long WAIT_SECONDS = 20;

    private final InMemoryUserRepository repository = new InMemoryUserRepository();

    @Test
    void finds_an_inserted_user_by_id_and_email() {
        User ada = user(1, "ada@example.com");

        repository.insert(ada);

        assertEquals(Optional.of(ada), repository.findById(ada.id()));
        assertTrue(repository.existsByEmail("ada@example.com"));
        assertFalse(repository.existsByEmail("bob@example.com"));
    }

    @Test
    void finds_nothing_for_an_unknown_id() {
        assertEquals(Optional.empty(), repository.findById(id(99)));
    }

    @Test
    void refuses_a_second_user_with_the_same_email() {
        repository.insert(user(1, "ada@example.com"));

        assertThrows(EmailAlreadyRegistered.class, () -> repository.insert(user(2, "ada@example.com")));
        assertEquals(Optional.empty(), repository.findById(id(2)));
        assertEquals(1, repository.list(10, 0).total());
    }

    @Test
    void update_changes_the_fields_named_and_returns_the_user_as_stored() {
        User ada = user(1, "ada@example.com");
        repository.insert(ada);
        User renamed = new User(ada.id(), "Ada L.", "ada@example.com", "hashed:new", ada.createdAt(), 2);

        assertEquals(Optional.of(renamed), repository.update(id(1), new UserChanges("Ada L.", null, "hashed:new")));

        assertEquals(Optional.of(renamed), repository.findById(id(1)));
    }

    @Test
    void update_of_an_unknown_user_returns_empty_and_stores_nothing() {
        assertEquals(Optional.empty(), repository.update(id(1), new UserChanges("Ada", "ada@example.com", "hashed:x")));

        assertEquals(Optional.empty(), repository.findById(id(1)));
        assertFalse(repository.existsByEmail("ada@example.com"));
    }

    @Test
    void update_may_keep_the_users_own_email() {
        repository.insert(user(1, "ada@example.com"));

        assertEquals("Ada L.", repository.update(id(1), new UserChanges("Ada L.", "ada@example.com", null)).orElseThrow().name());
        assertTrue(repository.existsByEmail("ada@example.com"));
    }

    @Test
    void update_refuses_another_users_email_and_changes_nothing() {
        User ada = user(1, "ada@example.com");
        repository.insert(ada);
        repository.insert(user(2, "bob@example.com"));

        assertThrows(EmailAlreadyRegistered.class, () -> repository.update(id(1), new UserChanges("X", "bob@example.com", null)));

        assertEquals(Optional.of(ada), repository.findById(id(1)));
        assertTrue(repository.existsByEmail("ada@example.com"));
    }

    @Test
    void changing_the_email_frees_the_old_one() {
        repository.insert(user(1, "ada@example.com"));

        repository.update(id(1), new UserChanges(null, "ada@example.org", null));

        assertFalse(repository.existsByEmail("ada@example.com"));
        assertTrue(repository.existsByEmail("ada@example.org"));
        repository.insert(user(2, "ada@example.com"));
        assertThrows(EmailAlreadyRegistered.class, () -> repository.insert(user(3, "ada@example.org")));
    }

    @Test
    void delete_removes_the_user_and_frees_the_email() {
        repository.insert(user(1, "ada@example.com"));

        assertTrue(repository.delete(id(1)));

        assertEquals(Optional.empty(), repository.findById(id(1)));
        assertFalse(repository.existsByEmail("ada@example.com"));
        repository.insert(user(2, "ada@example.com"));
        assertTrue(repository.existsByEmail("ada@example.com"));
    }

    @Test
    void delete_of_an_unknown_user_returns_false() {
        repository.insert(user(1, "ada@example.com"));

        assertFalse(repository.delete(id(2)));
        assertTrue(repository.delete(id(1)));
        assertFalse(repository.delete(id(1)), "a second delete finds nothing");
    }

    @Test
    void lists_oldest_first_with_limit_offset_and_total() {
        for (int n = 1; n <= 5; n++) {
            repository.insert(user(n, "user" + n + "@example.com"));
        }

        assertEquals(new Page<>(List.of(user(1, "user1@example.com"), user(2, "user2@example.com")), 5, 2, 0),
                repository.list(2, 0));
        assertEquals(List.of(id(3), id(4)), ids(repository.list(2, 2)));
        assertEquals(List.of(id(5)), ids(repository.list(2, 4)));
        assertEquals(List.of(), ids(repository.list(2, 5)));
        assertEquals(List.of(), ids(repository.list(10, Integer.MAX_VALUE)));
        assertEquals(5, repository.list(2, 5).total());
    }

    @Test
    void keeps_insertion_order_after_updates_and_deletes() {
        for (int n = 1; n <= 3; n++) {
            repository.insert(user(n, "user" + n + "@example.com"));
        }

        repository.update(id(1), new UserChanges(null, "first@example.com", null));
        repository.delete(id(2));
        repository.insert(user(4, "user4@example.com"));

        Page<User> page = repository.list(10, 0);
        assertEquals(List.of(id(1), id(3), id(4)), ids(page));
        assertEquals(3, page.total());
        assertEquals("first@example.com", page.items().getFirst().email());
    }

    @Test
    void lists_an_empty_store() {
        assertEquals(new Page<User>(List.of(), 0, 20, 0), repository.list(20, 0));
    }

    @Test
    void of_many_concurrent_inserts_with_one_email_exactly_one_succeeds() throws Exception {
        List<Throwable> outcomes = race(THREADS, n -> () -> repository.insert(user(n, "same@example.com")));

        long succeeded = outcomes.stream().filter(o -> o == null).count();
        assertEquals(1, succeeded, outcomes::toString);
        outcomes.stream().filter(o -> o != null).forEach(o -> assertInstanceOf(EmailAlreadyRegistered.class, o));
        assertEquals(1, repository.list(100, 0).total());
    }

    @Test
    void concurrent_inserts_with_distinct_emails_all_land() throws Exception {
        int perThread = 50;

        List<Throwable> outcomes = race(THREADS, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                int n = t * perThread + i;
                repository.insert(user(n, "user" + n + "@example.com"));
            }
        });

        outcomes.forEach(o -> assertEquals(null, o));
        assertEquals(THREADS * perThread, repository.list(100, 0).total());
        for (int n = 0; n < THREADS * perThread; n++) {
            assertTrue(repository.findById(id(n)).isPresent(), "user " + n);
            assertTrue(repository.existsByEmail("user" + n + "@example.com"), "e-mail of user " + n);
        }
    }

    @Test
    void of_many_concurrent_updates_to_one_email_exactly_one_succeeds() throws Exception {
        for (int n = 0; n < THREADS; n++) {
            repository.insert(user(n, "user" + n + "@example.com"));
        }

        List<Throwable> outcomes = race(THREADS, n -> () -> repository.update(id(n), new UserChanges(null, "wanted@example.com", null)));

        assertEquals(1, outcomes.stream().filter(o -> o == null).count(), outcomes::toString);
        outcomes.stream().filter(o -> o != null).forEach(o -> assertInstanceOf(EmailAlreadyRegistered.class, o));
        long owners = repository.list(100, 0).items().stream().filter(u -> u.email().equals("wanted@example.com")).count();
        assertEquals(1, owners);
    }

    /** A runnable that may throw; index is the thread's number. */
    private interface Task {
        void run() throws Exception;
    }

    private interface TaskFactory {
        Task forThread(int index);
    }

    /**
     * Starts {@code threads} tasks behind one start gate so that they run at once, and returns for each
     * the exception it threw, or null. Every wait is bounded.
     */
    private static List<Throwable> race(int threads, TaskFactory tasks) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Throwable>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                Task task = tasks.forThread(t);
                Callable<Throwable> gated = () -> {
                    ready.countDown();
                    if (!start.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate never opened");
                    }
                    try {
                        task.run();
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                };
                futures.add(pool.submit(gated));
            }
            assertTrue(ready.await(WAIT_SECONDS, TimeUnit.SECONDS), "threads did not get ready");
            start.countDown();
            List<Throwable> outcomes = new ArrayList<>();
            for (Future<Throwable> future : futures) {
                try {
                    outcomes.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    throw new AssertionError("a racing thread failed or hung", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow(); // not close(): that would wait without bound for a hung thread
            assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "racing threads did not stop");
        }
    }

    private static List<UUID> ids(Page<User> page) {
        return page.items().stream().map(User::id).toList();
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }

    private static User user(int n, String email) {
        return new User(id(n), "User " + n, email, "hashed:password" + n, Instant.parse("2024-05-01T10:15:30Z").plusSeconds(n));
    }
}
