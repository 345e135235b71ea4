package userapi.auth;

import userapi.exception.ExpectedException;

/**
 * Expected, 403 FORBIDDEN, INFO: the caller is signed in but may not do this (another user's account, or the list
 * without being an admin). Thrown before any lookup, so it says nothing about whether the other user exists.
 */
public final class Forbidden extends ExpectedException {
    public Forbidden() {
        super(AuthError.FORBIDDEN, "You may not do this to another user's account.");
    }

    public Forbidden(String detail) {
        super(AuthError.FORBIDDEN, detail);
    }
}
