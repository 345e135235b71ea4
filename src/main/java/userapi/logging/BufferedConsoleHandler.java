package userapi.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.LogRecord;

/**
 * The JDK's ConsoleHandler (standard error), written by a LineQueue's thread in batches instead of by each
 * logging thread; the line is formatted by the thread that logs (it knows the request id), once for both handlers.
 * WARNING and worse still appear at once.
 */
public final class BufferedConsoleHandler extends ConsoleHandler {
    private final LineQueue lines = new LineQueue("log-console-writer", super::publish, super::flush);

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            lines.add(FormattedRecord.of(record, getFormatter()));
        }
    }

    /** The JDK calls this after every record; the LineQueue flushes instead. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
        lines.stop();
        super.close();
    }
}
