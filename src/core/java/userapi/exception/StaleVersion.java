package userapi.exception;

import java.util.UUID;

/** Expected, 412 PRECONDITION_FAILED, INFO: the user changed since the version the client read (If-Match). */
public final class StaleVersion extends ExpectedException {
    public StaleVersion(UUID id) {
        super(UserError.PRECONDITION_FAILED, "The user " + id + " has changed since the version given in If-Match: GET it again, then retry.");
    }
}
