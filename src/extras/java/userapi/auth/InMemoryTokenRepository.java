package userapi.auth;

import userapi.auth.StoredToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Tokens in memory, beside InMemoryUserRepository: for learning and tests; gone when the process ends. Revoking a
 * user's tokens walks the map, which is fine for what fits in memory; the SQL stores use an index on user_id.
 */
public final class InMemoryTokenRepository implements TokenRepository {
    private final Map<String, StoredToken> byHash = new ConcurrentHashMap<>();

    @Override
    public void insert(StoredToken token) {
        if (byHash.putIfAbsent(token.hash(), token) != null) {
            throw new IllegalStateException("a token with this hash exists already"); // 256 random bits: a bug
        }
    }

    @Override
    public Optional<StoredToken> findValid(String hash, Instant now) {
        return Optional.ofNullable(byHash.get(hash)).filter(token -> token.expiresAt().isAfter(now));
    }

    @Override
    public boolean delete(String hash) {
        return byHash.remove(hash) != null;
    }

    @Override
    public int deleteAllOf(UUID userId, String keepHash) {
        return removeWhere(token -> token.userId().equals(userId) && !token.hash().equals(keepHash));
    }

    /** One at a time, so trims of parallel logins never pass each other: at most keep remain. */
    @Override
    public synchronized int deleteAllButNewestOf(UUID userId, String keepHash, int keep, Instant now) {
        Set<String> kept = findValidOf(userId, now).stream().map(StoredToken::hash)
                .filter(hash -> !hash.equals(keepHash)).limit(Math.max(0, keep - 1)).collect(Collectors.toSet());
        return removeWhere(token -> token.userId().equals(userId) && !token.hash().equals(keepHash)
                && !kept.contains(token.hash()));
    }

    @Override
    public List<StoredToken> findValidOf(UUID userId, Instant now) {
        return byHash.values().stream()
                .filter(token -> token.userId().equals(userId) && token.expiresAt().isAfter(now))
                .sorted(StoredToken.NEWEST_FIRST).toList();
    }

    @Override
    public boolean deleteOf(UUID userId, String handle, Instant now) {
        return findValidOf(userId, now).stream().filter(token -> token.handle().equals(handle)).findFirst()
                .map(token -> byHash.remove(token.hash(), token)).orElse(false);
    }

    @Override
    public int deleteExpired(Instant now) {
        return removeWhere(token -> !token.expiresAt().isAfter(now));
    }

    /** Removes the tokens the test picks; how many (counted as removed: other threads may insert meanwhile). */
    private int removeWhere(Predicate<StoredToken> test) {
        int[] removed = {0};
        byHash.values().removeIf(token -> {
            boolean remove = test.test(token);
            removed[0] += remove ? 1 : 0;
            return remove;
        });
        return removed[0];
    }
}
