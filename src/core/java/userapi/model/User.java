package userapi.model;

import userapi.exception.StaleVersion;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The domain user as the service and repository see it; only it, and a UserChanges on its way in, hold a password hash.
 * version is 1 when created and one more with every change: what an ETag is made of.
 */
public record User(UUID id, String name, String email, String passwordHash, Role role, Instant createdAt, long version) {
    public static final long FIRST_VERSION = 1;

    /** A user as created: version 1. */
    public User(UUID id, String name, String email, String passwordHash, Role role, Instant createdAt) {
        this(id, name, email, passwordHash, role, createdAt, FIRST_VERSION);
    }

    @Override
    public String toString() { // never the hash, nor personal data, in a log
        return "User[id=" + id + ", role=" + role.label() + ", createdAt=" + createdAt + ", version=" + version + "]";
    }

    /** @throws StaleVersion when a version is expected and this user is at another one (If-Match did not match) */
    public void requireVersion(OptionalLong expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != version) {
            throw new StaleVersion(id);
        }
    }
}
