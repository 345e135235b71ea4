package userapi.cache;

import userapi.model.Page;
import userapi.model.User;
import userapi.testing.ForwardingUserRepository;

import java.util.Optional;
import java.util.UUID;

/** Test fake: an in-memory user store that counts the reads the cache should spare it. */
final class CountingUserRepository extends ForwardingUserRepository {
    int findByIdCalls;
    int listCalls;
    boolean closed;

    @Override
    public Optional<User> findById(UUID id) {
        findByIdCalls++;
        return super.findById(id);
    }

    @Override
    public Page<User> list(int limit, int offset) {
        listCalls++;
        return super.list(limit, offset);
    }

    @Override
    public void close() {
        closed = true;
    }
}
