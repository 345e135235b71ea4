package userapi.model;

import java.time.Instant;
import java.util.UUID;

/** The domain user as the service and repository see it; only it, and a UserChanges on its way in, hold a password hash. */
public record User(UUID id, String name, String email, String passwordHash, Instant createdAt) {
    @Override
    public String toString() {
        return "User[id=" + id + ", createdAt=" + createdAt + "]"; // never the hash, nor personal data, in a log
    }
}
