package userapi.cache;

import userapi.auth.StoredToken;
import userapi.auth.TokenRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A TokenRepository that answers findValid (every signed-in request's first lookup) from its {@link ReadCache}
 * while the store has not changed, checking the cached token's expiry against the time asked about; otherwise it
 * is the store it wraps: every write goes through and empties the cache, so a logout is seen at once. The list of a
 * user's sessions is read from the store each time (rare, and never stale).
 */
public final class CachedTokenRepository implements TokenRepository {
    private final TokenRepository store;
    private final ReadCache cache;

    public CachedTokenRepository(TokenRepository store, ReadCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<StoredToken> findValid(String hash, Instant now) {
        ReadCache.Generation generation = cache.now();
        StoredToken cached = generation == null ? null : generation.tokens.get(hash);
        if (cached != null) { // valid as the store would say: expires_at_ms > now, to the millisecond
            return cached.expiresAt().toEpochMilli() > now.toEpochMilli() ? Optional.of(cached) : Optional.empty();
        }
        Optional<StoredToken> found = store.findValid(hash, now);
        if (generation != null && found.isPresent()) {
            ReadCache.Generation.put(generation.tokens, ReadCache.MAX_TOKENS, hash, found.get());
        }
        return found;
    }

    @Override
    public void insert(StoredToken token) {
        cache.write(() -> store.insert(token));
    }

    @Override
    public boolean delete(String hash) {
        return cache.write(() -> store.delete(hash));
    }

    @Override
    public int deleteAllOf(UUID userId, String keepHash) {
        return cache.write(() -> store.deleteAllOf(userId, keepHash));
    }

    @Override
    public int deleteAllButNewestOf(UUID userId, String keepHash, int keep, Instant now) {
        return cache.write(() -> store.deleteAllButNewestOf(userId, keepHash, keep, now));
    }

    @Override
    public List<StoredToken> findValidOf(UUID userId, Instant now) {
        return store.findValidOf(userId, now);
    }

    @Override
    public boolean deleteOf(UUID userId, String handle, Instant now) {
        return cache.write(() -> store.deleteOf(userId, handle, now));
    }

    @Override
    public int deleteExpired(Instant now) {
        return cache.write(() -> store.deleteExpired(now));
    }
}
