package userapi.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** A token as the store keeps it: the SHA-256 of the secret (hex), whose it is, when it was made and when it dies. */
public record StoredToken(String hash, UUID userId, Instant createdAt, Instant expiresAt) {
    /** The order of a user's sessions: newest first, then by hash (a stable order for tokens of one second). */
    public static final Comparator<StoredToken> NEWEST_FIRST =
            Comparator.comparing(StoredToken::createdAt).reversed().thenComparing(StoredToken::hash);

    /** The handle that names this token's session to its user: not the token, and not turnable into it. */
    public String handle() {
        return Tokens.handle(hash);
    }

    @Override
    public String toString() {
        return "StoredToken[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
