package userapi.service;

import userapi.model.Page;
import userapi.model.User;
import userapi.repository.InMemoryUserRepository;
import userapi.repository.UserRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test fake: an InMemoryUserRepository that records list calls and can run a hook just before an update. */
final class RecordingUserRepository implements UserRepository {
    private final InMemoryUserRepository store = new InMemoryUserRepository();

    final List<String> listCalls = new ArrayList<>();
    Runnable beforeUpdate = () -> { };

    @Override
    public void insert(User user) {
        store.insert(user);
    }

    @Override
    public boolean update(User user) {
        beforeUpdate.run();
        return store.update(user);
    }

    @Override
    public boolean delete(UUID id) {
        return store.delete(id);
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
    public Page<User> list(int limit, int offset) {
        listCalls.add("limit=" + limit + " offset=" + offset);
        return store.list(limit, offset);
    }
}
