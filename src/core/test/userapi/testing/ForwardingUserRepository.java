package userapi.testing;

import userapi.model.Page;
import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.repository.InMemoryUserRepository;
import userapi.repository.UserRepository;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Base of test fakes: an in-memory user store, every call passed on; a fake overrides only the calls it watches. */
public abstract class ForwardingUserRepository implements UserRepository {
    protected final InMemoryUserRepository store = new InMemoryUserRepository();

    @Override
    public void insert(User user) {
        store.insert(user);
    }

    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
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
        return store.list(limit, offset);
    }
}
