package userapi.error;

/**
 * Base of every failure the app expects and answers on purpose; ErrorTable maps each subclass to a status.
 * Expected failures are control flow, not bugs: they carry no stack trace, which keeps the 4xx paths cheap.
 */
public abstract class AppException extends RuntimeException {
    protected AppException(String detail) {
        super(detail, null, false, false);
    }
}
