package userapi.exception;

import java.util.Map;

/**
 * An exception in the lecture's sense: a failure we predicted and manage (the client sent something we refuse,
 * or asked for something that is not there), as opposed to an error, the bug nobody predicted. Java draws the same
 * line: an Exception is caught and handled, an Error is not meant to be. Each one names its {@link ErrorCode};
 * the global exception handler (http/EdgeFilter) answers it with that status and code, logs it at INFO in the
 * access line, and builds it without a stack trace: it is control flow, not a crash, so it costs little.
 * Anything that is not an ExpectedException is unexpected: 500, logged at SEVERE with its stack trace.
 */
public abstract class ExpectedException extends RuntimeException {
    private final ErrorCode code;

    protected ExpectedException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Header fields this answer needs besides Content-Type (Allow, WWW-Authenticate, Retry-After); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
