package userapi.error;

/**
 * The database could not be reached or refused a read or write: nothing was saved, the client may retry.
 * Its detail is the same generic sentence for every cause; the cause itself goes to the log only.
 */
public final class StorageUnavailable extends AppException {
    public StorageUnavailable(Throwable cause) {
        super("The user store is unavailable right now; nothing was changed. Try again shortly.", cause);
    }
}
