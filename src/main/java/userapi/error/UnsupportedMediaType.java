package userapi.error;

/** A body was sent with a Content-Type other than application/json. */
public final class UnsupportedMediaType extends AppException {
    public UnsupportedMediaType() {
        super("The request body must be sent as application/json.");
    }
}
