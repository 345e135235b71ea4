package userapi.logging;

import java.io.IOException;
import java.util.logging.FileHandler;
import java.util.logging.LogRecord;

/**
 * The JDK's rotating FileHandler (configured under this class's name in logging.properties), written by a
 * LineQueue's thread in batches instead of by each logging thread; the line is formatted by the thread that logs
 * (it knows the request id), once for both handlers. WARNING and worse still reach the file at once.
 */
public final class BufferedFileHandler extends FileHandler {
    private final LineQueue lines = new LineQueue("log-file-writer", super::publish, super::flush);

    public BufferedFileHandler() throws IOException {
        super();
    }

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
