package userapi.account;

import userapi.exception.ErrorCode;

/** The codes of account recovery and verified addresses: the rows of the error table for this package's exceptions. */
public enum AccountError implements ErrorCode {
    INVALID_OR_EXPIRED_TOKEN(400, "Invalid or expired token"),
    EMAIL_NOT_VERIFIED(403, "E-mail not verified");

    private final int status;
    private final String title;

    AccountError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
