package userapi.error;

/** Expected, 409 EMAIL_ALREADY_REGISTERED, INFO: the e-mail (compared ignoring case) already belongs to a user. */
public final class EmailAlreadyRegistered extends DomainException {
    public EmailAlreadyRegistered() {
        super("This e-mail address is already registered.");
    }
}
