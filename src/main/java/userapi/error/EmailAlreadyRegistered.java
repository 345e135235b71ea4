package userapi.error;

/** The e-mail (compared ignoring case) already belongs to another user. */
public final class EmailAlreadyRegistered extends AppException {
    public EmailAlreadyRegistered() {
        super("This e-mail address is already registered.");
    }
}
