package userapi.logging;

import java.io.IOException;
import java.util.logging.FileHandler;
import java.util.logging.LogRecord;

/**
 * The JDK's rotating FileHandler (configured under this class's name in logging.properties), but flushed in
 * batches by a BatchFlusher instead of after every record; WARNING and worse still reach the file at once.
 */
public final class BufferedFileHandler extends FileHandler {
    private final BatchFlusher flusher = new BatchFlusher("log-file-flush", super::flush);

    public BufferedFileHandler() throws IOException {
        super();
    }

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
