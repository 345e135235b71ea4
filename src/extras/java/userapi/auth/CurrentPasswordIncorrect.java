package userapi.auth;

import userapi.exception.ExpectedException;

/** Expected, 403 CURRENT_PASSWORD_INCORRECT, INFO: changing one's own e-mail or password, with the wrong current password. */
public final class CurrentPasswordIncorrect extends ExpectedException {
    public CurrentPasswordIncorrect() {
        super(AuthError.CURRENT_PASSWORD_INCORRECT, "The current password is not correct.");
    }
}
