package userapi.cache;

import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.UserRepository;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A UserRepository that answers findById and list from its {@link ReadCache} while the store has not changed,
 * and otherwise is the store it wraps: every write goes through and empties the cache. Used on SQLite, where one
 * connection sees every commit; the login's lookups by e-mail always read the store.
 */
public final class CachedUserRepository implements UserRepository {
    private final UserRepository store;
    private final ReadCache cache;

    /** @param cache shared with the tokens' CachedTokenRepository; closed with this repository */
    public CachedUserRepository(UserRepository store, ReadCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<User> findById(UUID id) {
        ReadCache.Generation generation = cache.now();
        User cached = generation == null ? null : generation.users.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> found = store.findById(id);
        if (generation != null && found.isPresent()) {
            ReadCache.Generation.put(generation.users, ReadCache.MAX_USERS, id, found.get());
        }
        return found;
    }

    @Override
    public Page<User> list(int limit, int offset) {
        ReadCache.Generation generation = cache.now();
        ReadCache.PageKey key = new ReadCache.PageKey(limit, offset);
        Page<User> cached = generation == null ? null : generation.pages.get(key);
        if (cached != null) {
            return cached;
        }
        Page<User> page = store.list(limit, offset);
        if (generation != null) {
            ReadCache.Generation.put(generation.pages, ReadCache.MAX_PAGES, key, page);
        }
        return page;
    }

    @Override
    public boolean existsByEmail(String email) {
        return store.existsByEmail(email);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return store.findByEmail(email);
    }

    @Override
    public void insert(User user) {
        cache.write(() -> store.insert(user));
    }

    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
        return cache.write(() -> store.update(id, changes, expectedVersion));
    }

    @Override
    public boolean delete(UUID id, OptionalLong expectedVersion) {
        return cache.write(() -> store.delete(id, expectedVersion));
    }

    @Override
    public boolean replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return cache.write(() -> store.replacePasswordHash(id, expectedHash, newHash));
    }

    @Override
    public boolean setRole(UUID id, Role role) {
        return cache.write(() -> store.setRole(id, role));
    }

    @Override
    public boolean reachable() {
        return store.reachable();
    }

    /** The cache (and its watch's connection) first, then the store. */
    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            store.close();
        }
    }
}
