package userapi.account;

import userapi.exception.ExpectedException;

/**
 * Expected, 403 EMAIL_NOT_VERIFIED: the password is right, but this server signs in verified addresses only; the
 * refusal sends a new verification link (braked like any other), so a user whose link expired is not stuck.
 */
public final class EmailNotVerified extends ExpectedException {
    public EmailNotVerified() {
        super(AccountError.EMAIL_NOT_VERIFIED,
                "Verify your e-mail address first: follow the link in the newest mail we sent you. Each refused sign-in "
                        + "sends a new one, at most " + DefaultAccountService.MAILS_PER_HOUR + " an hour.");
    }
}
