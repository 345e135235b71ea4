package userapi.auth;

import userapi.repository.UserRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import userapi.model.Role;
import userapi.model.User;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * What every TokenRepository promises, run against each store by a subclass that opens a fresh, empty one (with the
 * user store its tokens belong to): the service may not tell them apart.
 */
public abstract class TokenRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final Instant LATER = T0.plus(Duration.ofHours(1));
    private static final UUID ADA = new UUID(0, 1);
    private static final UUID BOB = new UUID(0, 2);

    /** A user store and the token store beside it, both fresh and empty. */
    public record Stores(UserRepository users, TokenRepository tokens) {
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
            stores.users().insert(new User(id, "User " + id, id + "@example.com", "hash", Role.USER, T0));
        }
    }

    @AfterEach
    void close() throws Exception {
        stores.users().close();
        disposeOf();
    }

    private TokenRepository tokens() {
        return stores.tokens();
    }

    private static StoredToken token(String hash, UUID user, Instant expiresAt) {
        return new StoredToken(hash, user, T0, expiresAt);
    }

    @Test
    void finds_a_stored_token_by_its_hash_until_it_expires() {
        tokens().insert(token("a1", ADA, LATER));

        assertEquals(Optional.of(token("a1", ADA, LATER)), tokens().findValid("a1", T0));
        assertEquals(Optional.of(token("a1", ADA, LATER)), tokens().findValid("a1", LATER.minusMillis(1)));
        assertEquals(Optional.empty(), tokens().findValid("a1", LATER), "dead at its expiry");
    }

    @Test
    void knows_no_token_it_was_not_given() {
        tokens().insert(token("a1", ADA, LATER));

        assertEquals(Optional.empty(), tokens().findValid("b1", T0));
        assertEquals(Optional.empty(), tokens().findValid("A1", T0));
    }

    @Test
    void deletes_one_token_once() {
        tokens().insert(token("a1", ADA, LATER));
        tokens().insert(token("a2", ADA, LATER));

        assertTrue(tokens().delete("a1"));
        assertFalse(tokens().delete("a1"));
        assertEquals(Optional.empty(), tokens().findValid("a1", T0));
        assertTrue(tokens().findValid("a2", T0).isPresent());
    }

    @Test
    void revokes_all_of_a_users_tokens_but_the_one_kept_and_no_one_elses() {
        for (String hash : List.of("a1", "a2", "a3")) {
            tokens().insert(token(hash, ADA, LATER));
        }
        tokens().insert(token("b1", BOB, LATER));

        assertEquals(2, tokens().deleteAllOf(ADA, "a2"));

        assertEquals(Optional.empty(), tokens().findValid("a1", T0));
        assertTrue(tokens().findValid("a2", T0).isPresent());
        assertEquals(Optional.empty(), tokens().findValid("a3", T0));
        assertTrue(tokens().findValid("b1", T0).isPresent());
    }

    @Test
    void revokes_every_token_of_a_user_when_none_is_kept() {
        tokens().insert(token("a1", ADA, LATER));
        tokens().insert(token("a2", ADA, LATER));

        assertEquals(2, tokens().deleteAllOf(ADA, null));
        assertEquals(0, tokens().deleteAllOf(ADA, null));
        assertEquals(Optional.empty(), tokens().findValid("a2", T0));
    }

    @Test
    void the_sweep_removes_exactly_the_expired_tokens() {
        tokens().insert(token("old", ADA, T0.plusSeconds(10)));
        tokens().insert(token("edge", BOB, T0.plusSeconds(20)));
        tokens().insert(token("new", ADA, T0.plusSeconds(30)));

        assertEquals(2, tokens().deleteExpired(T0.plusSeconds(20)));

        assertFalse(tokens().delete("old"));
        assertFalse(tokens().delete("edge"));
        assertTrue(tokens().findValid("new", T0).isPresent());
    }

    @Test
    void lists_a_users_valid_tokens_newest_first_and_no_one_elses() {
        tokens().insert(new StoredToken("a1", ADA, T0, LATER));
        tokens().insert(new StoredToken("a3", ADA, T0.plusSeconds(2), LATER));
        tokens().insert(new StoredToken("a2", ADA, T0.plusSeconds(1), LATER));
        tokens().insert(new StoredToken("dead", ADA, T0.plusSeconds(3), T0.plusSeconds(10)));
        tokens().insert(new StoredToken("b1", BOB, T0.plusSeconds(5), LATER));

        assertEquals(List.of("a3", "a2", "a1"), tokens().findValidOf(ADA, T0.plusSeconds(10)).stream()
                .map(StoredToken::hash).toList());
        assertEquals(List.of(new StoredToken("b1", BOB, T0.plusSeconds(5), LATER)), tokens().findValidOf(BOB, T0));
        assertEquals(List.of(), tokens().findValidOf(new UUID(0, 3), T0));
    }

    @Test
    void lists_tokens_of_one_second_in_the_order_of_their_hashes() {
        for (String hash : List.of("c", "a", "b")) {
            tokens().insert(token(hash, ADA, LATER));
        }

        assertEquals(List.of("a", "b", "c"), tokens().findValidOf(ADA, T0).stream().map(StoredToken::hash).toList());
    }

    @Test
    void keeps_a_users_newest_tokens_and_the_one_just_issued_and_revokes_the_rest() {
        for (int i = 1; i <= 5; i++) { // a1 oldest ... a5 newest
            tokens().insert(new StoredToken("a" + i, ADA, T0.plusSeconds(i), LATER));
        }
        tokens().insert(new StoredToken("dead", ADA, T0.plusSeconds(9), T0.plusSeconds(10)));
        tokens().insert(new StoredToken("b1", BOB, T0, LATER));

        assertEquals(3, tokens().deleteAllButNewestOf(ADA, "a5", 3, T0.plusSeconds(10)), "a1, a2 and the expired one");

        assertEquals(List.of("a5", "a4", "a3"), tokens().findValidOf(ADA, T0).stream().map(StoredToken::hash).toList());
        assertFalse(tokens().delete("dead"), "an expired token is not among the newest kept");
        assertTrue(tokens().findValid("b1", T0).isPresent(), "no one else's");
        assertEquals(0, tokens().deleteAllButNewestOf(ADA, "a5", 3, T0.plusSeconds(10)));
    }

    @Test
    void the_token_kept_counts_among_the_newest_even_when_it_sorts_last() {
        for (String hash : List.of("x1", "x2", "x3")) { // one second: x1 sorts first, the new token "z" last
            tokens().insert(token(hash, ADA, LATER));
        }
        tokens().insert(token("z", ADA, LATER));

        assertEquals(2, tokens().deleteAllButNewestOf(ADA, "z", 2, T0));

        assertEquals(List.of("x1", "z"), tokens().findValidOf(ADA, T0).stream().map(StoredToken::hash).toList());
    }

    @Test
    void thirty_logins_in_parallel_leave_at_most_twenty_tokens() throws Exception {
        int logins = 30;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new java.util.ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(logins)) {
            for (int i = 0; i < logins; i++) {
                String hash = String.format("p%02d", i);
                done.add(threads.submit(() -> {
                    start.await();
                    tokens().insert(token(hash, ADA, LATER));
                    return tokens().deleteAllButNewestOf(ADA, hash, 20, T0);
                }));
            }
            start.countDown();
            for (Future<?> login : done) {
                login.get(30, TimeUnit.SECONDS); // a bound, not a speed
            }
        }

        int left = tokens().findValidOf(ADA, T0).size();
        assertTrue(left >= 1 && left <= 20, left + " tokens left");
    }

    @Test
    void revokes_one_of_a_users_tokens_by_its_handle_once() {
        tokens().insert(token("a1", ADA, LATER));
        tokens().insert(token("a2", ADA, LATER));

        assertTrue(tokens().deleteOf(ADA, Tokens.handle("a1"), T0));
        assertFalse(tokens().deleteOf(ADA, Tokens.handle("a1"), T0));

        assertEquals(Optional.empty(), tokens().findValid("a1", T0));
        assertTrue(tokens().findValid("a2", T0).isPresent());
    }

    @Test
    void does_not_revoke_another_users_token_an_unknown_handle_or_a_hash_given_as_a_handle() {
        tokens().insert(token("a1", ADA, LATER));

        assertFalse(tokens().deleteOf(BOB, Tokens.handle("a1"), T0), "not Bob's token");
        assertFalse(tokens().deleteOf(ADA, Tokens.handle("zz"), T0));
        assertFalse(tokens().deleteOf(ADA, "a1", T0), "the hash is not the handle");

        assertTrue(tokens().findValid("a1", T0).isPresent());
    }

    @Test
    void an_expired_token_is_no_session_to_revoke() {
        tokens().insert(token("a1", ADA, LATER));

        assertFalse(tokens().deleteOf(ADA, Tokens.handle("a1"), LATER));
    }
}
