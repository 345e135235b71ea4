package userapi.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.CodePointLength;

import static userapi.model.Constraints.*;

/**
 * Request model of POST /auth/login. Only presence and length are checked here: an e-mail that is not an address
 * or a password too short to have been accepted at sign-up is simply not a user, and gets the same 401.
 */
public record LoginRequest(
        @NotNull @Size(max = EMAIL_MAX)
        String email,
        @NotNull @CodePointLength(max = PASSWORD_MAX)
        String password) {

    public LoginRequest {
        email = strip(email);
    }

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=***]";
    }
}
