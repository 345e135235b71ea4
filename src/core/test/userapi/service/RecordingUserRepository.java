package userapi.service;

import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserChanges;
import userapi.testing.ForwardingUserRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fake: an InMemoryUserRepository that records list and update calls and can run a hook just before an update. */
public final class RecordingUserRepository extends ForwardingUserRepository {
    final List<String> listCalls = new ArrayList<>();
    final List<UserChanges> updateCalls = new CopyOnWriteArrayList<>(); // updates may come from several threads
    Runnable beforeUpdate = () -> { };
    final List<UUID> findByIdCalls = new CopyOnWriteArrayList<>();

    @Override
    public Optional<User> findById(UUID id) {
        findByIdCalls.add(id);
        return super.findById(id);
    }

    @Override
    public Optional<User> update(UUID id, UserChanges changes, OptionalLong expectedVersion) {
        updateCalls.add(changes);
        beforeUpdate.run();
        return super.update(id, changes, expectedVersion);
    }

    @Override
    public Page<User> list(int limit, int offset) {
        listCalls.add("limit=" + limit + " offset=" + offset);
        return super.list(limit, offset);
    }
}
