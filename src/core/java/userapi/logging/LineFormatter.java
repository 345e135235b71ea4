package userapi.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record: ISO-8601 UTC time, level, logger, [request id], message. The message is escaped so no
 * client text can forge or split a line; a stack trace, when there is one, follows on the next lines.
 */
public final class LineFormatter extends Formatter {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** An epoch second and its text, "2026-11-25T00:27:03". */
    private record Second(long epochSecond, String text) {
    }

    /** The last second formatted: most lines share their second with the one before. */
    private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    @Override
    public String format(LogRecord record) {
        Instant time = record.getInstant() == null ? Instant.now() : record.getInstant();
        StringBuilder line = new StringBuilder(160);
        appendTime(line, time);
        line.append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(" [")
                .append(currentRequestId()).append("] ")
                .append(LogText.escape(formatMessage(record)))
                .append(System.lineSeparator());
        appendTrace(line, record.getThrown());
        return line.toString();
    }

    /**
     * The stack trace, one frame a line as printStackTrace writes it, but with each exception's message escaped:
     * a message can carry client text (a driver quoting a value, say), and must not start a forged line.
     */
    private static void appendTrace(StringBuilder line, Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            line.append(t == thrown ? "" : "Caused by: ").append(LogText.escape(t.toString())).append(System.lineSeparator());
            for (StackTraceElement frame : t.getStackTrace()) {
                line.append("\tat ").append(frame).append(System.lineSeparator());
            }
        }
    }

    /** yyyy-MM-dd'T'HH:mm:ss.SSS'Z', the date and time part formatted once a second. */
    private void appendTime(StringBuilder line, Instant time) {
        Second second = lastSecond;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = new Second(time.getEpochSecond(), SECOND.format(time));
            lastSecond = second;
        }
        String prefix = second.text();
        int millis = time.getNano() / 1_000_000;
        line.append(prefix).append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
    }

    private static String currentRequestId() {
        String id = LogContext.requestId();
        return id == null ? "-" : id;
    }
}
