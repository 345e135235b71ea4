package userapi.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.CodePointLength;

import static userapi.model.Constraints.*;

/**
 * Request model of PATCH /users/{id}: every field optional (absent means unchanged), same rules as create.
 * currentPassword re-authenticates a user changing their own e-mail or password: sign-in's rules check it (the
 * production server's auth/SignedInUsers); the lecture's server, where nobody signs in, does not look at it.
 */
public record UserUpdateRequest(
        @CodePointLength(min = 1, max = NAME_MAX) @Pattern(regexp = VISIBLE_NAME, message = VISIBLE_NAME_MESSAGE)
        String name,
        @Email @Size(max = EMAIL_MAX) @Pattern(regexp = ASCII_LOCAL_PART, message = ASCII_LOCAL_PART_MESSAGE)
        String email,
        @CodePointLength(min = PASSWORD_MIN, max = PASSWORD_MAX)
        String password,
        @CodePointLength(max = PASSWORD_MAX)
        String currentPassword) {

    /** A change without a current password: a name change, or an admin's change of another user. */
    public UserUpdateRequest(String name, String email, String password) {
        this(name, email, password, null);
    }

    public UserUpdateRequest {
        name = strip(name);
        email = compatibilityForm(email);
    }

    @Override
    public String toString() {
        return "UserUpdateRequest[name=" + name + ", email=" + email + ", password=" + hidden(password)
                + ", currentPassword=" + hidden(currentPassword) + "]";
    }

    private static String hidden(String secret) {
        return secret == null ? null : "***";
    }
}
