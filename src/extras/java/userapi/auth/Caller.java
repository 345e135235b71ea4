package userapi.auth;

import userapi.model.Role;

import java.util.UUID;

/**
 * Who is calling, as their bearer token proved it: the user's id and role, the SHA-256 of the token used (so logout
 * and a password change know which token that was), never the token itself; the client address the request came
 * from (what the password brake counts a wrong current password against), null until sign-in knows it; and what
 * the token's one read found ({@link TokenOwner}: the caller's user and the standing of their account, read in this
 * request), null for a caller made otherwise.
 */
public record Caller(UUID userId, Role role, String tokenHash, String clientAddress, TokenOwner owner) {
    /** A caller as the token store proves it, before sign-in has seen the request's client address. */
    public Caller(UUID userId, Role role, String tokenHash) {
        this(userId, role, tokenHash, null, null);
    }

    /** The caller a token's owner is, as read with the token. */
    public static Caller of(TokenOwner owner) {
        return new Caller(owner.user().id(), owner.user().role(), owner.token().hash(), null, owner);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** The same caller, calling from this client address. */
    public Caller from(String address) {
        return new Caller(userId, role, tokenHash, address, owner);
    }

    @Override
    public String toString() {
        return "Caller[userId=" + userId + ", role=" + role.label() + "]"; // no token hash in a log
    }
}
