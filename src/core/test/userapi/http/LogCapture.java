package userapi.http;

import userapi.logging.LineFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test support: records everything some loggers publish while a test runs (each record with the line that
 * LineFormatter makes of it on the logging thread, so the request id is the one of that moment), then detaches
 * and puts the loggers' level and parent handlers back. Parent handlers are off meanwhile to keep the console quiet.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    /** One published record and its formatted line. */
    public record Captured(LogRecord record, String line) {
        public Level level() {
            return record.getLevel();
        }

        public String message() {
            return record.getMessage();
        }

        public String loggerName() {
            return record.getLoggerName();
        }
    }

    private final LineFormatter formatter = new LineFormatter();
    private final BlockingQueue<Captured> arrived = new LinkedBlockingQueue<>();
    private final List<Captured> seen = new ArrayList<>();
    private final List<Logger> loggers = new ArrayList<>(); // strong references: a collected logger loses its handler
    private final List<Level> previousLevels = new ArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture attach(Class<?>... classes) {
        LogCapture capture = new LogCapture();
        for (Class<?> type : classes) {
            Logger logger = Logger.getLogger(type.getName());
            capture.loggers.add(logger);
            capture.previousLevels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false);
            logger.addHandler(capture);
        }
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        arrived.add(new Captured(record, formatter.format(record)));
    }

    /** Waits (at most ten seconds, so a missing record fails instead of hanging) for a record that matches. */
    public synchronized Captured await(Predicate<Captured> wanted) {
        for (Captured c : seen) {
            if (wanted.test(c)) {
                return c;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Captured next = left > 0 ? arrived.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    throw new AssertionError("no such log record arrived; seen: " + all());
                }
                seen.add(next);
                if (wanted.test(next)) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a log record", e);
        }
    }

    /** Every record published so far. */
    public synchronized List<Captured> all() {
        arrived.drainTo(seen);
        return List.copyOf(seen);
    }

    public synchronized List<Captured> from(Class<?> type, Level level) {
        return all().stream().filter(c -> c.loggerName().equals(type.getName()) && c.level().equals(level)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            Logger logger = loggers.get(i);
            logger.removeHandler(this);
            logger.setLevel(previousLevels.get(i));
            logger.setUseParentHandlers(true);
        }
    }
}
