package userapi.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.LogRecord;

/**
 * The JDK's ConsoleHandler (standard error), flushed in batches by a BatchFlusher instead of after every record;
 * WARNING and worse still appear at once.
 */
public final class BufferedConsoleHandler extends ConsoleHandler {
    private final BatchFlusher flusher = new BatchFlusher("log-console-flush", super::flush);

    @Override
    public void publish(LogRecord record) {
        super.publish(record);
        flusher.written(record);
    }

    /** The JDK calls this after every record; the BatchFlusher flushes instead. */
    @Override
    public void flush() {
    }

    @Override
    public void close() {
        flusher.stop();
        super.close();
    }
}
