package userapi.cache;

import org.junit.jupiter.api.Test;
import userapi.model.Role;
import userapi.auth.StoredToken;
import userapi.model.User;
import userapi.model.UserChanges;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One request's reads in a scope: one look at the watch, until a write through the cache. */
class ReadCacheScopeTest {
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    private static final UUID ADA = new UUID(0, 1);

    private final CountingUserRepository userStore = new CountingUserRepository();
    private final CountingTokenRepository tokenStore = new CountingTokenRepository();
    private final SettableWatch watch = new SettableWatch();
    private final ReadCache cache = new ReadCache(watch);
    private final CachedUserRepository users = new CachedUserRepository(userStore, cache);
    private final CachedTokenRepository tokens = new CachedTokenRepository(tokenStore, cache);

    ReadCacheScopeTest() {
        userStore.insert(new User(ADA, "Ada", "ada@example.com", "hash", Role.USER, T0));
        tokenStore.insert(new StoredToken("a1", ADA, T0, T0.plusSeconds(3600)));
    }

    private void inOneScope(Runnable reads) {
        ReadCache.Scope scope = cache.openScope();
        try {
            reads.run();
        } finally {
            scope.close();
        }
    }

    @Test
    void a_signed_in_read_in_one_scope_looks_at_the_watch_once() {
        inOneScope(() -> {
            tokens.findValid("a1", T0); // the token
            users.findById(ADA); // the caller, for the role
            users.findById(ADA); // the user asked for
        });

        assertEquals(1, watch.looks);
    }

    @Test
    void each_scope_looks_again_and_sees_what_was_committed_before_it() {
        inOneScope(() -> users.findById(ADA));
        userStore.setRole(ADA, Role.ADMIN);
        watch.commitElsewhere();

        inOneScope(() -> assertEquals(Role.ADMIN, users.findById(ADA).orElseThrow().role()));
        assertEquals(2, watch.looks);
    }

    @Test
    void a_write_in_the_scope_makes_its_next_read_look_again_and_see_the_write() {
        inOneScope(() -> {
            users.findById(ADA);
            users.update(ADA, new UserChanges("Ada Lovelace", null, null));

            assertEquals("Ada Lovelace", users.findById(ADA).orElseThrow().name());
        });
        assertEquals(2, watch.looks);
    }

    @Test
    void after_the_scope_every_read_looks_again() {
        inOneScope(() -> users.findById(ADA));

        users.findById(ADA);
        users.findById(ADA);

        assertEquals(3, watch.looks);
    }
}
