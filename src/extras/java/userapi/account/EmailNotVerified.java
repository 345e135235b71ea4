package userapi.account;

import userapi.exception.ExpectedException;

/** Expected, 403 EMAIL_NOT_VERIFIED: the password is right, but this server signs in verified addresses only. */
public final class EmailNotVerified extends ExpectedException {
    public EmailNotVerified() {
        super(AccountError.EMAIL_NOT_VERIFIED,
                "Verify your e-mail address first: follow the link in the mail we sent, or ask for a new one.");
    }
}
