package userapi.error;

/** The request has more header fields, or more header bytes, than the server accepts. */
public final class HeadersTooLarge extends AppException {
    public HeadersTooLarge(String detail) {
        super(detail);
    }
}
