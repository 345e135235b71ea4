package userapi.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LineFormatter: one line per record, whatever the message holds. */
class LineFormatterTest {
    private final LineFormatter formatter = new LineFormatter();

    @AfterEach
    void clearRequestId() {
        LogContext.clear();
    }

    @Test
    void writes_one_line_with_time_level_logger_request_id_and_message() {
        LogContext.setRequestId("req-1");
        assertEquals("2026-01-02T03:04:05.678Z INFO userapi.Test [req-1] hello" + System.lineSeparator(),
                formatter.format(record("hello")));
    }

    @Test
    void cannot_be_made_to_write_a_second_line_by_the_message() {
        String line = formatter.format(record("GET /x\r\n2026-01-02T03:04:05.678Z SEVERE forged\u2028\u0085 line"));
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("GET /x\\r\\n2026-01-02T03:04:05.678Z SEVERE forged\\u2028\\u0085 line"), line);
    }

    @Test
    void escapes_user_text_given_as_a_parameter_too() {
        LogRecord record = record("created {0}");
        record.setParameters(new Object[] {"eve\nINFO forged"});
        String line = formatter.format(record);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.endsWith("created eve\\nINFO forged" + System.lineSeparator()), line);
    }

    @Test
    void marks_a_record_outside_a_request_with_a_dash() {
        assertTrue(formatter.format(record("startup")).contains(" [-] startup"));
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("userapi.Test");
        record.setInstant(Instant.parse("2026-01-02T03:04:05.678Z"));
        return record;
    }
}
