package userapi.auth;

import java.time.Instant;
import java.util.UUID;

/** A token as the store keeps it: the SHA-256 of the secret (hex), whose it is, when it was made and when it dies. */
public record StoredToken(String hash, UUID userId, Instant createdAt, Instant expiresAt) {
    @Override
    public String toString() {
        return "StoredToken[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
