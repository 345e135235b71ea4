package userapi.auth;

import userapi.model.User;

/**
 * A rule a user must still pass once their password matched, before a token is issued (e.g. "the address must be
 * verified"): it throws the expected exception that says why not. Asked only after the right password, so its
 * answer tells nothing to someone guessing.
 */
@FunctionalInterface
public interface LoginCheck {
    LoginCheck NONE = user -> { };

    void passwordMatched(User user);

    /** This check, then the next one if this one passed. */
    default LoginCheck andThen(LoginCheck next) {
        return user -> {
            passwordMatched(user);
            next.passwordMatched(user);
        };
    }
}
