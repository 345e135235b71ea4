package userapi.account;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.account.OneTimeToken.Purpose;
import userapi.model.Role;
import userapi.model.User;
import userapi.repository.UserRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every AccountStore promises, run against each store by a subclass that opens a fresh, empty one (with the
 * user store its tokens belong to, and its outbox): the account service may not tell them apart.
 */
public abstract class AccountStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final Duration LIFE = Duration.ofMinutes(30);
    private static final Duration WINDOW = AccountStore.BRAKE_WINDOW;
    private static final UUID ADA = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);
    private static final int MAX = 3;
    static final long WAIT_SECONDS = 20;

    /** A user store, and the account store beside it, which is also the outbox its issue queues into. */
    public record Stores(UserRepository users, AccountStore accounts, MailOutbox outbox) {
    }

    protected Stores stores;

    protected abstract Stores openEmpty() throws Exception;

    /** Called after the users' store is closed: delete files, drop schemas. */
    protected void disposeOf() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        stores = openEmpty();
        for (UUID id : List.of(ADA, BOB)) {
            stores.users().insert(new User(id, "User " + id, emailOf(id), "hash", Role.USER, T0));
        }
    }

    @AfterEach
    void close() throws Exception {
        stores.users().close();
        disposeOf();
    }

    private AccountStore accounts() {
        return stores.accounts();
    }

    private static String emailOf(UUID user) {
        return "user" + user.getLeastSignificantBits() + "@example.com";
    }

    private static OneTimeToken token(String hash, UUID user, Purpose purpose, Instant createdAt) {
        return token(hash, user, purpose, createdAt, createdAt.plus(LIFE));
    }

    private static OneTimeToken token(String hash, UUID user, Purpose purpose, Instant createdAt, Instant expiresAt) {
        return new OneTimeToken(hash, user, purpose, emailOf(user), createdAt, expiresAt);
    }

    private static OneTimeToken reset(String hash, UUID user, Instant createdAt) {
        return token(hash, user, Purpose.PASSWORD_RESET, createdAt);
    }

    private static Mail mailWith(OneTimeToken token) {
        return new Mail(token.email(), "Your link", "https://example.com/account#" + token.hash());
    }

    private boolean issue(OneTimeToken token) {
        return accounts().issue(token, mailWith(token), MAX);
    }

    private boolean isValid(OneTimeToken token, Instant now) {
        return accounts().findValid(token.hash(), token.purpose(), now).isPresent();
    }

    @Test
    void issuing_stores_the_token_and_queues_its_mail_together() {
        OneTimeToken token = reset("a1", ADA, T0);

        assertTrue(issue(token));

        assertEquals(Optional.of(token), accounts().findValid("a1", Purpose.PASSWORD_RESET, T0));
        assertEquals(1, stores.outbox().size());
        List<QueuedMail> queued = stores.outbox().claimDue(T0, 10, T0.plusSeconds(60));
        assertEquals(1, queued.size());
        assertEquals(mailWith(token), queued.getFirst().mail());
        assertEquals(T0, queued.getFirst().queuedAt());
    }

    @Test
    void issuing_changes_nothing_of_the_user_nor_the_count_of_users() {
        User before = stores.users().findById(ADA).orElseThrow();

        assertTrue(issue(reset("a1", ADA, T0)));

        assertEquals(before, stores.users().findById(ADA).orElseThrow(), "the same fields and version");
        assertEquals(2, stores.users().list(10, 0).total());
    }

    @Test
    void once_the_user_got_the_limit_within_the_window_a_token_is_refused_with_its_mail() {
        assertTrue(issue(reset("a1", ADA, T0)));
        assertTrue(issue(reset("a2", ADA, T0.plusSeconds(60))));
        assertTrue(issue(reset("a3", ADA, T0.plusSeconds(120))));

        OneTimeToken fourth = reset("a4", ADA, T0.plusSeconds(180));
        assertFalse(issue(fourth));

        assertFalse(isValid(fourth, fourth.createdAt()), "not stored");
        assertTrue(isValid(reset("a3", ADA, T0.plusSeconds(120)), fourth.createdAt()), "the last one not ended");
        assertEquals(3, stores.outbox().size(), "no mail queued for it");
    }

    @Test
    void the_limit_counts_the_tokens_of_the_window_before_the_new_one() {
        for (String hash : List.of("a1", "a2", "a3")) {
            assertTrue(issue(reset(hash, ADA, T0)));
        }

        assertFalse(issue(reset("a4", ADA, T0.plus(WINDOW).minusMillis(1))));
        assertTrue(issue(reset("a5", ADA, T0.plus(WINDOW))), "the first three are out of the window");
    }

    @Test
    void the_limit_is_of_one_user_and_one_purpose() {
        for (String hash : List.of("a1", "a2", "a3")) {
            assertTrue(issue(reset(hash, ADA, T0)));
        }

        assertFalse(issue(reset("a4", ADA, T0)));
        assertTrue(issue(token("v1", ADA, Purpose.EMAIL_VERIFICATION, T0)));
        assertTrue(issue(reset("b1", BOB, T0)));
    }

    @Test
    void a_newer_token_ends_the_older_ones_of_its_user_and_purpose_only() {
        OneTimeToken older = reset("a1", ADA, T0);
        OneTimeToken verification = token("v1", ADA, Purpose.EMAIL_VERIFICATION, T0);
        OneTimeToken bobs = reset("b1", BOB, T0);
        for (OneTimeToken token : List.of(older, verification, bobs)) {
            assertTrue(issue(token));
        }

        OneTimeToken newer = reset("a2", ADA, T0.plusSeconds(60));
        assertTrue(issue(newer));

        Instant now = T0.plusSeconds(61);
        assertFalse(isValid(older, now));
        assertEquals(Optional.empty(), accounts().use("a1", Purpose.PASSWORD_RESET, now));
        assertTrue(isValid(newer, now));
        assertTrue(isValid(verification, now), "another purpose");
        assertTrue(isValid(bobs, now), "another user");
    }

    @Test
    void issuing_for_a_deleted_user_stores_and_queues_nothing() {
        stores.users().delete(ADA);

        assertFalse(issue(reset("a1", ADA, T0)));

        assertFalse(isValid(reset("a1", ADA, T0), T0));
        assertEquals(0, stores.outbox().size());
    }

    /** A hash that collides (256 random bits: only a bug does this) makes the issue fail after nothing was ended. */
    @Test
    void an_issue_that_fails_ends_nothing_stores_nothing_and_queues_nothing() {
        OneTimeToken first = reset("a1", ADA, T0);
        assertTrue(issue(first));
        OneTimeToken colliding = new OneTimeToken("a1", ADA, Purpose.PASSWORD_RESET, "other@example.com",
                T0.plusSeconds(60), T0.plusSeconds(60).plus(LIFE));

        assertThrows(RuntimeException.class, () -> issue(colliding));

        assertEquals(Optional.of(first), accounts().findValid("a1", Purpose.PASSWORD_RESET, T0.plusSeconds(60)));
        assertEquals(1, stores.outbox().size());
    }

    @Test
    void finds_an_unused_token_of_its_purpose_until_it_expires() {
        OneTimeToken token = reset("a1", ADA, T0);
        assertTrue(issue(token));

        assertEquals(Optional.of(token), accounts().findValid("a1", Purpose.PASSWORD_RESET, token.expiresAt().minusMillis(1)));
        assertEquals(Optional.empty(), accounts().findValid("a1", Purpose.PASSWORD_RESET, token.expiresAt()), "dead at its expiry");
        assertEquals(Optional.empty(), accounts().findValid("a1", Purpose.EMAIL_VERIFICATION, T0), "another purpose");
        assertEquals(Optional.empty(), accounts().findValid("A1", Purpose.PASSWORD_RESET, T0), "another hash");
    }

    @Test
    void finding_a_token_does_not_use_it() {
        OneTimeToken token = reset("a1", ADA, T0);
        assertTrue(issue(token));

        assertTrue(isValid(token, T0));
        assertTrue(isValid(token, T0));
        assertEquals(Optional.of(token), accounts().use("a1", Purpose.PASSWORD_RESET, T0));
    }

    @Test
    void a_token_is_used_once() {
        OneTimeToken token = reset("a1", ADA, T0);
        assertTrue(issue(token));

        assertEquals(Optional.of(token), accounts().use("a1", Purpose.PASSWORD_RESET, T0.plusSeconds(1)));

        assertEquals(Optional.empty(), accounts().use("a1", Purpose.PASSWORD_RESET, T0.plusSeconds(2)));
        assertFalse(isValid(token, T0.plusSeconds(2)));
    }

    @Test
    void a_token_cannot_be_used_for_another_purpose_nor_once_expired_and_such_tries_leave_it_unused() {
        OneTimeToken token = reset("a1", ADA, T0);
        assertTrue(issue(token));

        assertEquals(Optional.empty(), accounts().use("a1", Purpose.EMAIL_VERIFICATION, T0));
        assertEquals(Optional.empty(), accounts().use("a1", Purpose.PASSWORD_RESET, token.expiresAt()));

        assertEquals(Optional.of(token), accounts().use("a1", Purpose.PASSWORD_RESET, T0));
    }

    /** A use that found the token and then wrote it used, in two steps, would let two threads both have it. */
    @Test
    void of_threads_using_one_token_at_once_exactly_one_gets_it() throws Exception {
        for (int round = 0; round < 10; round++) {
            OneTimeToken token = reset("race" + round, ADA, T0.plusSeconds(round));
            assertTrue(accounts().issue(token, mailWith(token), Integer.MAX_VALUE));

            List<Optional<OneTimeToken>> got = race(4, racer ->
                    () -> accounts().use(token.hash(), Purpose.PASSWORD_RESET, token.createdAt()));

            assertEquals(1, got.stream().filter(Optional::isPresent).count(), "round " + round);
        }
    }

    /** Counting, then storing, without holding the user meanwhile would let several threads pass one count. */
    @Test
    void issues_for_one_user_at_once_never_exceed_the_limit_and_leave_one_token_unused() throws Exception {
        int racers = 12;

        List<Boolean> issued = race(racers, racer -> () -> issue(reset("race" + racer, ADA, T0.plusMillis(racer))));

        assertEquals(MAX, issued.stream().filter(Boolean::booleanValue).count());
        assertEquals(MAX, stores.outbox().size());
        long unused = 0;
        for (int racer = 0; racer < racers; racer++) {
            unused += isValid(reset("race" + racer, ADA, T0.plusMillis(racer)), T0.plusSeconds(1)) ? 1 : 0;
        }
        assertEquals(1, unused, "each issue ended the ones before it");
    }

    @Test
    void an_address_is_verified_for_its_user_until_another_is_marked() {
        assertFalse(accounts().isVerified(ADA, "ada@example.com"));

        accounts().markVerified(ADA, "ada@example.com");

        assertTrue(accounts().isVerified(ADA, "ada@example.com"));
        assertFalse(accounts().isVerified(ADA, "ada@example.org"), "the address changed: not verified");
        assertFalse(accounts().isVerified(BOB, "ada@example.com"), "another user");

        accounts().markVerified(ADA, "ada@example.org");

        assertTrue(accounts().isVerified(ADA, "ada@example.org"));
        assertFalse(accounts().isVerified(ADA, "ada@example.com"), "the old address is no longer the proved one");
    }

    @Test
    void tokens_and_proof_of_an_address_die_with_their_user() {
        OneTimeToken adas = reset("a1", ADA, T0);
        OneTimeToken bobs = reset("b1", BOB, T0);
        assertTrue(issue(adas));
        assertTrue(issue(bobs));
        accounts().markVerified(ADA, emailOf(ADA));
        accounts().markVerified(BOB, emailOf(BOB));

        stores.users().delete(ADA);

        assertFalse(isValid(adas, T0));
        assertEquals(Optional.empty(), accounts().use("a1", Purpose.PASSWORD_RESET, T0));
        assertFalse(accounts().isVerified(ADA, emailOf(ADA)));
        assertTrue(isValid(bobs, T0));
        assertTrue(accounts().isVerified(BOB, emailOf(BOB)));
    }

    @Test
    void marking_a_deleted_user_verified_records_nothing_and_is_no_failure() {
        stores.users().delete(ADA);

        assertDoesNotThrow(() -> accounts().markVerified(ADA, emailOf(ADA)));

        assertFalse(accounts().isVerified(ADA, emailOf(ADA)));
    }

    /** Ended and used tokens still count towards the limit for an hour after they were made: the sweep keeps them. */
    @Test
    void the_sweep_keeps_every_token_the_limit_still_counts() {
        assertTrue(issue(reset("a1", ADA, T0)));
        assertTrue(issue(reset("a2", ADA, T0.plusSeconds(60))));
        assertTrue(issue(reset("a3", ADA, T0.plusSeconds(120))));
        assertTrue(accounts().use("a3", Purpose.PASSWORD_RESET, T0.plusSeconds(180)).isPresent());

        assertEquals(0, accounts().deleteSpent(T0.plus(LIFE)));
        assertFalse(issue(reset("a4", ADA, T0.plus(LIFE))), "the three still count");
        assertEquals(0, accounts().deleteSpent(T0.plus(WINDOW)), "made exactly one window ago");

        assertEquals(1, accounts().deleteSpent(T0.plus(WINDOW).plusMillis(1)));
        assertEquals(2, accounts().deleteSpent(T0.plus(WINDOW).plusSeconds(121)));
        assertEquals(0, accounts().deleteSpent(T0.plus(WINDOW).plusSeconds(121)));
    }

    @Test
    void the_sweep_removes_expired_tokens_and_keeps_the_unused_ones_still_alive() {
        OneTimeToken shortLived = reset("a1", ADA, T0);
        OneTimeToken longLived = token("v1", ADA, Purpose.EMAIL_VERIFICATION, T0, T0.plus(Duration.ofDays(1)));
        assertTrue(issue(shortLived));
        assertTrue(issue(longLived));

        assertEquals(1, accounts().deleteSpent(T0.plus(WINDOW).plus(LIFE)));

        assertTrue(isValid(longLived, T0.plus(WINDOW).plus(LIFE)));
        assertEquals(1, accounts().deleteSpent(longLived.expiresAt()));
        assertFalse(isValid(longLived, T0));
    }

    /**
     * Runs one task per thread, all let go at once behind one gate, and returns what each returned, in order.
     * Every wait is bounded; a task that threw fails the test with its exception.
     */
    static <T> List<T> race(int threads, IntFunction<Callable<T>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<T> task = tasks.apply(t);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!start.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the start gate never opened");
                    }
                    return task.call();
                }));
            }
            assertTrue(ready.await(WAIT_SECONDS, TimeUnit.SECONDS), "the threads did not get ready");
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow(); // not close(): that would wait without bound for a hung thread
            assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "the threads did not stop");
        }
    }
}
