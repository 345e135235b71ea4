package userapi.account;

import userapi.exception.ExpectedException;

/**
 * Expected, 400 INVALID_OR_EXPIRED_TOKEN: a token from a mail that is unknown, expired, used, superseded by a newer
 * one, or meant for an address the account no longer has. One answer for all, so none tells which.
 */
public final class InvalidOrExpiredToken extends ExpectedException {
    public InvalidOrExpiredToken() {
        super(AccountError.INVALID_OR_EXPIRED_TOKEN, "This link is invalid or has expired. Ask for a new one.");
    }
}
