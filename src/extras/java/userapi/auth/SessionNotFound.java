package userapi.auth;

import userapi.exception.ExpectedException;

/**
 * Expected, 404 SESSION_NOT_FOUND: the caller has no live session with this handle. Another user's session is
 * answered alike, so a handle says nothing about anyone else's sessions.
 */
public final class SessionNotFound extends ExpectedException {
    public SessionNotFound() {
        super(AuthError.SESSION_NOT_FOUND, "You have no session with this id.");
    }
}
