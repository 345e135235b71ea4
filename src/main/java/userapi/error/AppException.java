package userapi.error;

/**
 * Base of every failure the app expects and answers on purpose; ErrorTable maps each subclass to a status.
 * Expected failures are control flow, not bugs: they carry no stack trace, which keeps the 4xx paths cheap.
 */
public abstract class AppException extends RuntimeException {
    protected AppException(String detail) {
        super(detail, null, false, false);
    }

    /** For a failure caused by something outside the app (a database): the cause keeps its stack trace for the log. */
    protected AppException(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }
}
