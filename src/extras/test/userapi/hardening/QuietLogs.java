package userapi.hardening;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Raises the app's log level to WARNING for a block: thousands of INFO access lines would only slow a run down. */
final class QuietLogs {
    private final Logger appLogger = Logger.getLogger("userapi");
    private final Level previous;

    QuietLogs() {
        previous = appLogger.getLevel();
        appLogger.setLevel(Level.WARNING);
    }

    void close() {
        appLogger.setLevel(previous);
    }
}
