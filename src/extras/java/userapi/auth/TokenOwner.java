package userapi.auth;

import userapi.model.User;

/**
 * Whom a valid token signs in, as one read of the store gives it: the token, its user as stored right now, and the
 * standing of that user's account (a verified address; disabled by an admin), so a signed-in request about the
 * caller themselves needs no further read.
 */
public record TokenOwner(StoredToken token, User user, boolean emailVerified, boolean disabled) {
    @Override
    public String toString() {
        return "TokenOwner[userId=" + user.id() + ", disabled=" + disabled + "]"; // no hash, no user's secrets
    }
}
