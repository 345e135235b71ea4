package userapi.model;

import java.time.Instant;
import java.util.UUID;

/** The domain user as the service and repository see it; only it, and a UserChanges on its way in, hold a password hash. */
public record User(UUID id, String name, String email, String passwordHash, Role role, Instant createdAt) {
    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role.label() + ", createdAt=" + createdAt + "]"; // never the hash, nor personal data
    }
}
