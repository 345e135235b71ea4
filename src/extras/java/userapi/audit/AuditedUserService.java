package userapi.audit;

import userapi.model.Page;
import userapi.model.User;
import userapi.model.UserCreateRequest;
import userapi.model.UserUpdateRequest;
import userapi.service.UserService;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * A decorator of the core's UserService that records its security events: user.created, password.changed,
 * email.changed (only when the address really changes) and user.deleted, each about the user changed. Each change
 * and its row run as one {@link UnitOfWork}, so on the SQL stores both are committed or neither is. Reads pass
 * through.
 */
public final class AuditedUserService implements UserService {
    private final UserService users;
    private final AuditLog audit;
    private final UnitOfWork units;

    public AuditedUserService(UserService users, AuditLog audit, UnitOfWork units) {
        this.users = users;
        this.audit = audit;
        this.units = units;
    }

    @Override
    public User create(UserCreateRequest request) {
        return units.inOne(() -> {
            User user = users.create(request);
            audit.record(AuditEventType.USER_CREATED, user.id());
            return user;
        });
    }

    @Override
    public User get(UUID id) {
        return users.get(id);
    }

    @Override
    public Page<User> list(int limit, int offset) {
        return users.list(limit, offset);
    }

    @Override
    public User update(UUID id, UserUpdateRequest request, OptionalLong expectedVersion) {
        if (request.email() == null && request.password() == null) { // a name: nothing to record, one statement alone
            return users.update(id, request, expectedVersion);
        }
        return units.inOne(() -> {
            String emailBefore = request.email() == null ? null : users.get(id).email(); // canonical, as stored
            User updated = users.update(id, request, expectedVersion);
            if (request.password() != null) {
                audit.record(AuditEventType.PASSWORD_CHANGED, id);
            }
            if (emailBefore != null && !emailBefore.equals(updated.email())) {
                audit.record(AuditEventType.EMAIL_CHANGED, id);
            }
            return updated;
        });
    }

    @Override
    public void delete(UUID id, OptionalLong expectedVersion) {
        units.inOne(() -> {
            users.delete(id, expectedVersion);
            audit.record(AuditEventType.USER_DELETED, id);
            return null;
        });
    }
}
