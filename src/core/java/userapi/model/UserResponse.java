package userapi.model;

import java.time.Instant;
import java.util.UUID;

/** Response model (FastAPI's response_model): what a client may see of a user. It has no password field at all. */
public record UserResponse(UUID id, String name, String email, Role role, Instant createdAt) {
    public static UserResponse from(User user) {
        return new UserResponse(user.id(), user.name(), user.email(), user.role(), user.createdAt());
    }
}
