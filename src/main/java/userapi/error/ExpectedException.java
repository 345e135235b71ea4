package userapi.error;

/**
 * An expected failure (the lecture's "error", as opposed to a bug): the client sent something we refuse, or asked
 * for something that is not there. Answered with a 4xx (or a 503 when we are busy), logged at INFO in the
 * request's access line, and built without a stack trace: it is control flow, not a crash, so it costs little.
 * Anything that is not an ExpectedException is unexpected: 500, logged at SEVERE with its stack trace.
 * Sealed, so the one table that answers them (http/ErrorTable) is checked by the compiler to cover every kind.
 */
public abstract sealed class ExpectedException extends RuntimeException permits DomainException, RejectedRequest {
    protected ExpectedException(String detail) {
        super(detail, null, false, false);
    }
}
