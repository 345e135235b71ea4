package userapi.model;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.CodePointLength;

import static userapi.model.Constraints.*;

/**
 * Request model of POST /users (Pydantic's UserCreate): name and e-mail arrive trimmed, the e-mail in its NFKC form
 * (full-width letters become ASCII: Constraints.compatibilityForm), the password as sent.
 */
public record UserCreateRequest(
        @NotNull @CodePointLength(min = 1, max = NAME_MAX) @Pattern(regexp = VISIBLE_NAME, message = VISIBLE_NAME_MESSAGE)
        String name,
        @NotNull @Email @Size(max = EMAIL_MAX) @Pattern(regexp = ASCII_LOCAL_PART, message = ASCII_LOCAL_PART_MESSAGE)
        String email,
        @NotNull @CodePointLength(min = PASSWORD_MIN, max = PASSWORD_MAX)
        String password) {

    public UserCreateRequest {
        name = strip(name);
        email = compatibilityForm(email);
    }

    @Override
    public String toString() {
        return "UserCreateRequest[name=" + name + ", email=" + email + ", password=***]";
    }
}
