package userapi.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request model of POST /auth/verify-email: the token from the verification mail. */
public record EmailVerificationRequest(@NotNull @Size(max = AccountService.TOKEN_MAX_LENGTH) String token) {
    @Override
    public String toString() {
        return "EmailVerificationRequest[token=***]";
    }
}
