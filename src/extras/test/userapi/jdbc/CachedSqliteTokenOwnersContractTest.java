package userapi.jdbc;

import org.junit.jupiter.api.Test;
import userapi.auth.TokenOwners;
import userapi.cache.CachedTokenOwners;
import userapi.cache.CachedTokenRepository;
import userapi.cache.CachedUserRepository;
import userapi.cache.ReadCache;
import userapi.cache.SqliteDataVersion;
import userapi.model.Role;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token owners contract on SQLite behind the read cache the users and tokens share, as the server runs it; and
 * what the cache must not hide: a disable, a logout and a role change, each committed after the owner was cached,
 * are seen on the next find. The statement's reads are counted, to know the cache answered in between.
 */
class CachedSqliteTokenOwnersContractTest extends SqliteTokenOwnersContractTest {
    private final AtomicInteger statementReads = new AtomicInteger();

    @Override
    protected Stores openEmpty() {
        JdbcUserRepository store = JdbcUserRepository.open(url(), Duration.ofSeconds(5));
        database = store.database();
        ReadCache cache = new ReadCache(new SqliteDataVersion(database::openOutsidePool));
        JdbcTokenOwners oneStatement = new JdbcTokenOwners(database);
        TokenOwners counted = (hash, now) -> {
            statementReads.incrementAndGet();
            return oneStatement.find(hash, now);
        };
        return new Stores(new CachedUserRepository(store, cache), new CachedTokenRepository(new JdbcTokenRepository(database), cache),
                new JdbcAccountStore(database), new JdbcDisabledAccounts(database), new CachedTokenOwners(counted, cache));
    }

    @Test
    void a_second_find_with_nothing_committed_in_between_is_answered_from_the_cache() {
        issue("a1", ADA);

        assertEquals(owner("a1"), owner("a1"));
        assertEquals(1, statementReads.get());
    }

    @Test
    void a_disable_committed_after_the_owner_was_cached_is_seen_on_the_next_find() {
        issue("a1", ADA);
        assertFalse(owner("a1").disabled());
        assertFalse(owner("a1").disabled());
        assertEquals(1, statementReads.get(), "cached");

        stores.disabled().disable(ADA, T0); // not through the cache: only the store's change counter tells

        assertTrue(owner("a1").disabled());
    }

    @Test
    void a_logout_after_the_owner_was_cached_is_seen_on_the_next_find() {
        issue("a1", ADA);
        owner("a1");
        owner("a1");
        assertEquals(1, statementReads.get(), "cached");

        stores.tokens().delete("a1");

        assertEquals(Optional.empty(), find("a1"));
    }

    @Test
    void a_role_changed_by_another_connection_after_the_owner_was_cached_is_seen_on_the_next_find() {
        issue("a1", ADA);
        owner("a1");
        owner("a1");
        assertEquals(1, statementReads.get(), "cached");

        try (JdbcUserRepository adminCommand = JdbcUserRepository.open(url(), Duration.ofSeconds(5))) {
            adminCommand.setRole(ADA, Role.ADMIN); // what promote does, from a process of its own
        }

        assertEquals(Role.ADMIN, owner("a1").user().role());
    }
}
