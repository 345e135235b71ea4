package userapi.error;

/** The body is not one well-formed JSON value. The detail never repeats the client's text. */
public final class MalformedJson extends AppException {
    public MalformedJson(String detail) {
        super(detail);
    }
}
