package userapi.limits;

import userapi.exception.ErrorCode;
import userapi.exception.ExpectedException;

import java.util.Map;

/**
 * Expected, 429 TOO_MANY_SIGN_UPS with Retry-After, INFO: this client address has made as many sign-ups in the last
 * hour as SIGNUP_LIMIT_PER_HOUR allows (SignUpLimit); the body was not read, and no password was hashed.
 */
public final class TooManySignUps extends ExpectedException {
    private final int retryAfterSeconds;

    public TooManySignUps(int retryAfterSeconds) {
        super(Throttled.TOO_MANY_SIGN_UPS, "Too many sign-ups from this address. Try again in "
                + Math.max(1, retryAfterSeconds) + " s.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until this address may sign up again, at least 1: the Retry-After header. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Retry-After is this refusal's own: until the address's oldest counted sign-up leaves the hour. */
    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(retryAfterSeconds));
    }

    /** The code of a limit on how often one client may do something: 429 with its own Retry-After. */
    public enum Throttled implements ErrorCode {
        TOO_MANY_SIGN_UPS;

        @Override
        public int status() {
            return 429;
        }

        @Override
        public String title() {
            return "Too many sign-ups";
        }
    }
}
