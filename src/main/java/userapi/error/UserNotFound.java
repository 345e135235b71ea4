package userapi.error;

import java.util.UUID;

/** Expected, 404 USER_NOT_FOUND, INFO: no user has the requested id (or the id is not a UUID at all). */
public final class UserNotFound extends DomainException {
    public UserNotFound(UUID id) {
        super("No user has the id " + id + ".");
    }

    public UserNotFound() {
        super("No user has this id.");
    }
}
