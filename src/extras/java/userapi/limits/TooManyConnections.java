package userapi.limits;

import userapi.exception.ErrorCode;
import userapi.exception.ExpectedException;

/**
 * Expected, 429 TOO_MANY_CONNECTIONS with Retry-After: 1 and Connection: close, INFO: this client already has as
 * many requests in progress as one client may.
 */
public final class TooManyConnections extends ExpectedException {
    public TooManyConnections(int cap) {
        super(Crowded.TOO_MANY_CONNECTIONS, "This client already has " + cap
                + " requests in progress, as many as one client may. Retry when one of them is answered.");
    }

    /** The code: 429, and the connection it came on is closed, so the client holds one connection fewer. */
    public enum Crowded implements ErrorCode {
        TOO_MANY_CONNECTIONS;

        @Override
        public int status() {
            return 429;
        }

        @Override
        public String title() {
            return "Too many connections";
        }

        @Override
        public int retryAfterSeconds() {
            return 1;
        }

        @Override
        public boolean closesConnection() {
            return true;
        }
    }
}
