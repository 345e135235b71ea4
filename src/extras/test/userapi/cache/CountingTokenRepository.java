package userapi.cache;

import userapi.auth.StoredToken;
import userapi.auth.InMemoryTokenRepository;
import userapi.auth.TokenRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test fake: an in-memory token store that counts its lookups. */
final class CountingTokenRepository implements TokenRepository {
    final InMemoryTokenRepository store = new InMemoryTokenRepository();
    int findValidCalls;

    @Override
    public void insert(StoredToken token) {
        store.insert(token);
    }

    @Override
    public Optional<StoredToken> findValid(String hash, Instant now) {
        findValidCalls++;
        return store.findValid(hash, now);
    }

    @Override
    public boolean delete(String hash) {
        return store.delete(hash);
    }

    @Override
    public int deleteAllOf(UUID userId, String keepHash) {
        return store.deleteAllOf(userId, keepHash);
    }

    @Override
    public int deleteAllButNewestOf(UUID userId, String keepHash, int keep, Instant now) {
        return store.deleteAllButNewestOf(userId, keepHash, keep, now);
    }

    @Override
    public List<StoredToken> findValidOf(UUID userId, Instant now) {
        return store.findValidOf(userId, now);
    }

    @Override
    public boolean deleteOf(UUID userId, String handle, Instant now) {
        return store.deleteOf(userId, handle, now);
    }

    @Override
    public int deleteExpired(Instant now) {
        return store.deleteExpired(now);
    }
}
