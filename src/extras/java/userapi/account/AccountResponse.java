package userapi.account;

import userapi.model.Role;
import userapi.model.User;
import userapi.model.UserResponse;

import java.time.Instant;
import java.util.UUID;

/**
 * The production server's response model of a user: the lecture's {@link UserResponse} and the state of the account
 * the extras keep beside it (a verified address; disabled by an admin). Like UserResponse, it has no password field at all.
 */
public record AccountResponse(UUID id, String name, String email, Role role, Instant createdAt, boolean emailVerified,
                              boolean disabled) {
    public static AccountResponse of(User user, boolean emailVerified, boolean disabled) {
        UserResponse lecture = UserResponse.from(user);
        return new AccountResponse(lecture.id(), lecture.name(), lecture.email(), lecture.role(), lecture.createdAt(),
                emailVerified, disabled);
    }
}
