package userapi.repository;

import userapi.error.EmailAlreadyRegistered;
import userapi.model.Page;
import userapi.model.User;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Thread-safe repository in memory: for learning and tests; everything is gone when the process ends. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<UUID, User> byId = new LinkedHashMap<>(); // insertion order = oldest first
    private final Map<String, UUID> idByEmail = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public void insert(User user) {
        lock.writeLock().lock();
        try {
            if (idByEmail.containsKey(user.email())) {
                throw new EmailAlreadyRegistered();
            }
            byId.put(user.id(), user);
            idByEmail.put(user.email(), user.id());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean update(User user) {
        lock.writeLock().lock();
        try {
            User old = byId.get(user.id());
            if (old == null) {
                return false;
            }
            UUID owner = idByEmail.get(user.email());
            if (owner != null && !owner.equals(user.id())) {
                throw new EmailAlreadyRegistered();
            }
            idByEmail.remove(old.email());
            idByEmail.put(user.email(), user.id());
            byId.put(user.id(), user);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean delete(UUID id) {
        lock.writeLock().lock();
        try {
            User removed = byId.remove(id);
            if (removed != null) {
                idByEmail.remove(removed.email());
            }
            return removed != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<User> findById(UUID id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean existsByEmail(String email) {
        lock.readLock().lock();
        try {
            return idByEmail.containsKey(email);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Page<User> list(int limit, int offset) {
        lock.readLock().lock();
        try {
            List<User> items = new ArrayList<>(Math.min(limit, byId.size()));
            int index = 0;
            for (User user : byId.values()) {
                if (index++ < offset) {
                    continue;
                }
                if (items.size() == limit) {
                    break;
                }
                items.add(user);
            }
            return new Page<>(items, byId.size(), limit, offset);
        } finally {
            lock.readLock().unlock();
        }
    }
}
