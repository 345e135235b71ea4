package userapi.service;

import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.InMemoryUserRepository;
import userapi.repository.UserRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fake: an InMemoryUserRepository that records list and update calls and can run a hook just before an update. */
final class RecordingUserRepository implements UserRepository {
    private final InMemoryUserRepository store = new InMemoryUserRepository();

    final List<String> listCalls = new ArrayList<>();
    final List<UserChanges> updateCalls = new CopyOnWriteArrayList<>(); // updates may come from several threads
    Runnable beforeUpdate = () -> { };

    @Override
    public void insert(User user) {
        store.insert(user);
    }

    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
        updateCalls.add(changes);
        beforeUpdate.run();
        return store.update(id, changes, expectedVersion);
    }

    @Override
    public boolean delete(UUID id, OptionalLong expectedVersion) {
        return store.delete(id, expectedVersion);
    }

    @Override
    public Optional<User> findById(UUID id) {
        return store.findById(id);
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
    public boolean replacePasswordHash(UUID id, String expectedHash, String newHash) {
        return store.replacePasswordHash(id, expectedHash, newHash);
    }

    @Override
    public boolean setRole(UUID id, Role role) {
        return store.setRole(id, role);
    }

    @Override
    public Page<User> list(int limit, int offset) {
        listCalls.add("limit=" + limit + " offset=" + offset);
        return store.list(limit, offset);
    }
}
