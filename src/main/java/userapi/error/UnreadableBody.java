package userapi.error;

/** The body could not be read to its end: its chunked framing is broken, or the connection broke off mid-body. */
public final class UnreadableBody extends AppException {
    public UnreadableBody() {
        super("The request body could not be read: its chunked transfer coding is malformed.");
    }
}
