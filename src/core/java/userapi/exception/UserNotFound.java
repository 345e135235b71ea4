package userapi.exception;

import java.util.UUID;

/** Expected, 404 USER_NOT_FOUND, INFO: no user has the requested id (or the id is not a UUID at all). */
public final class UserNotFound extends ExpectedException {
    public UserNotFound(UUID id) {
        super(UserError.USER_NOT_FOUND, "No user has the id " + id + ".");
    }

    public UserNotFound() {
        super(UserError.USER_NOT_FOUND, "No user has this id.");
    }
}
