package userapi.repository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.exception.EmailAlreadyRegistered;
import userapi.exception.StaleVersion;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every UserRepository promises, run against each implementation by a subclass that says how to open
 * a fresh, empty store and how to dispose of it: the service may not tell them apart.
 */
public abstract class UserRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");
    private static final long WAIT_SECONDS = 20;

    protected UserRepository repository;

    /** A new, empty store for one test. */
    protected abstract UserRepository openEmpty() throws Exception;

    /**
     * Rounds of the two-thread update race. On a database a read-then-write-back update is caught within the
     * first few rounds (each step is a round trip); in memory its window is microseconds wide, so a store there
     * runs many more rounds, which cost little, and still catches it in most runs rather than every run.
     */
    protected int updateRaceRounds() {
        return 40;
    }

    /** Called after close(): delete files, drop schemas. */
    protected void disposeOf() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        repository = openEmpty();
    }

    @AfterEach
    void close() throws Exception {
        repository.close();
        disposeOf();
    }

    static User user(String email, Instant createdAt) {
        return new User(UUID.randomUUID(), "Name of " + email, email, "pbkdf2$hash-of-" + email, Role.USER, createdAt);
    }

    @Test
    void finds_an_inserted_user_with_every_field_as_it_was_saved() {
        User ada = new User(UUID.randomUUID(), "Zoë 李 Ada", "ada@example.com", "pbkdf2-sha256$1000$salt$hash", Role.USER, T0);
        repository.insert(ada);

        assertEquals(ada, repository.findById(ada.id()).orElseThrow());
    }

    @Test
    void keeps_the_creation_time_to_the_millisecond() {
        User user = user("ms@example.com", Instant.parse("1999-12-31T23:59:59.999Z"));
        repository.insert(user);

        assertEquals(Instant.parse("1999-12-31T23:59:59.999Z"), repository.findById(user.id()).orElseThrow().createdAt());
    }

    @Test
    void finds_nothing_for_an_unknown_id() {
        repository.insert(user("a@example.com", T0));

        assertTrue(repository.findById(UUID.randomUUID()).isEmpty());
    }

    @Test
    void refuses_a_second_user_with_the_same_email_and_keeps_the_first() {
        User first = user("same@example.com", T0);
        repository.insert(first);
        User second = user("same@example.com", T0.plusMillis(1));

        assertThrows(EmailAlreadyRegistered.class, () -> repository.insert(second));
        assertTrue(repository.findById(second.id()).isEmpty());
        assertEquals(first, repository.findById(first.id()).orElseThrow());
        assertEquals(1, repository.list(10, 0).total());
    }

    @Test
    void tells_whether_an_email_is_taken() {
        repository.insert(user("taken@example.com", T0));

        assertTrue(repository.existsByEmail("taken@example.com"));
        assertFalse(repository.existsByEmail("free@example.com"));
    }

    @Test
    void update_changes_name_email_and_password_hash_and_returns_the_user_as_stored() {
        User user = user("old@example.com", T0);
        repository.insert(user);
        User changed = new User(user.id(), "New Name", "new@example.com", "pbkdf2$new", Role.USER, user.createdAt(), 2);

        assertEquals(Optional.of(changed),
                repository.update(user.id(), new UserChanges("New Name", "new@example.com", "pbkdf2$new")));
        assertEquals(changed, repository.findById(user.id()).orElseThrow());
        assertFalse(repository.existsByEmail("old@example.com"));
        assertTrue(repository.existsByEmail("new@example.com"));
    }

    @Test
    void update_of_the_name_only_keeps_the_stored_email_and_password_hash() {
        User user = user("keep@example.com", T0);
        repository.insert(user);
        User renamed = new User(user.id(), "Renamed", "keep@example.com", "pbkdf2$hash-of-keep@example.com", Role.USER, T0, 2);

        assertEquals(Optional.of(renamed), repository.update(user.id(), new UserChanges("Renamed", null, null)));
        assertEquals(renamed, repository.findById(user.id()).orElseThrow());
        assertTrue(repository.existsByEmail("keep@example.com"));
    }

    @Test
    void update_of_the_password_hash_only_keeps_the_stored_name_and_email() {
        User user = user("keep@example.com", T0);
        repository.insert(user);
        User rehashed = new User(user.id(), "Name of keep@example.com", "keep@example.com", "pbkdf2$new", Role.USER, T0, 2);

        assertEquals(Optional.of(rehashed), repository.update(user.id(), new UserChanges(null, null, "pbkdf2$new")));
        assertEquals(rehashed, repository.findById(user.id()).orElseThrow());
    }

    @Test
    void update_with_nothing_to_change_answers_the_user_as_stored() {
        User user = user("same@example.com", T0);
        repository.insert(user);

        assertEquals(Optional.of(new User(user.id(), user.name(), user.email(), user.passwordHash(), Role.USER, user.createdAt(), 2)),
                repository.update(user.id(), new UserChanges(null, null, null)));
        assertEquals(new User(user.id(), user.name(), user.email(), user.passwordHash(), Role.USER, user.createdAt(), 2),
                repository.findById(user.id()).orElseThrow()); // an accepted update is a new version, even an empty one
    }

    /**
     * Each round, two threads leave one barrier together and change one field each of the same user. An update
     * that read the user and wrote all of it back would, whenever the two overlap, put back the other's old value.
     */
    @Test
    void updates_of_different_fields_from_two_threads_both_survive() throws Exception {
        User user = user("both@example.com", T0);
        repository.insert(user);
        int rounds = updateRaceRounds();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= rounds; round++) {
                String name = "Name " + round;
                String hash = "pbkdf2$" + round;
                Future<Optional<User>> renaming = threads.submit(() -> {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    return repository.update(user.id(), new UserChanges(name, null, null));
                });
                Future<Optional<User>> rehashing = threads.submit(() -> {
                    together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    return repository.update(user.id(), new UserChanges(null, null, hash));
                });

                assertEquals(name, renaming.get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow().name(), "round " + round);
                assertEquals(hash, rehashing.get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow().passwordHash(), "round " + round);
                User stored = repository.findById(user.id()).orElseThrow();
                assertEquals(name, stored.name(), "round " + round + ": the name was written back over");
                assertEquals(hash, stored.passwordHash(), "round " + round + ": the password hash was written back over");
                assertEquals(new User(user.id(), name, "both@example.com", hash, Role.USER, T0, 1 + 2L * round), stored, "round " + round);
            }
        } finally {
            threads.shutdownNow(); // not close(): that would wait without bound for a hung thread
            assertTrue(threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "update threads did not stop");
        }
    }

    @Test
    void update_may_keep_the_users_own_email() {
        User user = user("mine@example.com", T0);
        repository.insert(user);

        assertEquals("Renamed", repository.update(user.id(), new UserChanges("Renamed", "mine@example.com", null))
                .orElseThrow().name());
        assertEquals("Renamed", repository.findById(user.id()).orElseThrow().name());
    }

    @Test
    void update_of_an_unknown_id_returns_empty_and_stores_nothing() {
        assertEquals(Optional.empty(),
                repository.update(UUID.randomUUID(), new UserChanges("Ghost", "ghost@example.com", "pbkdf2$x")));
        assertEquals(0, repository.list(10, 0).total());
        assertFalse(repository.existsByEmail("ghost@example.com"));
    }

    @Test
    void update_to_another_users_email_is_refused_and_changes_nothing() {
        User ada = user("ada@example.com", T0);
        User bob = user("bob@example.com", T0.plusMillis(1));
        repository.insert(ada);
        repository.insert(bob);

        assertThrows(EmailAlreadyRegistered.class,
                () -> repository.update(bob.id(), new UserChanges("Bob 2", "ada@example.com", null)));
        assertEquals(bob, repository.findById(bob.id()).orElseThrow());
        assertEquals(ada, repository.findById(ada.id()).orElseThrow());
    }

    @Test
    void delete_removes_the_user_once_and_frees_the_email() {
        User user = user("gone@example.com", T0);
        repository.insert(user);

        assertTrue(repository.delete(user.id()));
        assertFalse(repository.delete(user.id()));
        assertTrue(repository.findById(user.id()).isEmpty());
        repository.insert(user("gone@example.com", T0.plusMillis(5)));
        assertTrue(repository.existsByEmail("gone@example.com"));
    }

    @Test
    void lists_oldest_first_with_the_total_of_all_users() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(user("u" + i + "@example.com", T0.plusSeconds(i)));
            repository.insert(users.getLast());
        }

        Page<User> page = repository.list(2, 1);

        assertEquals(List.of(users.get(1), users.get(2)), page.items());
        assertEquals(5, page.total());
        assertEquals(2, page.limit());
        assertEquals(1, page.offset());
        assertEquals(users, repository.list(100, 0).items());
    }

    @Test
    void users_created_in_the_same_millisecond_list_in_the_order_they_were_saved() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(user("same-ms-" + i + "@example.com", T0));
            repository.insert(users.getLast());
        }

        assertEquals(users, repository.list(10, 0).items());
        assertEquals(users.subList(3, 6), repository.list(3, 3).items());
    }

    @Test
    void a_page_past_the_end_is_empty_but_still_counts_every_user() {
        repository.insert(user("a@example.com", T0));
        repository.insert(user("b@example.com", T0.plusMillis(1)));

        Page<User> page = repository.list(10, 5);

        assertEquals(List.of(), page.items());
        assertEquals(2, page.total());
    }

    @Test
    void an_empty_store_lists_nothing() {
        Page<User> page = repository.list(20, 0);

        assertEquals(List.of(), page.items());
        assertEquals(0, page.total());
    }

    @Test
    void of_racing_inserts_with_one_email_exactly_one_succeeds() throws Exception {
        int racers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            User user = user("race@example.com", T0.plusMillis(i));
            attempts.add(() -> {
                start.await();
                try {
                    repository.insert(user);
                    return true;
                } catch (EmailAlreadyRegistered e) {
                    return false;
                }
            });
        }
        int wins = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> attempt : attempts) {
                results.add(pool.submit(attempt));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                wins += result.get() ? 1 : 0;
            }
        }

        assertEquals(1, wins);
        assertEquals(1, repository.list(100, 0).total());
    }

    @Test
    void changing_the_email_frees_the_old_one_and_takes_the_new_one() {
        User ada = user("ada@example.com", T0);
        repository.insert(ada);

        repository.update(ada.id(), new UserChanges(null, "ada@example.org", null));

        repository.insert(user("ada@example.com", T0.plusMillis(1)));
        assertThrows(EmailAlreadyRegistered.class, () -> repository.insert(user("ada@example.org", T0.plusMillis(2))));
        assertEquals(2, repository.list(10, 0).total());
    }

    @Test
    void a_page_at_the_largest_offset_is_empty() {
        repository.insert(user("a@example.com", T0));

        Page<User> page = repository.list(10, Integer.MAX_VALUE);

        assertEquals(List.of(), page.items());
        assertEquals(1, page.total());
    }

    @Test
    void keeps_the_order_of_creation_and_the_total_after_updates_and_deletes() {
        User first = user("user1@example.com", T0);
        User second = user("user2@example.com", T0.plusMillis(1));
        User third = user("user3@example.com", T0.plusMillis(2));
        repository.insert(first);
        repository.insert(second);
        repository.insert(third);

        User changed = repository.update(first.id(), new UserChanges(null, "first@example.com", null)).orElseThrow();
        repository.delete(second.id());
        User fourth = user("user4@example.com", T0.plusMillis(3));
        repository.insert(fourth);

        Page<User> page = repository.list(10, 0);
        assertEquals(List.of(changed, third, fourth), page.items());
        assertEquals(3, page.total());
    }

    @Test
    void concurrent_inserts_with_distinct_emails_all_land_and_are_all_counted() throws Exception {
        int threads = 8;
        int perThread = 25;

        List<Throwable> outcomes = race(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                repository.insert(user("user" + (t * perThread + i) + "@example.com", T0.plusMillis(i)));
            }
        });

        assertEquals(Collections.nCopies(threads, null), outcomes);
        assertEquals(threads * perThread, repository.list(1, 0).total());
        assertEquals(threads * perThread, repository.list(1_000, 0).items().size());
        for (int n = 0; n < threads * perThread; n++) {
            assertTrue(repository.existsByEmail("user" + n + "@example.com"), "e-mail of user " + n);
        }
    }

    @Test
    void of_concurrent_updates_to_one_email_exactly_one_succeeds() throws Exception {
        int threads = 8;
        List<User> users = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            users.add(user("user" + n + "@example.com", T0.plusMillis(n)));
            repository.insert(users.getLast());
        }

        List<Throwable> outcomes = race(threads,
                n -> () -> repository.update(users.get(n).id(), new UserChanges(null, "wanted@example.com", null)));

        assertEquals(1, outcomes.stream().filter(o -> o == null).count(), outcomes::toString);
        outcomes.stream().filter(o -> o != null).forEach(o -> assertInstanceOf(EmailAlreadyRegistered.class, o));
        assertEquals(1, repository.list(100, 0).items().stream().filter(u -> u.email().equals("wanted@example.com")).count());
    }

    /** A piece of work for racing thread number index. */
    private interface Racer {
        void run() throws Exception;
    }

    /**
     * Starts one task per thread behind one start gate so that they run at once, and returns for each the
     * exception it threw, or null. Every wait is bounded.
     */
    private static List<Throwable> race(int threads, IntFunction<Racer> tasks) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Throwable>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                Racer task = tasks.apply(t);
                futures.add(pool.submit(() -> {
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
                }));
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

    @Test
    void says_it_is_reachable_while_open() {
        assertTrue(repository.reachable());
    }

    // --- sign-in -----------------------------------------------------------------------------------------------

    @Test
    void keeps_the_role_and_finds_a_user_by_email() {
        User ada = new User(new UUID(3, 1), "Ada", "ada@example.com", "hash", Role.USER, T0);
        repository.insert(ada);

        assertEquals(Optional.of(ada), repository.findByEmail("ada@example.com"));
        assertEquals(Optional.empty(), repository.findByEmail("bob@example.com"));
    }

    @Test
    void promotes_and_demotes_by_id() {
        User ada = new User(new UUID(3, 1), "Ada", "ada@example.com", "hash", Role.USER, T0);
        repository.insert(ada);

        assertTrue(repository.setRole(ada.id(), Role.ADMIN));
        assertEquals(Role.ADMIN, repository.findById(ada.id()).orElseThrow().role());
        assertTrue(repository.setRole(ada.id(), Role.USER));
        assertEquals(Role.USER, repository.findByEmail("ada@example.com").orElseThrow().role());
        assertFalse(repository.setRole(new UUID(3, 9), Role.ADMIN));
    }

    @Test
    void replaces_a_password_hash_only_if_it_is_still_the_expected_one() {
        User ada = new User(new UUID(3, 1), "Ada", "ada@example.com", "old", Role.USER, T0);
        repository.insert(ada);

        assertFalse(repository.replacePasswordHash(ada.id(), "not the stored one", "new"));
        assertEquals("old", repository.findById(ada.id()).orElseThrow().passwordHash());
        assertTrue(repository.replacePasswordHash(ada.id(), "old", "new"));
        assertEquals("new", repository.findById(ada.id()).orElseThrow().passwordHash());
        assertEquals(ada.version(), repository.findById(ada.id()).orElseThrow().version(), "a re-hash is not a new version");
    }

    // --- versions (optimistic concurrency) ---------------------------------------------------------------------

    @Test
    void a_new_user_has_version_1_and_each_update_adds_one() {
        User user = user("versions@example.com", T0);
        repository.insert(user);

        assertEquals(1, repository.findById(user.id()).orElseThrow().version());
        assertEquals(2, repository.update(user.id(), new UserChanges("B", null, null)).orElseThrow().version());
        assertEquals(3, repository.update(user.id(), new UserChanges("C", null, null)).orElseThrow().version());
        assertEquals(3, repository.findById(user.id()).orElseThrow().version());
    }

    @Test
    void an_update_expecting_the_current_version_applies() {
        User user = user("current@example.com", T0);
        repository.insert(user);

        User changed = repository.update(user.id(), new UserChanges("B", null, null), OptionalLong.of(1)).orElseThrow();

        assertEquals(new User(user.id(), "B", user.email(), user.passwordHash(), Role.USER, T0, 2), changed);
    }

    @Test
    void an_update_expecting_another_version_throws_stale_version_and_changes_nothing() {
        User user = user("stale@example.com", T0);
        repository.insert(user);
        repository.update(user.id(), new UserChanges("B", null, null));

        assertThrows(StaleVersion.class, () -> repository.update(user.id(), new UserChanges("C", "c@example.com", "pbkdf2$c"),
                OptionalLong.of(1)));

        assertEquals(new User(user.id(), "B", user.email(), user.passwordHash(), Role.USER, T0, 2), repository.findById(user.id()).orElseThrow());
    }

    @Test
    void a_delete_expecting_another_version_throws_stale_version_and_keeps_the_user() {
        User user = user("keepme@example.com", T0);
        repository.insert(user);
        repository.update(user.id(), new UserChanges("B", null, null));

        assertThrows(StaleVersion.class, () -> repository.delete(user.id(), OptionalLong.of(1)));
        assertTrue(repository.findById(user.id()).isPresent());
        assertTrue(repository.delete(user.id(), OptionalLong.of(2)));
        assertFalse(repository.findById(user.id()).isPresent());
    }

    @Test
    void an_unknown_id_is_not_found_whatever_version_is_expected() {
        assertEquals(Optional.empty(), repository.update(UUID.randomUUID(), new UserChanges("X", null, null), OptionalLong.of(1)));
        assertFalse(repository.delete(UUID.randomUUID(), OptionalLong.of(1)));
    }

    /** Writers that all read version 1 leave one barrier together: exactly one of them may win, every round. */
    @Test
    void of_writers_expecting_the_same_version_exactly_one_wins() throws Exception {
        int writers = 4;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 1; round <= 10; round++) {
                User user = user("race" + round + "@example.com", T0);
                repository.insert(user);
                CyclicBarrier together = new CyclicBarrier(writers);
                List<Future<Optional<User>>> attempts = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    String name = "Writer " + writer;
                    attempts.add(threads.submit(() -> {
                        together.await(WAIT_SECONDS, TimeUnit.SECONDS);
                        return repository.update(user.id(), new UserChanges(name, null, null), OptionalLong.of(1));
                    }));
                }
                int won = 0;
                int stale = 0;
                for (Future<Optional<User>> attempt : attempts) {
                    try {
                        attempt.get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow();
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertTrue(e.getCause() instanceof StaleVersion, "round " + round + ": " + e.getCause());
                        stale++;
                    }
                }
                assertEquals(List.of(1, writers - 1), List.of(won, stale), "round " + round);
                assertEquals(2, repository.findById(user.id()).orElseThrow().version(), "round " + round);
            }
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "update threads did not stop");
        }
    }
}
