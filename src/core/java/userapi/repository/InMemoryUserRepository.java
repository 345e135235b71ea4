package userapi.repository;

import userapi.exception.EmailAlreadyRegistered;
import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/** Thread-safe repository in memory: for learning and tests; everything is gone when the process ends. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<UUID, User> byId = new LinkedHashMap<>(); // insertion order = oldest first
    private final Map<String, UUID> idByEmail = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public void insert(User user) {
        locked(lock.writeLock(), () -> {
            if (idByEmail.containsKey(user.email())) {
                throw new EmailAlreadyRegistered();
            }
            byId.put(user.id(), user);
            idByEmail.put(user.email(), user.id());
            return null;
        });
    }

    /** Read, change and write under one write lock: no other write can come between. */
    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
        return locked(lock.writeLock(), () -> {
            User old = byId.get(id);
            if (old == null) {
                return Optional.empty();
            }
            old.requireVersion(expectedVersion);
            User changed = changes.applyTo(old);
            UUID owner = idByEmail.get(changed.email());
            if (owner != null && !owner.equals(id)) {
                throw new EmailAlreadyRegistered();
            }
            idByEmail.remove(old.email());
            idByEmail.put(changed.email(), id);
            byId.put(id, changed); // an existing key keeps its place: the list stays oldest first
            return Optional.of(changed);
        });
    }

    @Override
    public boolean delete(UUID id, OptionalLong expectedVersion) {
        return locked(lock.writeLock(), () -> {
            User stored = byId.get(id);
            if (stored != null) {
                stored.requireVersion(expectedVersion);
            }
            User removed = byId.remove(id);
            if (removed != null) {
                idByEmail.remove(removed.email());
            }
            return removed != null;
        });
    }

    @Override
    public Optional<User> findById(UUID id) {
        return locked(lock.readLock(), () -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public boolean existsByEmail(String email) {
        return locked(lock.readLock(), () -> idByEmail.containsKey(email));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return locked(lock.readLock(), () -> Optional.ofNullable(idByEmail.get(email)).map(byId::get));
    }

    @Override
    public boolean replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return locked(lock.writeLock(), () -> {
            User user = byId.get(id);
            if (user == null || !user.passwordHash().equals(expectedHash)) {
                return false;
            }
            // a re-hash is no change of the user's fields: the version (the ETag) stays, as in the SQL stores
            byId.put(id, new User(user.id(), user.name(), user.email(), newHash, user.role(), user.createdAt(), user.version()));
            return true;
        });
    }

    @Override
    public boolean setRole(UUID id, Role role) {
        return locked(lock.writeLock(), () -> {
            User user = byId.get(id);
            if (user == null) {
                return false;
            }
            byId.put(id, new User(user.id(), user.name(), user.email(), user.passwordHash(), role, user.createdAt(),
                    user.version()));
            return true;
        });
    }

    @Override
    public Page<User> list(int limit, int offset) {
        return locked(lock.readLock(), () -> {
            List<User> items = byId.values().stream().skip(offset).limit(limit).toList();
            return new Page<>(items, byId.size(), limit, offset);
        });
    }

    private static <T> T locked(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }
}
