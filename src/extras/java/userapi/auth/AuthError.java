package userapi.auth;

import userapi.exception.ErrorCode;

/** The codes of sign-in and of who may do what: the rows of the error table for this package's exceptions. */
public enum AuthError implements ErrorCode {
    AUTHENTICATION_REQUIRED(401, "Authentication required"),
    INVALID_CREDENTIALS(401, "Invalid credentials"),
    FORBIDDEN(403, "Forbidden"),
    CURRENT_PASSWORD_INCORRECT(403, "Current password incorrect"),
    TOO_MANY_LOGIN_ATTEMPTS(429, "Too many login attempts"),
    SESSION_NOT_FOUND(404, "Session not found"),
    ACCOUNT_DISABLED(403, "Account disabled"),
    LAST_ADMIN(409, "Last admin");

    private final int status;
    private final String title;

    AuthError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
