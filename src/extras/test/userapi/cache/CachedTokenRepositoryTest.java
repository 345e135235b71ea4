package userapi.cache;

import org.junit.jupiter.api.Test;
import userapi.auth.StoredToken;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token cache over a counting fake store and a watch the test controls. */
class CachedTokenRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final Instant EXPIRY = T0.plusSeconds(3600);
    private static final StoredToken ADAS = new StoredToken("a1", new UUID(0, 1), T0, EXPIRY);

    private final CountingTokenRepository store = new CountingTokenRepository();
    private final SettableWatch watch = new SettableWatch();
    private final CachedTokenRepository tokens = new CachedTokenRepository(store, new ReadCache(watch));

    CachedTokenRepositoryTest() {
        store.insert(ADAS);
    }

    @Test
    void serves_a_second_lookup_of_a_token_from_the_cache() {
        tokens.findValid("a1", T0);

        assertEquals(Optional.of(ADAS), tokens.findValid("a1", T0.plusSeconds(1)));
        assertEquals(1, store.findValidCalls);
    }

    @Test
    void refuses_a_cached_token_once_it_has_expired() {
        tokens.findValid("a1", T0);

        assertEquals(Optional.of(ADAS), tokens.findValid("a1", EXPIRY.minusMillis(1)));
        assertEquals(Optional.empty(), tokens.findValid("a1", EXPIRY), "dead at its expiry, as in the store");
        assertEquals(Optional.empty(), tokens.findValid("a1", EXPIRY.plusSeconds(60)));
    }

    @Test
    void a_logout_through_it_is_seen_by_the_next_lookup() {
        tokens.findValid("a1", T0);

        tokens.delete("a1");

        assertEquals(Optional.empty(), tokens.findValid("a1", T0));
    }

    @Test
    void a_logout_elsewhere_is_seen_by_the_next_lookup_once_the_watch_tells() {
        tokens.findValid("a1", T0);
        store.delete("a1"); // another instance's logout
        watch.commitElsewhere();

        assertEquals(Optional.empty(), tokens.findValid("a1", T0));
    }

    @Test
    void revoking_every_token_of_the_user_through_it_is_seen_at_once() {
        tokens.findValid("a1", T0);

        tokens.deleteAllOf(ADAS.userId(), null);

        assertEquals(Optional.empty(), tokens.findValid("a1", T0));
    }

    @Test
    void ending_one_session_through_it_is_seen_at_once() {
        tokens.findValid("a1", T0);

        tokens.deleteOf(ADAS.userId(), ADAS.handle(), T0);

        assertEquals(Optional.empty(), tokens.findValid("a1", T0));
    }

    @Test
    void a_users_sessions_are_listed_from_the_store() {
        tokens.findValid("a1", T0);

        assertEquals(List.of(ADAS), tokens.findValidOf(ADAS.userId(), T0));
    }

    @Test
    void an_unknown_token_is_asked_of_the_store_every_time() {
        tokens.findValid("b1", T0);
        tokens.findValid("b1", T0);

        assertEquals(2, store.findValidCalls);
    }

    @Test
    void a_watch_that_cannot_tell_means_every_lookup_goes_to_the_store() {
        watch.breakDown();

        tokens.findValid("a1", T0);
        tokens.findValid("a1", T0);

        assertEquals(2, store.findValidCalls);
    }
}
