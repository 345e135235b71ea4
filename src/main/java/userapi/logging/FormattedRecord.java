package userapi.logging;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * A record with its line already made by LineFormatter on the thread that logged it, where the request id is
 * known: the handlers' writer threads write the line as it is, and the second handler reuses the first's line.
 */
final class FormattedRecord extends LogRecord {
    private final String line;

    private FormattedRecord(LogRecord record, String line) {
        super(record.getLevel(), record.getMessage());
        setLoggerName(record.getLoggerName());
        setInstant(record.getInstant());
        setThrown(record.getThrown());
        setParameters(record.getParameters());
        setSequenceNumber(record.getSequenceNumber());
        setLongThreadID(record.getLongThreadID());
        this.line = line;
    }

    /** The record formatted once per logging thread, if the handler's formatter is a LineFormatter. */
    static LogRecord of(LogRecord record, Formatter formatter) {
        if (!(formatter instanceof LineFormatter) || record instanceof FormattedRecord) {
            return record; // any other formatter formats on the writer thread, as the JDK's handlers would
        }
        try {
            return LogContext.formattedOnce(record, () -> new FormattedRecord(record, formatter.format(record)));
        } catch (RuntimeException failure) {
            return record; // the handler's publish formats it again and reports the failure, never the logging thread
        }
    }

    String line() {
        return line;
    }
}
