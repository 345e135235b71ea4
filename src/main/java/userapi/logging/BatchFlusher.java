package userapi.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Flushes a log handler in batches: every quarter second from a daemon thread, and at once for WARNING and worse.
 * Flushing after every record (what the JDK's handlers do) costs a system call per request under load.
 */
final class BatchFlusher {
    static final long INTERVAL_MILLIS = 250;

    private final Runnable flush;
    private final Thread thread;
    private volatile boolean running = true;

    BatchFlusher(String name, Runnable flush) {
        this.flush = flush;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Call after each record is written. */
    void written(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            flush.run();
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        flush.run();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException stopping) {
                return;
            }
            flush.run();
        }
    }
}
