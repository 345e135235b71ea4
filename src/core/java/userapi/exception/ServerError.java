package userapi.exception;

/**
 * The answers to unexpected failures: a bug (500, the detail hidden) or a store that cannot be reached (503 with
 * Retry-After). Not thrown as codes of an ExpectedException; the global exception handler picks one of them.
 */
public enum ServerError implements ErrorCode {
    INTERNAL_ERROR(500, "Internal server error", 0),
    SERVICE_UNAVAILABLE(503, "Service unavailable", 5);

    private final int status;
    private final String title;
    private final int retryAfterSeconds;

    ServerError(int status, String title, int retryAfterSeconds) {
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
