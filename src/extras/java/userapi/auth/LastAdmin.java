package userapi.auth;

import userapi.exception.ExpectedException;

/** Expected, 409 LAST_ADMIN: this would leave no admin who is not disabled, and so no one to undo it. */
public final class LastAdmin extends ExpectedException {
    public LastAdmin() {
        super(AuthError.LAST_ADMIN, "This is the last admin who is not disabled: make another admin first.");
    }
}
