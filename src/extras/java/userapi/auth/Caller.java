package userapi.auth;

import userapi.model.Role;

import java.util.UUID;

/**
 * Who is calling, as their bearer token proved it: the user's id and role, and the SHA-256 of the token used
 * (so logout and a password change know which token that was). Never the token itself.
 */
public record Caller(UUID userId, Role role, String tokenHash) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    @Override
    public String toString() {
        return "Caller[userId=" + userId + ", role=" + role.label() + "]"; // no token hash in a log
    }
}
