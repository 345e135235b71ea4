package userapi.account;

import userapi.model.Role;
import userapi.model.User;
import userapi.repository.UserRepository;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Disabled accounts in memory, beside InMemoryUserRepository: for learning and tests. One lock makes disable and
 * demote one step each, so the last-admin rule holds between them; reads take no lock. As InMemoryAccountStore, it
 * asks the users' repository whether a user exists, and a mark of a user deleted since counts for nothing (its id
 * is never reused). Counting the admins walks every user, which is fine for what fits in memory.
 */
public final class InMemoryDisabledAccounts implements DisabledAccounts {
    private final UserRepository users;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UUID, Instant> disabled = new ConcurrentHashMap<>();

    public InMemoryDisabledAccounts(UserRepository users) {
        this.users = users;
    }

    @Override
    public Outcome disable(UUID userId, Instant at) {
        return locked(() -> {
            Optional<User> user = users.findById(userId);
            if (user.isEmpty()) {
                return Outcome.NO_SUCH_USER;
            }
            if (disabled.containsKey(userId)) {
                return Outcome.UNCHANGED;
            }
            if (user.get().role() == Role.ADMIN && noOtherActiveAdmin(userId)) {
                return Outcome.LAST_ADMIN;
            }
            disabled.put(userId, at);
            return Outcome.CHANGED;
        });
    }

    @Override
    public Outcome enable(UUID userId) {
        if (users.findById(userId).isEmpty()) {
            disabled.remove(userId);
            return Outcome.NO_SUCH_USER;
        }
        return disabled.remove(userId) != null ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    @Override
    public boolean isDisabled(UUID userId) {
        return disabled.containsKey(userId) && users.findById(userId).isPresent();
    }

    @Override
    public Outcome demote(UUID userId) {
        return locked(() -> {
            Optional<User> user = users.findById(userId);
            if (user.isEmpty()) {
                return Outcome.NO_SUCH_USER;
            }
            if (user.get().role() != Role.ADMIN) {
                return Outcome.UNCHANGED;
            }
            if (!disabled.containsKey(userId) && noOtherActiveAdmin(userId)) {
                return Outcome.LAST_ADMIN;
            }
            return users.setRole(userId, Role.USER) ? Outcome.CHANGED : Outcome.NO_SUCH_USER;
        });
    }

    private boolean noOtherActiveAdmin(UUID userId) {
        return users.list(Integer.MAX_VALUE, 0).items().stream().noneMatch(user -> user.role() == Role.ADMIN
                && !user.id().equals(userId) && !disabled.containsKey(user.id()));
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
