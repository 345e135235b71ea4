package userapi.error;

/** The request target is longer than the server accepts. */
public final class UriTooLong extends AppException {
    public UriTooLong(int limit) {
        super("The request URI is longer than " + limit + " characters.");
    }
}
