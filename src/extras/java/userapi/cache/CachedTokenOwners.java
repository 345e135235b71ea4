package userapi.cache;

import userapi.auth.TokenOwner;
import userapi.auth.TokenOwners;

import java.time.Instant;
import java.util.Optional;

/**
 * TokenOwners answered from the {@link ReadCache} while the store has not changed (any commit, a logout's or a
 * disable's included, starts a new generation), checking the cached token's expiry against the time asked about;
 * otherwise the store's one read, kept for the next request with the same token.
 */
public final class CachedTokenOwners implements TokenOwners {
    private final TokenOwners store;
    private final ReadCache cache;

    public CachedTokenOwners(TokenOwners store, ReadCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<TokenOwner> find(String tokenHash, Instant now) {
        ReadCache.Generation generation = cache.now();
        TokenOwner cached = generation == null ? null : generation.owners.get(tokenHash);
        if (cached != null) { // valid as the store would say: expires_at_ms > now, to the millisecond
            return cached.token().expiresAt().toEpochMilli() > now.toEpochMilli() ? Optional.of(cached) : Optional.empty();
        }
        Optional<TokenOwner> found = store.find(tokenHash, now);
        if (generation != null && found.isPresent()) {
            ReadCache.Generation.put(generation.owners, ReadCache.MAX_TOKENS, tokenHash, found.get());
        }
        return found;
    }
}
