package userapi.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record: ISO-8601 UTC time, level, logger, [request id], message. The message is escaped so no
 * client text can forge or split a line; a stack trace, when there is one, follows on the next lines.
 */
public final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(record.getInstant() == null ? Instant.now() : record.getInstant())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(" [")
                .append(currentRequestId()).append("] ")
                .append(LogText.escape(formatMessage(record)))
                .append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    private static String currentRequestId() {
        String id = LogContext.requestId();
        return id == null ? "-" : id;
    }
}
