package userapi.model;

import java.time.Instant;
import java.util.UUID;

/** The domain user as the service and repository see it; only this record holds the password hash. */
public record User(UUID id, String name, String email, String passwordHash, Instant createdAt) {
    public User withName(String newName) {
        return new User(id, newName, email, passwordHash, createdAt);
    }

    public User withEmail(String newEmail) {
        return new User(id, name, newEmail, passwordHash, createdAt);
    }

    public User withPasswordHash(String newHash) {
        return new User(id, name, email, newHash, createdAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", createdAt=" + createdAt + "]"; // never the hash, nor personal data, in a log
    }
}
