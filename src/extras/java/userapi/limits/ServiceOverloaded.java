package userapi.limits;

import userapi.exception.ErrorCode;
import userapi.exception.ExpectedException;

/** Expected, 503 SERVICE_OVERLOADED with Retry-After: 1, INFO: too many password hashes already running. */
public final class ServiceOverloaded extends ExpectedException {
    public ServiceOverloaded() {
        super(Busy.SERVICE_OVERLOADED, "The server is busy hashing other passwords. Retry in a moment.");
    }

    /** The one code of this package: 503 with Retry-After: 1. */
    public enum Busy implements ErrorCode {
        SERVICE_OVERLOADED;

        @Override
        public int status() {
            return 503;
        }

        @Override
        public String title() {
            return "Service overloaded";
        }

        @Override
        public int retryAfterSeconds() {
            return 1;
        }
    }
}
