package userapi.error;

/** Expected, 401 INVALID_CREDENTIALS, INFO: no user has this e-mail, or the password is wrong; the client is not told which. */
public final class InvalidCredentials extends DomainException {
    public InvalidCredentials() {
        super("The e-mail or the password is not correct.");
    }
}
