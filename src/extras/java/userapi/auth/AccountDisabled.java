package userapi.auth;

import userapi.exception.ExpectedException;

/**
 * Expected, 403 ACCOUNT_DISABLED: the password is right, but an admin has disabled this account. Only ever thrown
 * after the right password, so it tells nothing to someone guessing.
 */
public final class AccountDisabled extends ExpectedException {
    public AccountDisabled() {
        super(AuthError.ACCOUNT_DISABLED, "This account has been disabled by an admin.");
    }
}
