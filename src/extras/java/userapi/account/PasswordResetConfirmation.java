package userapi.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.CodePointLength;

import static userapi.model.Constraints.PASSWORD_MAX;
import static userapi.model.Constraints.PASSWORD_MIN;

/** Request model of POST /auth/password-reset/confirm: the token from the mail and the new password (same rules as sign-up). */
public record PasswordResetConfirmation(
        @NotNull @Size(max = AccountService.TOKEN_MAX_LENGTH) String token,
        @NotNull @CodePointLength(min = PASSWORD_MIN, max = PASSWORD_MAX) String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetConfirmation[token=***, newPassword=***]";
    }
}
