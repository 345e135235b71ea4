package userapi.exception;

/**
 * Unexpected, but not a bug of ours: the database could not be reached or refused a read or write. Nothing was
 * saved; answered 503 SERVICE_UNAVAILABLE with Retry-After and logged at SEVERE with the database's own error as
 * the stack trace. Its detail is the same generic sentence for every cause; the cause goes to the log only.
 */
public final class StorageUnavailable extends RuntimeException {
    public StorageUnavailable(Throwable cause) {
        super("The user store is unavailable right now; nothing was changed. Try again shortly.", cause);
    }
}
