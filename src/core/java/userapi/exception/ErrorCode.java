package userapi.exception;

import java.util.Locale;

/**
 * How one kind of expected failure is answered: its status, its code (the enum constant's name) and its title.
 * Each group of codes is one enum implementing this interface, so every row of the error table is written once,
 * next to its kind, and a test can walk them all. retryAfterSeconds > 0 adds Retry-After; closesConnection adds
 * Connection: close (the body was left unread and the socket cannot be reused).
 */
public interface ErrorCode {
    int status();

    String name();

    String title();

    default int retryAfterSeconds() {
        return 0;
    }

    default boolean closesConnection() {
        return false;
    }

    /** The row that answers a failure: an expected one names its own; the rest are a 503 or a 500 (ServerError). */
    static ErrorCode of(Throwable failure) {
        return switch (failure) {
            case ExpectedException expected -> expected.code();
            case StorageUnavailable e -> ServerError.SERVICE_UNAVAILABLE;
            default -> ServerError.INTERNAL_ERROR; // a bug: 500, logged at SEVERE with its stack trace
        };
    }

    /** The problem's type URI: urn:userapi:problem:user-not-found for USER_NOT_FOUND. */
    default String type() {
        return "urn:userapi:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
