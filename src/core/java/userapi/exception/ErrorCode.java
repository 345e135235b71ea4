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

    /** The problem's type URI: urn:userapi:problem:user-not-found for USER_NOT_FOUND. */
    default String type() {
        return "urn:userapi:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
