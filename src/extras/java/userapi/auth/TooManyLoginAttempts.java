package userapi.auth;

import userapi.exception.ExpectedException;

import java.util.Map;

/**
 * Expected, 429 TOO_MANY_LOGIN_ATTEMPTS with Retry-After, INFO: too many failed logins for this e-mail lately;
 * refused even with the right password until the oldest failure leaves the window.
 */
public final class TooManyLoginAttempts extends ExpectedException {
    private final int retryAfterSeconds;

    public TooManyLoginAttempts(int retryAfterSeconds) {
        super(AuthError.TOO_MANY_LOGIN_ATTEMPTS, "Too many failed logins for this e-mail. Try again in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until a login for this e-mail is tried again, at least 1: the Retry-After header. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Retry-After is this instance's own: until its e-mail's window passes. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
