package userapi.auth;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.CodePointLength;

import static userapi.model.Constraints.PASSWORD_MAX;

/** Request model of DELETE /users/{id} when the caller deletes their own account: the password that proves it. */
public record DeleteAccountRequest(@NotNull @CodePointLength(max = PASSWORD_MAX) String currentPassword) {
    @Override
    public String toString() {
        return "DeleteAccountRequest[currentPassword=***]";
    }
}
