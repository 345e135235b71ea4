package userapi.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import static userapi.model.Constraints.EMAIL_MAX;
import static userapi.model.Constraints.strip;

/** Request model of POST /auth/password-reset: the address to send a reset link to, if it has an account. */
public record PasswordResetRequest(@NotNull @Email @Size(max = EMAIL_MAX) String email) {
    public PasswordResetRequest {
        email = strip(email);
    }
}
