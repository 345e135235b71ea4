package userapi.account;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.account.DisabledAccounts.Outcome;
import userapi.model.Role;
import userapi.model.User;
import userapi.repository.UserRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every DisabledAccounts promises, run against each store by a subclass that opens a fresh, empty one (with the
 * user store beside it): the service may not tell them apart, and the last-admin rule holds under concurrency.
 */
public abstract class DisabledAccountsContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final UUID ADA = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);
    private static final UUID CAROL = new UUID(0, 3);
    private static final UUID NOBODY = new UUID(0, 9);

    /** A user store and the disabled accounts beside it. */
    public record Stores(UserRepository users, DisabledAccounts disabled) {
    }

    protected Stores stores;

    protected abstract Stores openEmpty() throws Exception;

    /** Called after the users' store is closed: delete files, drop schemas. */
    protected void disposeOf() throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        stores = openEmpty();
        insert(ADA, Role.ADMIN);
        insert(BOB, Role.USER);
    }

    @AfterEach
    void close() throws Exception {
        stores.users().close();
        disposeOf();
    }

    private void insert(UUID id, Role role) {
        stores.users().insert(new User(id, "User " + id, "user" + id.getLeastSignificantBits() + "@example.com", "hash",
                role, T0));
    }

    private DisabledAccounts disabled() {
        return stores.disabled();
    }

    @Test
    void a_user_is_enabled_until_disabled_and_again_once_enabled() {
        assertFalse(disabled().isDisabled(BOB));

        assertEquals(Outcome.CHANGED, disabled().disable(BOB, T0));
        assertTrue(disabled().isDisabled(BOB));
        assertFalse(disabled().isDisabled(ADA), "only that user");

        assertEquals(Outcome.CHANGED, disabled().enable(BOB));
        assertFalse(disabled().isDisabled(BOB));
    }

    @Test
    void disabling_or_enabling_twice_changes_nothing_the_second_time() {
        assertEquals(Outcome.UNCHANGED, disabled().enable(BOB));
        assertEquals(Outcome.CHANGED, disabled().disable(BOB, T0));
        assertEquals(Outcome.UNCHANGED, disabled().disable(BOB, T0.plusSeconds(1)));
        assertTrue(disabled().isDisabled(BOB));
    }

    @Test
    void an_unknown_user_is_neither_disabled_enabled_nor_demoted() {
        assertEquals(Outcome.NO_SUCH_USER, disabled().disable(NOBODY, T0));
        assertEquals(Outcome.NO_SUCH_USER, disabled().enable(NOBODY));
        assertEquals(Outcome.NO_SUCH_USER, disabled().demote(NOBODY));
        assertFalse(disabled().isDisabled(NOBODY));
    }

    @Test
    void the_mark_dies_with_the_user() {
        disabled().disable(BOB, T0);

        stores.users().delete(BOB);

        assertFalse(disabled().isDisabled(BOB));
        assertEquals(Outcome.NO_SUCH_USER, disabled().enable(BOB));
    }

    @Test
    void the_last_admin_who_is_not_disabled_cannot_be_disabled() {
        assertEquals(Outcome.LAST_ADMIN, disabled().disable(ADA, T0));
        assertFalse(disabled().isDisabled(ADA));

        insert(CAROL, Role.ADMIN);
        assertEquals(Outcome.CHANGED, disabled().disable(ADA, T0));
        assertEquals(Outcome.LAST_ADMIN, disabled().disable(CAROL, T0), "a disabled admin does not count");
        assertEquals(Outcome.CHANGED, disabled().disable(BOB, T0), "a user is no admin");
    }

    @Test
    void the_last_admin_who_is_not_disabled_cannot_be_demoted() {
        assertEquals(Outcome.LAST_ADMIN, disabled().demote(ADA));
        assertEquals(Role.ADMIN, stores.users().findById(ADA).orElseThrow().role());
        assertEquals(Outcome.UNCHANGED, disabled().demote(BOB), "a user is one already");

        insert(CAROL, Role.ADMIN);
        assertEquals(Outcome.CHANGED, disabled().demote(ADA));
        assertEquals(Role.USER, stores.users().findById(ADA).orElseThrow().role());
        assertEquals(Outcome.LAST_ADMIN, disabled().demote(CAROL));
    }

    @Test
    void a_disabled_admin_may_be_demoted_even_when_the_other_admins_are_disabled_too() {
        insert(CAROL, Role.ADMIN);
        disabled().disable(CAROL, T0);

        assertEquals(Outcome.CHANGED, disabled().demote(CAROL));
        assertEquals(Role.USER, stores.users().findById(CAROL).orElseThrow().role());
    }

    @Test
    void two_admins_disabling_each_other_at_once_leave_one_admin() throws Exception {
        insert(CAROL, Role.ADMIN);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (UUID id : List.of(ADA, CAROL)) {
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        return disabled().disable(id, T0);
                    }));
                }
                start.countDown();
                List<Outcome> got = new ArrayList<>();
                for (Future<Outcome> outcome : outcomes) {
                    got.add(outcome.get(20, TimeUnit.SECONDS));
                }

                assertTrue(got.contains(Outcome.CHANGED) && got.contains(Outcome.LAST_ADMIN), got.toString());
                assertTrue(!disabled().isDisabled(ADA) || !disabled().isDisabled(CAROL), "an admin is left");
                disabled().enable(ADA);
                disabled().enable(CAROL);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void an_admin_disabled_while_another_is_demoted_leaves_one_admin() throws Exception {
        insert(CAROL, Role.ADMIN);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Outcome> disabling = threads.submit(() -> {
                start.await();
                return disabled().disable(ADA, T0);
            });
            Future<Outcome> demoting = threads.submit(() -> {
                start.await();
                return disabled().demote(CAROL);
            });
            start.countDown();

            List<Outcome> got = List.of(disabling.get(20, TimeUnit.SECONDS), demoting.get(20, TimeUnit.SECONDS));
            assertTrue(got.contains(Outcome.CHANGED) && got.contains(Outcome.LAST_ADMIN), got.toString());
        } finally {
            threads.shutdownNow();
        }
    }
}
