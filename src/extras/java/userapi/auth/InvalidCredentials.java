package userapi.auth;

import userapi.exception.ExpectedException;

/** Expected, 401 INVALID_CREDENTIALS, INFO: no user has this e-mail, or the password is wrong; the client is not told which. */
public final class InvalidCredentials extends ExpectedException {
    public InvalidCredentials() {
        super(AuthError.INVALID_CREDENTIALS, "The e-mail or the password is not correct.");
    }
}
