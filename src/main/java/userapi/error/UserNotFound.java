package userapi.error;

import java.util.UUID;

/** The service's answer when no user has the requested id (or the id is not a UUID at all). */
public final class UserNotFound extends AppException {
    public UserNotFound(UUID id) {
        super("No user has the id " + id + ".");
    }

    public UserNotFound() {
        super("No user has this id.");
    }
}
