package userapi.jdbc;

import org.junit.jupiter.api.Test;
import userapi.model.Role;
import userapi.auth.StoredToken;
import userapi.model.User;
import userapi.cache.CachedTokenRepository;
import userapi.cache.CachedUserRepository;
import userapi.cache.ReadCache;
import userapi.cache.SqliteDataVersion;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token repository contract on SQLite behind the read cache the users share, as the server runs it; and the
 * schema's cascade, also for a token the cache holds.
 */
class CachedSqliteTokenRepositoryContractTest extends SqliteTokenRepositoryContractTest {
    @Override
    protected Stores openEmpty() {
        JdbcUserRepository store = JdbcUserRepository.open("jdbc:sqlite:" + directory.resolve("users.db"), Duration.ofSeconds(5));
        ReadCache cache = new ReadCache(new SqliteDataVersion(store.database()::openOutsidePool));
        return new Stores(new CachedUserRepository(store, cache), new CachedTokenRepository(new JdbcTokenRepository(store.database()), cache));
    }

    @Test
    void a_token_found_a_moment_ago_dies_with_its_user() {
        UUID eve = new UUID(0, 5);
        Instant now = Instant.parse("2026-03-04T05:06:07Z");
        stores.users().insert(new User(eve, "Eve", "eve@example.com", "hash", Role.USER, now));
        stores.tokens().insert(new StoredToken("e1", eve, now, now.plusSeconds(60)));
        assertTrue(stores.tokens().findValid("e1", now).isPresent());

        stores.users().delete(eve);

        assertEquals(Optional.empty(), stores.tokens().findValid("e1", now));
    }
}
