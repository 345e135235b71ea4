package userapi.error;

/**
 * An expected failure of a business rule, thrown by the service layer. It knows nothing of HTTP: the status and
 * error code of each kind are chosen in one place at the edge (http/ErrorTable), by an exhaustive switch.
 */
public abstract sealed class DomainException extends ExpectedException
        permits UserNotFound, EmailAlreadyRegistered, EmailDomainNotAllowed, ValidationFailed, ServiceOverloaded,
        StaleVersion, InvalidCredentials, Forbidden, CurrentPasswordIncorrect, TooManyLoginAttempts {
    protected DomainException(String detail) {
        super(detail);
    }
}
