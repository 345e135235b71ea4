package userapi.handler;

import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.service.UserService;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/** Test fake of the service layer: records each call with its arguments, answers with canned users or a set failure. */
final class FakeUserService implements UserService {
    final List<String> calls = new ArrayList<>();
    UserCreateRequest created;
    UserUpdateRequest updated;
    User user;
    Page<User> page = new Page<>(List.of(), 0, 20, 0);
    RuntimeException failure;

    FakeUserService(User user) {
        this.user = user;
    }

    @Override
    public User create(UserCreateRequest request) {
        record("create");
        created = request;
        return user;
    }

    @Override
    public User get(UUID id) {
        record("get " + id);
        return user;
    }

    @Override
    public Page<User> list(int limit, int offset) {
        record("list limit=" + limit + " offset=" + offset);
        return page;
    }

    @Override
    public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
        record("update " + id + (expectedVersion.isPresent() ? " if version " + expectedVersion.getAsLong() : ""));
        updated = request;
        return user;
    }

    @Override
    public void delete(UUID id, OptionalLong expectedVersion) {
        record("delete " + id + (expectedVersion.isPresent() ? " if version " + expectedVersion.getAsLong() : ""));
    }

    private void record(String call) {
        calls.add(call);
        if (failure != null) {
            throw failure;
        }
    }
}
