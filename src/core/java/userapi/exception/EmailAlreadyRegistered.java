package userapi.exception;

/** Expected, 409 EMAIL_ALREADY_REGISTERED, INFO: the e-mail (compared ignoring case) already belongs to a user. */
public final class EmailAlreadyRegistered extends ExpectedException {
    public EmailAlreadyRegistered() {
        super(UserError.EMAIL_ALREADY_REGISTERED, "This e-mail address is already registered.");
    }
}
