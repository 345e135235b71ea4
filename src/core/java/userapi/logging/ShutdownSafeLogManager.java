package userapi.logging;

import java.util.logging.LogManager;

/**
 * A LogManager whose handlers outlive the JDK's own logging shutdown hook, so the app's "stopped" line is still
 * written during shutdown; the app calls {@link #resetNow()} itself as its very last step.
 */
public final class ShutdownSafeLogManager extends LogManager {
    private static final String JDK_CLEANER = "java.util.logging.LogManager$Cleaner";

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            return; // the JDK's shutdown hook: our own hook resets after the last line
        }
        super.reset();
    }

    /** Flushes and closes every handler. */
    public void resetNow() {
        super.reset();
    }
}
