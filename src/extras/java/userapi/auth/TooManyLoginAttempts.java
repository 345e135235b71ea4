package userapi.auth;

import userapi.exception.ExpectedException;

import java.util.Map;

/**
 * Expected, 429 TOO_MANY_LOGIN_ATTEMPTS with Retry-After, INFO: too many wrong passwords lately for this e-mail from
 * this address, or from this address for any e-mails (PasswordBrake); refused even with the right password until
 * the oldest counted failure leaves the window. The message names neither, and says nothing about an account.
 */
public final class TooManyLoginAttempts extends ExpectedException {
    private final int retryAfterSeconds;

    public TooManyLoginAttempts(int retryAfterSeconds) {
        super(AuthError.TOO_MANY_LOGIN_ATTEMPTS, "Too many wrong passwords from this address. Try again in "
                + Math.max(1, retryAfterSeconds) + " s.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until a password is checked again, at least 1: the Retry-After header. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Retry-After is this refusal's own: until the count's oldest failure leaves the window. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
